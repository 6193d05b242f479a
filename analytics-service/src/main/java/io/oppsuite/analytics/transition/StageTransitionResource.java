package io.oppsuite.analytics.transition;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
@Tag(name = "Stage transition analysis", description = "How deals move through a sales process's stages: entries, exits, conversion and time in stage, as of any moment.")
@RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
public class StageTransitionResource {

    @Inject
    CallerContext callerContext;

    @Inject
    SalesProcesses processes;

    @Inject
    StageTransitionReports reports;

    @GET
    @Path("/sales-processes/{id}/stage-transitions")
    @Operation(operationId = "getStageTransitionReport", summary = "Stage transition analysis of a sales process",
            description = "Per in-progress stage: total opportunities, forecast amount at first entry, average time in stage, "
                    + "transitioned/retained/lost, loss rate, lost count by reason, conversion from the first stage. Won, Lost "
                    + "and Invalid are outcomes: count, amount and conversion; their time in stage, split, loss rate and reasons "
                    + "are null. Per process: sales cycle and average deal size of won deals, the stage with the highest loss "
                    + "rate and the one with the longest average time. A stage deals were in that is no longer in the process "
                    + "follows the process's stages, under its catalogue label. Amounts are numbers with two decimals, given per "
                    + "currency and converted into the tenant's corporate currency at the rate effective on asOf's date (a Won "
                    + "amount: on its won date); a currency without an effective rate is listed as unconverted, never summed. Now it is "
                    + "served from precomputed aggregates; asOf a past instant recounts the stored event log up to it. "
                    + "Managers see their department's deals, sales reps their own, and either also the deals whose sales team "
                    + "they are on (as the teams are now); ownerId, departmentId and teamMemberId narrow within that.")
    @APIResponses({
            @APIResponse(responseCode = "200", description = "The stages in process order with their metrics"),
            @APIResponse(responseCode = "400", description = "Bad date, dateField or range (problem details)"),
            @APIResponse(responseCode = "403", description = "A rep naming another employee as teamMemberId"),
            @APIResponse(responseCode = "404", description = "No such sales process for this tenant")})
    public Uni<StageTransitionReport> stageTransitions(
            @PathParam("id") String processId,
            @Parameter(description = "ISO date or instant, inclusive") @QueryParam("from") String from,
            @Parameter(description = "ISO date (inclusive) or instant (exclusive)") @QueryParam("to") String to,
            @Parameter(description = "created (default) or entered", schema = @Schema(enumeration = {"created", "entered"})) @QueryParam("dateField") String dateField,
            @QueryParam("ownerId") String ownerId,
            @QueryParam("departmentId") String departmentId,
            @Parameter(description = "Deals whose sales team has this employee (a rep: only themselves)") @QueryParam("teamMemberId") String teamMemberId,
            @Parameter(description = "ISO instant or date (its start): the report as it stood then (deals, stays up to then, amounts as "
                    + "at entry, owners then); default now; not in the future") @QueryParam("asOf") String asOf) {
        Caller caller = callerContext.current();
        AnalyticsFilter filter = AnalyticsRequests.filter(caller, from, to, dateField, ownerId, departmentId, teamMemberId);
        Instant asOfInstant = asOf == null || asOf.isBlank() ? null : AnalyticsRequests.instant("asOf", asOf, false);
        if (asOfInstant != null && asOfInstant.isAfter(Instant.now())) {
            throw Problems.badRequest("asOf must not be in the future");
        }
        return reports.report(caller.tenantId(), processId, filter, asOfInstant);
    }

    // here and not in a resource of its own: a class at /analytics/sales-processes would capture
    // /analytics/sales-processes/{id}/stage-transitions (JAX-RS matches the class path first)
    @GET
    @Path("/sales-processes")
    @Operation(operationId = "listAnalyticsSalesProcesses", summary = "Sales processes of the caller's tenant, by name, with their stages in order",
            description = "What a report or the funnel page can be drawn for.")
    @APIResponse(responseCode = "200", description = "[{id, name, version, stages:[{key, label, type, ...}]}]")
    public Uni<List<SalesProcessSnapshot>> salesProcesses() {
        return processes.list(callerContext.current().tenantId());
    }

    @GET
    @Path("/stage-counts")
    @Operation(operationId = "getStageCounts", summary = "Opportunities standing in each stage of a process now")
    @APIResponses({
            @APIResponse(responseCode = "200", description = "[{key, label, count}] in process order"),
            @APIResponse(responseCode = "400", description = "salesProcessId missing (problem details)"),
            @APIResponse(responseCode = "404", description = "No such sales process for this tenant")})
    public Uni<List<StageTransitionReports.StageCount>> stageCounts(@QueryParam("salesProcessId") String processId) {
        Caller caller = callerContext.current();
        if (processId == null || processId.isBlank()) {
            throw Problems.badRequest("salesProcessId is required");
        }
        AnalyticsFilter filter = AnalyticsRequests.filter(caller, null, null, null, null, null);
        return reports.stageCounts(caller.tenantId(), processId, filter);
    }
}
