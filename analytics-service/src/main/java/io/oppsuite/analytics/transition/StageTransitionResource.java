package io.oppsuite.analytics.transition;

import io.oppsuite.analytics.process.SalesProcesses;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

@Path("/analytics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Stage transition analysis")
@RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
public class StageTransitionResource {

    @Inject
    CallerContext callerContext;

    @Inject
    SalesProcesses processes;

    @Inject
    StageTransitionQueries queries;

    @GET
    @Path("/sales-processes/{id}/stage-transitions")
    @Operation(summary = "Stage transition analysis of a sales process",
            description = "Per stage: total opportunities, forecast amount at first entry, average time in stage, "
                    + "transitioned/retained/lost, loss rate and conversion from the first stage; per process: sales cycle "
                    + "and average deal size of won deals. Without filters it is served from precomputed aggregates. "
                    + "Managers see their department, sales reps their own deals.")
    @APIResponses({
            @APIResponse(responseCode = "200", description = "The stages in process order with their metrics"),
            @APIResponse(responseCode = "400", description = "Bad date, dateField or range (problem details)"),
            @APIResponse(responseCode = "403", description = "A rep asking for another owner, a manager for another department"),
            @APIResponse(responseCode = "404", description = "No such sales process for this tenant")})
    public Uni<StageTransitionReport> stageTransitions(
            @PathParam("id") String processId,
            @Parameter(description = "ISO date or instant, inclusive") @QueryParam("from") String from,
            @Parameter(description = "ISO date (inclusive) or instant (exclusive)") @QueryParam("to") String to,
            @Parameter(description = "created (default) or entered") @QueryParam("dateField") String dateField,
            @QueryParam("ownerId") String ownerId,
            @QueryParam("departmentId") String departmentId,
            @Parameter(description = "instant up to which open stays count; default now") @QueryParam("asOf") String asOf) {
        Caller caller = callerContext.current();
        AnalyticsFilter filter = AnalyticsRequests.filter(caller, from, to, dateField, ownerId, departmentId);
        Instant asOfInstant = asOf == null || asOf.isBlank() ? Instant.now() : AnalyticsRequests.instant("asOf", asOf, false);
        String tenant = caller.tenantId();
        return processes.find(tenant, processId).chain(process -> queries.stageTotals(tenant, processId, filter)
                .chain(totals -> {
                    if (process == null && totals.isEmpty()) {
                        return Uni.createFrom().failure(Problems.notFound("sales process", processId));
                    }
                    return queries.wonTotals(tenant, processId, filter).map(won -> StageTransitionReport.of(processId,
                            process == null ? null : process.name(),
                            process == null ? List.<SalesProcessSnapshot.Stage>of() : process.stages(),
                            totals, won, asOfInstant));
                }));
    }

    // here and not in a resource of its own: a class at /analytics/sales-processes would capture
    // /analytics/sales-processes/{id}/stage-transitions (JAX-RS matches the class path first)
    @GET
    @Path("/sales-processes")
    @Operation(summary = "Sales processes of the caller's tenant, by name, with their stages in order",
            description = "What a report or the funnel page can be drawn for.")
    @APIResponse(responseCode = "200", description = "[{id, name, version, stages:[{key, label, type, ...}]}]")
    public Uni<List<SalesProcessSnapshot>> salesProcesses() {
        return processes.list(callerContext.current().tenantId());
    }

    public record StageCount(String key, String label, long count) {
    }

    @GET
    @Path("/stage-counts")
    @Operation(summary = "Opportunities standing in each stage of a process now")
    @APIResponses({
            @APIResponse(responseCode = "200", description = "[{key, label, count}] in process order"),
            @APIResponse(responseCode = "400", description = "salesProcessId missing (problem details)"),
            @APIResponse(responseCode = "404", description = "No such sales process for this tenant")})
    public Uni<List<StageCount>> stageCounts(@QueryParam("salesProcessId") String processId) {
        Caller caller = callerContext.current();
        if (processId == null || processId.isBlank()) {
            throw Problems.badRequest("salesProcessId is required");
        }
        AnalyticsFilter filter = AnalyticsRequests.filter(caller, null, null, null, null, null);
        return processes.find(caller.tenantId(), processId).chain(process -> queries.stageTotals(caller.tenantId(), processId, filter)
                .map(totals -> {
                    if (process == null && totals.isEmpty()) {
                        throw Problems.notFound("sales process", processId);
                    }
                    StageTransitionReport report = StageTransitionReport.of(processId, null,
                            process == null ? List.of() : process.stages(), totals,
                            StageTransitionReport.WonTotals.NONE, Instant.now());
                    return report.stages().stream().map(s -> new StageCount(s.key(), s.label(), s.retained())).toList();
                }));
    }
}
