package io.oppsuite.pipeline.process;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
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
import jakarta.validation.constraints.Size;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Sales processes: ordered catalogue stages with their settings and task definitions. Every
 * write is validated (422 naming the rule), bumps the version (the ETag) and publishes
 * {@code sales-process.upserted} with the whole process.
 */
@Path("/sales-processes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
@Tag(name = "Sales processes", description = "Ordered stages with their settings (entry conditions, durations, tasks, terminal rules); versioned.")
public class SalesProcessResource {

    static final String PROCESS_EXAMPLE = """
            {"id": "3b7e2f1a-0c4d-4a55-8e0f-2f4b9d1c7e21", "name": "Standard sales process", "version": 3, "stages": [
              {"key": "qualification", "label": "Qualification", "type": "IN_PROGRESS", "defaultWinRate": 10,
               "settings": {"duration": "P14D", "overdueReminder": {"enabled": true, "recipients": ["OWNER"]},
                            "allowSkip": false,
                            "entryConditions": [{"field": "amount", "operator": "GT", "value": 0}],
                            "completionTaskIds": ["fill-budget"], "ignoreInProgressRules": false},
               "tasks": [{"id": "fill-budget", "name": "Fill in the budget", "type": "EDIT_OBJECT", "required": true,
                          "fields": ["amount"], "recordType": null}]},
              {"key": "won", "label": "Closed won", "type": "WON", "defaultWinRate": 100, "tasks": []},
              {"key": "lost", "label": "Closed lost", "type": "LOST", "defaultWinRate": 0,
               "settings": {"ignoreInProgressRules": true,
                            "requiredOnEntry": {"reasonRequired": true, "allowedReasons": ["price", "competitor"], "associatedRecordType": null}},
               "tasks": []},
              {"key": "invalid", "label": "Invalid", "type": "INVALID", "defaultWinRate": 0, "tasks": []}]}""";
    static final String INPUT_EXAMPLE = """
            {"name": "Enterprise", "stages": [{"key": "qualification", "settings": {"duration": "P14D"}},
              {"key": "proposal", "tasks": [{"id": "send-quote", "name": "Send a quotation", "type": "CREATE_ASSOCIATED_OBJECT",
                                              "required": true, "recordType": "quotation"}],
               "settings": {"completionTaskIds": ["send-quote"]}},
              {"key": "won"}, {"key": "lost", "settings": {"ignoreInProgressRules": true,
                "requiredOnEntry": {"reasonRequired": true, "allowedReasons": ["price", "competitor"]}}}, {"key": "invalid"}]}""";
    static final String PROBLEM_422 = """
            {"type": "https://oppsuite.io/problems/sales-process-invalid", "status": 422, "title": "Sales process rules violated",
             "detail": "in-progress stage 'proposal' comes after a terminal stage", "rule": "in-progress-after-terminal",
             "rules": ["in-progress-after-terminal"],
             "violations": [{"rule": "in-progress-after-terminal", "stageKey": "proposal",
                             "message": "in-progress stage 'proposal' comes after a terminal stage"}]}""";
    static final String PROBLEM_412 = """
            {"type": "https://oppsuite.io/problems/stale-version", "status": 412, "title": "Stale version",
             "detail": "Resource ... is at version 4, the request was based on version 3", "currentVersion": 4}""";
    static final String PROBLEM_409 = """
            {"type": "https://oppsuite.io/problems/stage-has-open-opportunities", "status": 409,
             "title": "Open opportunities in a removed stage", "detail": "2 open opportunities sit in stage(s) [proposal]; move or close them first",
             "openOpportunities": 2, "stages": {"proposal": 2}}""";

    @Inject
    CallerContext callerContext;

    @Inject
    SalesProcesses processes;

    @GET
    @Operation(operationId = "listSalesProcesses", summary = "List sales processes", description = "Zero-based paging, in creation order. A new tenant starts with a "
            + "default process (the one it is seeded with): default=true lists only that one, none if an admin deleted it. "
            + "Each item is the process as published on pipeline-config-events.")
    public Uni<Page<SalesProcessSnapshot>> list(@QueryParam("default") Boolean onlyDefault,
                                                @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                                @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        Caller caller = callerContext.current();
        return processes.list(caller, Boolean.TRUE.equals(onlyDefault), page, size);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getSalesProcess", summary = "Read a sales process", description = "ETag carries the version for If-Match. With If-None-Match "
            + "naming the current version the answer is 304 without a body (opportunity-service checks its cached copy this way).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SalesProcessSnapshot.class), examples = @ExampleObject(name = "process", value = PROCESS_EXAMPLE)), headers = {@Header(ref = "ETag")})
    @APIResponse(responseCode = "304", description = "If-None-Match names the current version", headers = {@Header(ref = "ETag")})
    @APIResponse(responseCode = "404", description = "No such process in the caller's tenant")
    public Uni<Response> get(@PathParam("id") UUID id, @Context Request request) {
        Caller caller = callerContext.current();
        Response.ResponseBuilder[] notModified = new Response.ResponseBuilder[1];
        return processes.getIfChanged(caller, id,
                        version -> (notModified[0] = request.evaluatePreconditions(new EntityTag(String.valueOf(version)))) != null
                                && notModified[0].tag(String.valueOf(version)) != null)
                .map(process -> process == null ? notModified[0].build() : ok(process));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createSalesProcess", summary = "Create a sales process", description = "Admins only. Stages come from the catalogue: at least one "
            + "in-progress stage, then exactly one WON, LOST and INVALID stage; no repeats. The name is unique per tenant (409). "
            + "Send an Idempotency-Key to retry safely.")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = SalesProcessSnapshot.class), examples = @ExampleObject(name = "created", value = PROCESS_EXAMPLE)), headers = {@Header(ref = "ETag"), @Header(ref = "Location")})
    @APIResponse(responseCode = "422", content = @Content(examples = @ExampleObject(name = "invalid", value = PROBLEM_422)))
    public Uni<Response> create(@org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(content = @Content(
                                        examples = @ExampleObject(name = "process", value = INPUT_EXAMPLE)))
                                @Valid @NotNull SalesProcessInput input,
                                @Parameter(description = "Retry key") @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        Caller caller = callerContext.current();
        return processes.create(caller, input, idempotencyKey, p -> Response.created(URI.create("/sales-processes/" + p.id()))
                .tag(String.valueOf(p.version())).entity(p).build());
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "replaceSalesProcess", summary = "Replace a sales process", description = "Admins only. Name, stages, their order, settings and tasks. "
            + "If-Match with the ETag: 412 when stale (also when a concurrent edit won). Removing a stage that open opportunities "
            + "sit in is refused (409 with their count).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SalesProcessSnapshot.class), examples = @ExampleObject(name = "replaced", value = PROCESS_EXAMPLE)), headers = {@Header(ref = "ETag")})
    @APIResponse(responseCode = "409", content = @Content(examples = @ExampleObject(name = "stranded", value = PROBLEM_409)))
    @APIResponse(responseCode = "412", content = @Content(examples = @ExampleObject(name = "stale", value = PROBLEM_412)))
    @APIResponse(responseCode = "422", content = @Content(examples = @ExampleObject(name = "invalid", value = PROBLEM_422)))
    public Uni<Response> replace(@PathParam("id") UUID id, @Valid @NotNull SalesProcessInput input, @HeaderParam("If-Match") String ifMatch) {
        Caller caller = callerContext.current();
        Long expected = Preconditions.ifMatchVersion(ifMatch);
        return processes.replace(caller, id, expected, input).map(SalesProcessResource::ok);
    }

    @PUT
    @Path("{id}/stages/order")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "reorderSalesProcessStages", summary = "Reorder the stages", description = "Admins only. Lists every stage key of the process once, in the new "
            + "order (422 otherwise); the order rules apply (422). Settings and tasks move with their stage.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SalesProcessSnapshot.class), examples = @ExampleObject(name = "reordered", value = PROCESS_EXAMPLE)), headers = {@Header(ref = "ETag")})
    public Uni<Response> reorder(@PathParam("id") UUID id,
                                 @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(content = @Content(examples =
                                 @ExampleObject(name = "order", value = "{\"stageKeys\": [\"proposal\", \"qualification\", \"won\", \"lost\", \"invalid\"]}")))
                                 @Valid @NotNull ReorderInput input, @HeaderParam("If-Match") String ifMatch) {
        Caller caller = callerContext.current();
        Long expected = Preconditions.ifMatchVersion(ifMatch);
        return processes.reorder(caller, id, expected, input.stageKeys()).map(SalesProcessResource::ok);
    }

    @GET
    @Path("{id}/stages/{key}")
    @Operation(operationId = "getSalesProcessStage", summary = "Read one stage of a process", description = "With its settings and task definitions; ETag is the process version.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = SalesProcessSnapshot.Stage.class)), headers = {@Header(ref = "ETag")})
    public Uni<Response> stage(@PathParam("id") UUID id, @PathParam("key") String key) {
        Caller caller = callerContext.current();
        return processes.withStage(caller, id, key).map(p -> stageOf(p, id, key));
    }

    @PUT
    @Path("{id}/stages/{key}/settings")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "replaceStageSettings", summary = "Set a stage's settings", description = "Admins only. In-progress stages: duration (ISO-8601, e.g. P14D), "
            + "overdue reminder (recipients OWNER, OWNER_MANAGER), approval on completion (flow id), allow skip, entry conditions "
            + "(SET, NOT_SET, EQ, NE, GT, GTE, LT, LTE, IN on opportunity fields), completion task ids. Lost/Invalid stages: "
            + "ignoreInProgressRules and requiredOnEntry (reason from allowed values and/or an associated record type). "
            + "Answers the stage; ETag is the new process version.")
    @APIResponse(responseCode = "422", content = @Content(examples = @ExampleObject(name = "invalid", value = PROBLEM_422)))
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = SalesProcessSnapshot.Stage.class)), headers = {@Header(ref = "ETag")})
    public Uni<Response> settings(@PathParam("id") UUID id, @PathParam("key") String key, @Valid @NotNull SettingsInput input,
                                  @HeaderParam("If-Match") String ifMatch) {
        Caller caller = callerContext.current();
        Long expected = Preconditions.ifMatchVersion(ifMatch);
        return processes.changeStage(caller, id, key, expected, stage -> stage.withSettings(input.toContract()))
                .map(p -> stageOf(p, id, key));
    }

    @PUT
    @Path("{id}/stages/{key}/tasks")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "replaceStageTasks", summary = "Set a stage's task definitions", description = "Admins only. EDIT_OBJECT (fields to fill), "
            + "CREATE_ASSOCIATED_OBJECT (recordType, e.g. quotation), BULK_EDIT_SUB_OBJECTS (line items), each required or not. "
            + "Replaces the stage's tasks; completion conditions must still name existing tasks (422).")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = SalesProcessSnapshot.Stage.class)), headers = {@Header(ref = "ETag")})
    public Uni<Response> tasks(@PathParam("id") UUID id, @PathParam("key") String key,
                               @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(content = @Content(examples =
                               @ExampleObject(name = "tasks", value = "[{\"id\": \"send-quote\", \"name\": \"Send a quotation\", "
                                       + "\"type\": \"CREATE_ASSOCIATED_OBJECT\", \"required\": true, \"recordType\": \"quotation\"}, "
                                       + "{\"id\": \"line-items\", \"name\": \"Price the line items\", \"type\": \"BULK_EDIT_SUB_OBJECTS\", "
                                       + "\"required\": false}]")))
                               @NotNull @Size(max = 100) List<@NotNull @Valid TaskInput> input, @HeaderParam("If-Match") String ifMatch) {
        Caller caller = callerContext.current();
        Long expected = Preconditions.ifMatchVersion(ifMatch);
        return processes.changeStage(caller, id, key, expected, stage -> stage.withTasks(input.stream().map(TaskInput::toContract).toList()))
                .map(p -> stageOf(p, id, key));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteSalesProcess", summary = "Delete a sales process", description = "Admins only. Refused (409 with their count) while open "
            + "opportunities are in it. Publishes sales-process.deleted.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", content = @Content(examples = @ExampleObject(name = "open deals", value = PROBLEM_409)))
    public Uni<Response> delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        Caller caller = callerContext.current();
        Long expected = Preconditions.ifMatchVersion(ifMatch);
        return processes.delete(caller, id, expected).replaceWith(Response.noContent().build());
    }

    private static Response ok(SalesProcessSnapshot process) {
        return Response.ok(process).tag(String.valueOf(process.version())).build();
    }

    private static Response stageOf(SalesProcessSnapshot process, UUID id, String key) {
        SalesProcessSnapshot.Stage stage = process.stage(key)
                .orElseThrow(() -> io.oppsuite.common.problem.Problems.notFound("Stage of process " + id, key));
        return Response.ok(stage).tag(String.valueOf(process.version())).build();
    }
}
