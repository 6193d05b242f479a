package io.oppsuite.holding.rule;

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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Admin CRUD of holding rules; each change is published as holding-rule.changed. */
@Path("/holding-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Holding rules", description = "How many open deals an employee, department or user group may hold, and which deals count.")
public class RuleResource {

    static final String INVALID = "invalid-holding-rule";
    static final String TITLE = "Invalid holding rule";

    @Inject
    CallerContext callerContext;

    @Inject
    HoldingRules rules;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createHoldingRule", summary = "Create a holding rule", description = "scope EMPLOYEES (each employee matching employeeConditions on "
            + "their own), DEPARTMENT or USER_GROUP (scopeId's members together). Exactly one of limit (a number) or limitField "
            + "(an employee numeric attribute, e.g. quota). opportunityConditions narrow which held opportunities count. "
            + "employeeConditions see the employee as {id, name, departmentId, managerId, userGroups, attributes: {quota, level, ...}}, "
            + "e.g. {\"field\":\"attributes.level\",\"operator\":\"LT\",\"value\":3}.")
    @APIResponse(responseCode = "201", description = "Created; ETag carries the version", content = @Content(schema = @Schema(implementation = RuleView.class)), headers = {@Header(ref = "ETag"), @Header(ref = "Location")})
    @APIResponse(responseCode = "422", description = "Inconsistent rule (both or neither limit, missing scopeId, bad condition)")
    public Uni<Response> create(@Valid @NotNull RuleRequest request) {
        return rules.create(callerContext.current(), request)
                .map(saved -> Response.created(URI.create("/holding-rules/" + saved.id)).tag(String.valueOf(saved.version))
                        .entity(RuleView.of(saved)).build());
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
    @Operation(operationId = "listHoldingRules", summary = "The tenant's holding rules")
    public Uni<List<RuleView>> list() {
        return rules.list(callerContext.current()).map(l -> l.stream().map(RuleView::of).toList());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
    @Operation(operationId = "getHoldingRule", summary = "One holding rule")
    @APIResponse(responseCode = "404", description = "No such rule in the caller's tenant")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = RuleView.class)), headers = {@Header(ref = "ETag")})
    public Uni<Response> get(@PathParam("id") UUID id) {
        return rules.get(callerContext.current(), id).map(r -> Response.ok(RuleView.of(r)).tag(String.valueOf(r.version)).build());
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "replaceHoldingRule", summary = "Replace a holding rule", description = "If-Match with the ETag guards against lost updates (412).")
    @APIResponse(responseCode = "412", description = "Stale If-Match")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = RuleView.class)), headers = {@Header(ref = "ETag")})
    public Uni<Response> update(@PathParam("id") UUID id, @Valid @NotNull RuleRequest request, @HeaderParam("If-Match") String ifMatch) {
        Long expected = Preconditions.ifMatchVersion(ifMatch);
        Caller caller = callerContext.current();
        return rules.update(caller, id, expected, request)
                .map(saved -> Response.ok(RuleView.of(saved)).tag(String.valueOf(saved.version)).build());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteHoldingRule", summary = "Delete a holding rule", description = "If-Match with the ETag: the rule deleted is the one the caller saw.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Response> delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        Caller caller = callerContext.current();
        long expected = Preconditions.ifMatchVersion(ifMatch);
        return rules.delete(caller, id, expected).map(ignored -> Response.noContent().build());
    }
}
