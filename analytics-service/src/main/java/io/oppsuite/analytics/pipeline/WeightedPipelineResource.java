package io.oppsuite.analytics.pipeline;

import io.oppsuite.analytics.pipeline.WeightedPipelineQueries.WeightedPipeline;
import io.oppsuite.analytics.transition.AggregateDelta;
import io.oppsuite.analytics.transition.AnalyticsFilter;
import io.oppsuite.analytics.transition.AnalyticsRequests;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/analytics/weighted-pipeline")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Weighted pipeline", description = "Open amount times win rate, grouped by stage, owner or close month.")
@RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
public class WeightedPipelineResource {

    @Inject
    CallerContext callerContext;

    @Inject
    WeightedPipelineQueries pipelines;

    @GET
    @Operation(operationId = "getWeightedPipeline", summary = "Σ amount × win rate over open opportunities, grouped by stage, owner or close month (yyyy-MM)",
            description = "Unfiltered (admin) it is served from precomputed aggregates; managers see their department's deals, "
                    + "sales reps their own, and either also the deals whose sales team they are on; ownerId, departmentId and "
                    + "teamMemberId narrow within that. Deals without owner or close date fall in the group '(none)', listed last. "
                    + "By stage (with salesProcessId) the groups follow the process's stage order, then stages no longer in "
                    + "it. Amounts are numbers with two decimals, given per currency and converted into the tenant's corporate "
                    + "currency at the rate effective today (UTC); a currency without an effective rate is listed as unconverted, "
                    + "never summed into another.")
    @APIResponses({
            @APIResponse(responseCode = "200", description = "Groups {key, opportunities, amount, weightedAmount, amountsByCurrency, "
                    + "convertedAmount, convertedWeightedAmount, unconverted} and their total"),
            @APIResponse(responseCode = "400", description = "groupBy is not stage, owner or closeMonth (problem details)"),
            @APIResponse(responseCode = "403", description = "A rep naming another employee as teamMemberId")})
    public Uni<WeightedPipeline> weightedPipeline(@Parameter(description = "How to group; default stage", schema = @Schema(enumeration = {"stage", "owner", "closeMonth"})) @QueryParam("groupBy") String groupBy,
                                                  @QueryParam("salesProcessId") String processId,
                                                  @QueryParam("ownerId") String ownerId,
                                                  @QueryParam("departmentId") String departmentId,
                                                  @Parameter(description = "Deals whose sales team has this employee (a rep: only themselves)")
                                                  @QueryParam("teamMemberId") String teamMemberId) {
        Caller caller = callerContext.current();
        String dimension = groupBy == null || groupBy.isBlank() ? AggregateDelta.BY_STAGE : groupBy;
        if (!WeightedPipelineQueries.groupsBy(dimension)) {
            throw Problems.badRequest("groupBy must be stage, owner or closeMonth");
        }
        AnalyticsFilter filter = AnalyticsRequests.filter(caller, null, null, null, ownerId, departmentId, teamMemberId);
        return pipelines.of(caller.tenantId(), dimension, processId, filter);
    }
}
