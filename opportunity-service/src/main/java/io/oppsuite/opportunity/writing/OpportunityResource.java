package io.oppsuite.opportunity.writing;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.common.idempotency.IdempotentRequests;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.oppsuite.common.web.Preconditions;
import io.oppsuite.common.web.Page;
import io.oppsuite.opportunity.core.ChangeOwner;
import io.oppsuite.opportunity.core.CreateOpportunity;
import io.oppsuite.opportunity.core.OpportunityFilters;
import io.oppsuite.opportunity.core.OpportunityListing;
import io.oppsuite.opportunity.core.OpportunityView;
import io.oppsuite.opportunity.core.ReplaceLineItems;
import io.oppsuite.opportunity.core.Written;
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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * The deal itself over HTTP: create, read, list, PATCH, line items, owner, delete. Translates HTTP
 * only; {@link OpportunityService} and {@link OpportunityCreation} open the transactions. Moves,
 * tasks, pools, duplicates, import and lead conversion answer from their own packages.
 */
@Path("/opportunities")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
@Tag(name = "Opportunities", description = "Deals: create, read, list, change, move through stages, reopen, import, convert leads.")
public class OpportunityResource {

    /** RFC 7396. */
    public static final String MERGE_PATCH = "application/merge-patch+json";

    @Inject
    CallerContext callerContext;

    @Inject
    OpportunityService service;

    @Inject
    OpportunityCreation creation;

    @Inject
    OpportunityListing listing;

    @POST
    @Operation(operationId = "createOpportunity", summary = "Create an opportunity", description = "Starts in the first in-progress stage of its sales process. "
            + "Duplicate rules apply (409 BLOCK / duplicateWarnings for WARN); the owner's holding limit is reserved with "
            + "holding-service (409 holding-limit-exceeded; 503 with Retry-After when it is unavailable, nothing written). "
            + "With an active creation approval flow the opportunity starts PENDING_APPROVAL. "
            + "Send an Idempotency-Key to retry safely.")
    @APIResponse(responseCode = "201", description = "Created; ETag carries the version", content = @Content(schema = @Schema(implementation = OpportunityView.class)), headers = {@Header(ref = "ETag"), @Header(ref = "Location")})
    @APIResponse(responseCode = "409", description = "Duplicate (type duplicate-opportunity) or holding limit (type holding-limit-exceeded)")
    @APIResponse(responseCode = "503", description = "holding-service unavailable; Retry-After given, nothing written")
    public Uni<Response> create(@Valid @NotNull CreateOpportunity request,
                                @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return creation.createResponse(callerContext.current(), request, null, idempotencyKey);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getOpportunity", summary = "Read an opportunity", description = "ETag carries the version for If-Match. Readable by its owner, "
            + "their department's manager, admins and, while it sits in a pool, whoever may look into that pool.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = OpportunityView.class)), headers = {@Header(ref = "ETag")})
    public Uni<Response> get(@PathParam("id") UUID id) {
        return service.read(callerContext.current(), id).map(OpportunityResource::ok);
    }

    @GET
    @Operation(operationId = "listOpportunities", summary = "List opportunities the caller may see", description = "Filters: stage, owner, department, status, "
            + "overdue, closeFrom/closeTo (expected close date). sort: comma separated fields, '-' for descending "
            + "(name, amount, expectedCloseDate, createdAt, updatedAt, stageEnteredAt, winRate; default -createdAt; id breaks ties). "
            + "Paging by page (from 0) and size (1-200), answering page and total; or by cursor: pass the nextCursor of the "
            + "previous answer (keyset paging, stable while rows are inserted; no total). nextCursor is absent on the last page. "
            + "Cursor paging needs sort fields that are never empty: with expectedCloseDate a cursor is a 400.")
    @APIResponse(responseCode = "400", description = "Unknown sort field, malformed cursor, a cursor of another sort, or cursor with expectedCloseDate")
    @APIResponse(responseCode = "200", description = "OK")
    public Uni<Page<OpportunityView>> list(@BeanParam OpportunityFilters filters, @QueryParam("owner") String owner,
                                           @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                           @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size,
                                           @QueryParam("cursor") @Size(max = 2048) String cursor) {
        return listing.visible(callerContext.current(), filters.query(owner), page, size, cursor);
    }

    @PATCH
    @Path("{id}")
    @Consumes({OpportunityResource.MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(operationId = "updateOpportunity", summary = "Change fields of an opportunity", description = "JSON Merge Patch (RFC 7396; application/merge-patch+json, "
            + "plain application/json accepted): members left out keep their value, null clears an optional field (accountId, "
            + "accountName, expectedCloseDate, contactId, contactName, a custom field; name, amount, currency and winRate cannot "
            + "be cleared), customFields merge member by member. A patch that changes nothing answers 200 with the same version "
            + "and emits nothing. The result must meet the entry conditions of the deal's stage (422 stage-conditions-unmet "
            + "listing every unmet rule). A change to an open deal is reserved with holding-service for its owner first, as a "
            + "create is (the holding definition may read the changed field): 409 holding-limit-exceeded, 503 when unavailable, "
            + "nothing written. Stage, status, owner and other server-owned fields cannot be set here (400).")
    @APIResponse(responseCode = "200", description = "The opportunity as GET answers it; ETag carries the version", content = @Content(schema = @Schema(implementation = OpportunityView.class)), headers = {@Header(ref = "ETag")})
    @APIResponse(responseCode = "409", description = "Duplicate (BLOCK rule for updates) or holding limit (holding-limit-exceeded)")
    @APIResponse(responseCode = "422", description = "stage-conditions-unmet (unmetRules), amount-from-line-items, opportunity-closed")
    public Uni<Response> update(@PathParam("id") UUID id, @NotNull JsonNode patch, @HeaderParam("If-Match") String ifMatch) {
        return service.update(callerContext.current(), id, Preconditions.ifMatchVersion(ifMatch), patch)
                .map(OpportunityResource::ok);
    }

    /** 200 with the deal as GET answers it (line items included) and its ETag. */
    static Response ok(Written deal) {
        return Response.ok(deal.view()).tag(String.valueOf(deal.opportunity().version)).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteOpportunity", summary = "Delete an opportunity", description = "Emits opportunity.deleted. A Won, Lost or Invalid deal is a record "
            + "of what happened (a sales order may have gone out): only admins delete it (403 for anyone else); reopen it instead "
            + "(POST /opportunities/{id}/reopen).")
    @APIResponse(responseCode = "403", description = "A closed deal, deleted by someone who is not an admin")
    @APIResponse(responseCode = "204", description = "No content")
    public Uni<Response> delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return service.delete(callerContext.current(), id, Preconditions.ifMatchVersion(ifMatch))
                .map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("{id}/owner")
    @Operation(operationId = "changeOpportunityOwner", summary = "Assign, change owner or take over", description = "By whoever may see the opportunity (owner, "
            + "their manager, admin); ownerId null: the caller takes it. Also assigns a deal out of its pool (members claim "
            + "with POST /opportunities/{id}/claim). The new owner's holding limit is reserved with holding-service first "
            + "(409 / 503 as on create).")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = OpportunityView.class)), headers = {@Header(ref = "ETag")})
    public Uni<Response> changeOwner(@PathParam("id") UUID id, @Valid @NotNull ChangeOwner request, @HeaderParam("If-Match") String ifMatch) {
        Caller caller = callerContext.current();
        String owner = request.ownerId() == null ? caller.employeeId() : request.ownerId();
        return service.changeOwner(caller, id, Preconditions.ifMatchVersion(ifMatch), owner, request.departmentId())
                .map(OpportunityResource::ok);
    }

    @PUT
    @Path("{id}/line-items")
    @Operation(operationId = "replaceLineItems", summary = "Replace the line items in one call", description = "The amount becomes the line items' total. The "
            + "stage's entry conditions and the owner's holding limit apply as for a PATCH.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = OpportunityView.class)), headers = {@Header(ref = "ETag")})
    public Uni<Response> replaceLineItems(@PathParam("id") UUID id, @Valid @NotNull ReplaceLineItems request,
                                          @HeaderParam("If-Match") String ifMatch) {
        return service.replaceLineItems(callerContext.current(), id, Preconditions.ifMatchVersion(ifMatch), request.lineItems())
                .map(OpportunityResource::ok);
    }
}
