package io.oppsuite.holding.rule;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import io.oppsuite.common.contracts.SalesProcessSnapshot.FieldCondition;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.oppsuite.common.web.Preconditions;
import io.oppsuite.holding.limit.HoldingLimits;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The tenant's holding definition: which opportunities count as held at all. */
@Path("/holding-definition")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Holding rules", description = "How many open deals an employee, department or user group may hold, and which deals count.")
public class DefinitionResource {

    @Inject
    CallerContext callerContext;

    @Inject
    HoldingDefinitions definitions;

    public record DefinitionRequest(@NotNull @Size(max = 20) List<@jakarta.validation.Valid FieldCondition> conditions) {
    }

    /** @param standard true while the tenant has not set its own (the default: ACTIVE/PENDING_APPROVAL in an IN_PROGRESS stage) */
    public record DefinitionView(List<FieldCondition> conditions, boolean standard, long version) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
    @Operation(operationId = "getHoldingDefinition", summary = "Which opportunities count as held")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = DefinitionView.class)), headers = {@Header(ref = "ETag")})
    public Uni<Response> get() {
        return definitions.get(callerContext.current()).map(DefinitionResource::answer);
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "replaceHoldingDefinition", summary = "Set which opportunities count as held", description = "Conditions on opportunity fields (status, "
            + "stageType, amount, ...), all must hold. If-Match with the ETag guards against lost updates (required once the "
            + "definition exists: 428 without it, 412 when stale).")
    @APIResponse(responseCode = "422", description = "A malformed condition")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = DefinitionView.class)), headers = {@Header(ref = "ETag")})
    public Uni<Response> put(@Valid @NotNull DefinitionRequest request, @HeaderParam("If-Match") String ifMatch) {
        return definitions.put(callerContext.current(), request, ifMatch).map(DefinitionResource::answer);
    }

    private static Response answer(HoldingDefinition d) {
        DefinitionView view = d == null ? new DefinitionView(HoldingLimits.DEFAULT_DEFINITION, true, 0)
                : new DefinitionView(ConditionJson.read(d.conditions), false, d.version);
        return Response.ok(view).tag(String.valueOf(view.version())).build();
    }
}
