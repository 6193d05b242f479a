package io.oppsuite.opportunity.pool;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import io.oppsuite.common.idempotency.IdempotentRequests;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.oppsuite.common.web.Preconditions;
import io.oppsuite.common.web.Page;
import io.oppsuite.opportunity.core.OpportunityFilters;
import io.oppsuite.opportunity.core.OpportunityView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Opportunity pools: admin configures them; members claim their deals; members, managers and admins look into them.
 * Translates HTTP; {@link PoolService} opens the transactions.
 */
@Path("/opportunity-pools")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Opportunity pools", description = "Shared pools of unowned deals that members may claim.")
public class PoolResource {

    @Inject
    CallerContext callerContext;

    @Inject
    PoolService pools;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createOpportunityPool", summary = "Create an opportunity pool", description = "Who may claim its deals: members of memberDepartments "
            + "(JWT department) or memberGroups (JWT groups); both empty: everyone in the tenant. Names are unique per tenant "
            + "(409 pool-name-taken). Emits opportunity-pool.upserted. Send an Idempotency-Key to retry safely.")
    @APIResponse(responseCode = "201", description = "Created; ETag carries the version", content = @Content(schema = @Schema(implementation = PoolView.class)), headers = {@Header(ref = "ETag"), @Header(ref = "Location")})
    @APIResponse(responseCode = "409", description = "Name taken (type pool-name-taken)")
    public Uni<Response> create(@Valid @NotNull PoolRequest request, @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return pools.create(callerContext.current(), request, idempotencyKey,
                pool -> Response.created(URI.create("/opportunity-pools/" + pool.id)).tag(String.valueOf(pool.version))
                        .entity(pools.view(pool)).build());
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
    @Operation(operationId = "listOpportunityPools", summary = "The pools the caller may look into", description = "Admins and managers: every pool of the tenant; "
            + "others: the pools they may claim from.")
    public Uni<List<PoolView>> list() {
        return pools.visible(callerContext.current()).map(list -> list.stream().map(pools::view).toList());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
    @Operation(operationId = "getOpportunityPool", summary = "Read a pool", description = "ETag carries the version for If-Match. 404 for a pool the caller may not look into.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = PoolView.class)), headers = {@Header(ref = "ETag")})
    public Uni<Response> get(@PathParam("id") UUID id) {
        return pools.visible(callerContext.current(), id).map(pool -> Response.ok(pools.view(pool)).tag(String.valueOf(pool.version)).build());
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "replaceOpportunityPool", summary = "Replace a pool", description = "If-Match guards against lost updates (412 when stale). "
            + "Emits opportunity-pool.upserted.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = PoolView.class)), headers = {@Header(ref = "ETag")})
    public Uni<Response> update(@PathParam("id") UUID id, @Valid @NotNull PoolRequest request, @HeaderParam("If-Match") String ifMatch) {
        return pools.update(callerContext.current(), id, Preconditions.ifMatchVersion(ifMatch), request)
                .map(pool -> Response.ok(pools.view(pool)).tag(String.valueOf(pool.version)).build());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteOpportunityPool", summary = "Delete an empty pool", description = "A pool still holding opportunities is kept (409 pool-not-empty "
            + "with their count). If-Match is honoured when sent. Emits opportunity-pool.deleted.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "Opportunities still in the pool (type pool-not-empty)")
    public Uni<Response> delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return pools.delete(callerContext.current(), id, Preconditions.ifMatchVersion(ifMatch)).map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("{id}/opportunities")
    @RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
    @Operation(operationId = "listPoolOpportunities", summary = "The opportunities waiting in a pool", description = "For the pool's members, managers and admins (404 "
            + "otherwise). Filters and paging as on GET /opportunities: stage, department, status, overdue, closeFrom/closeTo, "
            + "sort, page/size or cursor (nextCursor).")
    public Uni<Page<OpportunityView>> opportunities(@PathParam("id") UUID id, @BeanParam OpportunityFilters filters,
                                                    @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                                    @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size,
                                                    @QueryParam("cursor") @Size(max = 2048) String cursor) {
        return pools.opportunities(callerContext.current(), id, filters.query(null), page, size, cursor);
    }
}
