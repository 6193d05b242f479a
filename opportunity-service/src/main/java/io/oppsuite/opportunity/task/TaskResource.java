package io.oppsuite.opportunity.task;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.common.web.BoundedJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Stage tasks: their status per stage, and the associated records (e.g. quotations) that complete some of them. Translates HTTP; {@link TaskService} opens the transactions. */
@Path("/opportunities/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
@Tag(name = "Stage tasks", description = "Tasks a stage requires before a deal may leave it, and the associated records that complete them.")
public class TaskResource {

    public record NewAssociatedRecord(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.-]+") String recordType,
                                      @NotBlank @Size(max = 200) String name, @BoundedJson ObjectNode data) {
    }

    public record AssociatedRecordView(String id, String recordType, String name, @org.eclipse.microprofile.openapi.annotations.media.Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT, description = "The record's data: a JSON object") JsonNode data, Instant createdAt, String createdBy) {
    }

    public record TaskView(String id, String name, SalesProcessSnapshot.TaskType type, boolean required, List<String> fields,
                           String recordType, boolean done) {
    }

    public record StageTasks(String stageKey, boolean current, List<TaskView> tasks) {
    }

    @Inject
    CallerContext callerContext;

    @Inject
    TaskService tasks;

    @Inject
    ObjectMapper mapper;

    @POST
    @Path("associated-records")
    @Operation(operationId = "createAssociatedRecord", summary = "Link a record (e.g. a quotation) to the opportunity", description = "Completes CREATE_ASSOCIATED_OBJECT tasks "
            + "of that record type and satisfies Lost/Invalid stages that require one.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = AssociatedRecordView.class)), headers = {@Header(ref = "Location")})
    public Uni<Response> createRecord(@PathParam("id") UUID id, @Valid @NotNull NewAssociatedRecord request) {
        String data = request.data() == null ? null : write(request.data());
        return tasks.createRecord(callerContext.current(), id, request.recordType(), request.name(), data).map(saved -> Response
                .created(URI.create("/opportunities/" + id + "/associated-records/" + saved.id)).entity(view(saved)).build());
    }

    @GET
    @Path("associated-records")
    @Operation(operationId = "listAssociatedRecords", summary = "Records linked to the opportunity")
    public Uni<List<AssociatedRecordView>> records(@PathParam("id") UUID id) {
        return tasks.records(callerContext.current(), id).map(list -> list.stream().map(this::view).toList());
    }

    @DELETE
    @Path("associated-records/{recordId}")
    @Operation(operationId = "deleteAssociatedRecord", summary = "Unlink a record from the opportunity", description = "By whoever may see the opportunity. Tasks it "
            + "completed are open again.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such record on an opportunity the caller may see")
    public Uni<Void> deleteRecord(@PathParam("id") UUID id, @PathParam("recordId") UUID recordId) {
        return tasks.deleteRecord(callerContext.current(), id, recordId);
    }

    @GET
    @Path("tasks")
    @Operation(operationId = "listStageTasks", summary = "Task status per stage", description = "Each stage's task definitions and whether each is done.")
    public Uni<List<StageTasks>> tasks(@PathParam("id") UUID id) {
        return tasks.tasks(callerContext.current(), id);
    }

    private AssociatedRecordView view(AssociatedRecord r) {
        try {
            return new AssociatedRecordView(r.id.toString(), r.recordType, r.name, r.data == null ? null : mapper.readTree(r.data),
                    r.createdAt, r.createdBy);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(JsonNode data) {
        try {
            // its limits (@BoundedJson) were checked with the request
            return mapper.writeValueAsString(data);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw Problems.badRequest("data must be JSON");
        }
    }
}
