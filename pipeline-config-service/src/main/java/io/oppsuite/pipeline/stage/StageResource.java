package io.oppsuite.pipeline.stage;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import io.oppsuite.common.idempotency.IdempotentRequests;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.oppsuite.common.web.Preconditions;
import io.oppsuite.common.web.Page;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/** The tenant's stage catalogue (the values of the "Opportunity Stage" field). Everyone reads, admins write. */
@Path("/stages")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
@Tag(name = "Stage catalogue", description = "The tenant's stages, reused by its sales processes.")
public class StageResource {

    static final String STAGE_EXAMPLE = """
            {"id": "7d0f3c52-7d8e-4f53-9a43-0d7c1b2f6a10", "key": "proposal", "label": "Proposal", "type": "IN_PROGRESS",
             "defaultWinRate": 50, "version": 0}""";
    static final String PROBLEM_409 = """
            {"type": "https://oppsuite.io/problems/stage-in-use", "status": 409, "title": "Stage in use",
             "detail": "3 opportunities use stage 'proposal'", "key": "proposal", "opportunities": 3}""";
    static final String PROBLEM_412 = """
            {"type": "https://oppsuite.io/problems/stale-version", "status": 412, "title": "Stale version",
             "detail": "Resource ... is at version 4, the request was based on version 3", "currentVersion": 4}""";

    @Inject
    CallerContext callerContext;

    @Inject
    Stages stages;

    @GET
    @Operation(operationId = "listStages", summary = "List the stage catalogue", description = "Zero-based paging, in creation order. A new tenant starts with a default catalogue.")
    @APIResponse(responseCode = "200")
    public Uni<Page<StageView>> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                     @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return stages.list(callerContext.current(), page, size);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getStage", summary = "Read a stage", description = "ETag carries the version for If-Match.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = StageView.class), examples = @ExampleObject(name = "stage", value = STAGE_EXAMPLE)), headers = {@Header(ref = "ETag")})
    @APIResponse(responseCode = "404", description = "No such stage in the caller's tenant")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return stages.get(callerContext.current(), id).map(StageResource::ok);
    }

    @GET
    @Path("{id}/usage")
    @Operation(operationId = "getStageUsage", summary = "Where a stage is used", description = "Opportunities that are or have been in the stage (learnt from "
            + "opportunity-events) and the sales processes that contain it; a used stage cannot be deleted.")
    @APIResponse(responseCode = "200")
    public Uni<StageUsageView> usage(@PathParam("id") UUID id) {
        return stages.usage(callerContext.current(), id);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createStage", summary = "Add a stage to the catalogue", description = "Admins only. The key is unique per tenant (409 when taken) "
            + "and never changes. Send an Idempotency-Key to retry safely.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = StageView.class), examples = @ExampleObject(name = "created", value = STAGE_EXAMPLE)), headers = {@Header(ref = "ETag"), @Header(ref = "Location")})
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown fields, wrong types or values out of range")
    @APIResponse(responseCode = "409", description = "The key is already in the catalogue")
    public Uni<Response> create(@Valid @NotNull StageInput input,
                                @Parameter(description = "Retry key") @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return stages.create(callerContext.current(), input, idempotencyKey, stage -> Response.created(URI.create("/stages/" + stage.id))
                .tag(String.valueOf(stage.version)).entity(StageView.of(stage)).build());
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "replaceStage", summary = "Change a stage's label, type or default win rate", description = "Admins only. The key cannot change (422). "
            + "Processes containing the stage are re-validated (422 if the change breaks one) and republished with a new version. "
            + "If-Match with the ETag guards against lost updates (412).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = StageView.class), examples = @ExampleObject(name = "updated", value = STAGE_EXAMPLE)), headers = {@Header(ref = "ETag")})
    @APIResponse(responseCode = "412", content = @Content(examples = @ExampleObject(name = "stale", value = PROBLEM_412)))
    public Uni<Response> update(@PathParam("id") UUID id, @Valid @NotNull StageInput input, @HeaderParam("If-Match") String ifMatch) {
        Caller caller = callerContext.current();
        Long expected = Preconditions.ifMatchVersion(ifMatch);
        return stages.update(caller, id, expected, input).map(StageResource::ok);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteStage", summary = "Delete a stage", description = "Admins only. Refused (409) while any opportunity uses or has used the stage, "
            + "or a sales process contains it. Publishes stage.deleted.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", content = @Content(examples = @ExampleObject(name = "in use", value = PROBLEM_409)))
    public Uni<Response> delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        Caller caller = callerContext.current();
        Long expected = Preconditions.ifMatchVersion(ifMatch);
        return stages.delete(caller, id, expected).replaceWith(Response.noContent().build());
    }

    private static Response ok(StageDefinition stage) {
        return Response.ok(StageView.of(stage)).tag(String.valueOf(stage.version)).build();
    }
}
