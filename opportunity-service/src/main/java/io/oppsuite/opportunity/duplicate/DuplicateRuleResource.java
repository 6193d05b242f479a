package io.oppsuite.opportunity.duplicate;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.oppsuite.common.web.Preconditions;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Admin CRUD of the tenant's duplicate rules. Translates HTTP; {@link DuplicateRules} opens the transactions. */
@Path("/duplicate-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Duplicate rules", description = "Rules that find, warn about or block duplicate opportunities, and the check itself.")
public class DuplicateRuleResource {

    @Inject
    CallerContext callerContext;

    @Inject
    DuplicateRules rules;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createDuplicateRule", summary = "Create a duplicate rule", description = "Matchers: ACCOUNT_EXACT, NAME_NORMALIZED, PRODUCT_LINE, "
            + "CLOSE_DATE_WITHIN (days), OWNER; ANDed. Action BLOCK (409) or WARN. appliesTo CREATE, UPDATE, IMPORT or ALL (default).")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = DuplicateRuleView.class)), headers = {@Header(ref = "ETag"), @Header(ref = "Location")})
    public Uni<Response> create(@Valid @NotNull DuplicateRuleRequest request) {
        return rules.create(callerContext.current(), request)
                .map(saved -> Response.created(URI.create("/duplicate-rules/" + saved.id)).tag(String.valueOf(saved.version))
                        .entity(rules.view(saved)).build());
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
    @Operation(operationId = "listDuplicateRules", summary = "The tenant's duplicate rules")
    public Uni<List<DuplicateRuleView>> list() {
        return rules.list(callerContext.current()).map(list -> list.stream().map(rules::view).toList());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
    @Operation(operationId = "getDuplicateRule", summary = "Read a duplicate rule", description = "ETag carries the version for If-Match.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = DuplicateRuleView.class)), headers = {@Header(ref = "ETag")})
    public Uni<Response> get(@PathParam("id") UUID id) {
        return rules.get(callerContext.current(), id).map(r -> Response.ok(rules.view(r)).tag(String.valueOf(r.version)).build());
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "replaceDuplicateRule", summary = "Replace a duplicate rule", description = "If-Match guards against lost updates; keys are recomputed.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = DuplicateRuleView.class)), headers = {@Header(ref = "ETag")})
    public Uni<Response> update(@PathParam("id") UUID id, @Valid @NotNull DuplicateRuleRequest request, @HeaderParam("If-Match") String ifMatch) {
        Caller caller = callerContext.current();
        Long expected = Preconditions.ifMatchVersion(ifMatch);
        return rules.update(caller, id, expected, request).map(saved -> Response.ok(rules.view(saved)).tag(String.valueOf(saved.version)).build());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteDuplicateRule", summary = "Delete a duplicate rule", description = "Its keys go with it; opportunities are not touched. "
            + "If-Match with the ETag: the rule deleted is the one the caller saw.")
    @APIResponse(responseCode = "204", description = "No content")
    public Uni<Response> delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        long expected = Preconditions.ifMatchVersion(ifMatch);
        return rules.delete(callerContext.current(), id, expected).map(ignored -> Response.noContent().build());
    }
}
