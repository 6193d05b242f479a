package io.oppsuite.analytics.pipeline;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import io.oppsuite.analytics.process.SalesProcesses;
import io.oppsuite.analytics.transition.AggregateDelta;
import io.oppsuite.analytics.transition.Amounts;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.analytics.transition.AnalyticsFilter;
import io.oppsuite.analytics.transition.AnalyticsRequests;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.tenancy.CallerContext;
import io.oppsuite.common.tenancy.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

@Path("/analytics/weighted-pipeline")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Weighted pipeline", description = "Open amount times win rate, grouped by stage, owner or close month.")
@RolesAllowed({Roles.ADMIN, Roles.MANAGER, Roles.SALES})
public class WeightedPipelineResource {

    private static final Map<String, String> SNAPSHOT_COLUMN = Map.of(
            AggregateDelta.BY_STAGE, "stage_key", AggregateDelta.BY_OWNER, "owner_id", AggregateDelta.BY_CLOSE_MONTH, "close_month");

    @Inject
    CallerContext callerContext;

    @Inject
    Pool pool;

    @Inject
    SalesProcesses processes;

    /**
     * Groups in the order a reader expects: by stage, the process's stages in process order, then stages
     * no longer in it (by key); by owner or month, by key; the group of deals without one ('(none)') last.
     */
    static final java.util.function.Function<List<String>, Comparator<Group>> GROUP_ORDER = stageOrder -> Comparator
            .<Group>comparingInt(g -> AggregateDelta.NONE_KEY.equals(g.key()) ? 2 : stageOrder.contains(g.key()) ? 0 : 1)
            .thenComparingInt(g -> stageOrder.indexOf(g.key()))
            .thenComparing(Group::key);

    public record Group(String key, long opportunities, BigDecimal amount, BigDecimal weightedAmount) {
    }

    public record WeightedPipeline(String groupBy, String salesProcessId, List<Group> groups, Group total) {
    }

    @GET
    @Operation(operationId = "getWeightedPipeline", summary = "Σ amount × win rate over open opportunities, grouped by stage, owner or close month (yyyy-MM)",
            description = "Unfiltered (admin) it is served from precomputed aggregates; managers see their department, "
                    + "sales reps their own deals. Deals without owner or close date fall in the group '(none)', listed last. "
                    + "By stage (with salesProcessId) the groups follow the process's stage order, then stages no longer in "
                    + "it. Amounts are numbers with two decimals.")
    @APIResponses({
            @APIResponse(responseCode = "200", description = "Groups {key, opportunities, amount, weightedAmount} and their total"),
            @APIResponse(responseCode = "400", description = "groupBy is not stage, owner or closeMonth (problem details)"),
            @APIResponse(responseCode = "403", description = "A rep asking for another owner, a manager for another department")})
    public Uni<WeightedPipeline> weightedPipeline(@Parameter(description = "How to group; default stage", schema = @Schema(enumeration = {"stage", "owner", "closeMonth"})) @QueryParam("groupBy") String groupBy,
                                                  @QueryParam("salesProcessId") String processId,
                                                  @QueryParam("ownerId") String ownerId,
                                                  @QueryParam("departmentId") String departmentId) {
        Caller caller = callerContext.current();
        String dimension = groupBy == null || groupBy.isBlank() ? AggregateDelta.BY_STAGE : groupBy;
        if (!SNAPSHOT_COLUMN.containsKey(dimension)) {
            throw Problems.badRequest("groupBy must be stage, owner or closeMonth");
        }
        AnalyticsFilter filter = AnalyticsRequests.filter(caller, null, null, null, ownerId, departmentId);
        List<Object> params = new ArrayList<>();
        params.add(caller.tenantId());
        String sql;
        if (filter.isEmpty()) {
            params.add(dimension);
            sql = "select group_key, sum(opportunities), sum(amount), sum(weighted_amount) from pipeline_aggregate "
                    + "where tenant_id = $1 and dimension = $2" + processClause(processId, params)
                    + " group by group_key having sum(opportunities) <> 0 order by group_key";
        } else {
            String column = SNAPSHOT_COLUMN.get(dimension);
            StringBuilder where = new StringBuilder(processClause(processId, params));
            if (filter.ownerId() != null) {
                params.add(filter.ownerId());
                where.append(" and owner_id = $").append(params.size());
            }
            if (filter.departmentId() != null) {
                params.add(filter.departmentId());
                where.append(" and department_id = $").append(params.size());
            }
            sql = "select coalesce(" + column + ", '" + AggregateDelta.NONE_KEY + "') as k, count(*), sum(amount), sum(weighted_amount) "
                    + "from opportunity_snapshot where tenant_id = $1 and open" + where + " group by k order by k";
        }
        Uni<List<String>> stageOrder = processId == null || processId.isBlank() || !AggregateDelta.BY_STAGE.equals(dimension)
                ? Uni.createFrom().item(List.of())
                : processes.find(caller.tenantId(), processId)
                        .map(p -> p == null ? List.<String>of() : p.stages().stream().map(SalesProcessSnapshot.Stage::key).toList());
        return stageOrder.chain(order -> pool.preparedQuery(sql).execute(Tuple.from(params)).map(rows -> {
            List<Group> groups = new ArrayList<>();
            long count = 0;
            BigDecimal amount = BigDecimal.ZERO;
            BigDecimal weighted = BigDecimal.ZERO;
            for (Row r : rows) {
                groups.add(new Group(r.getString(0), r.getLong(1), Amounts.of(r.getBigDecimal(2)), Amounts.of(r.getBigDecimal(3))));
                count += r.getLong(1);
                amount = amount.add(r.getBigDecimal(2));
                weighted = weighted.add(r.getBigDecimal(3));
            }
            groups.sort(GROUP_ORDER.apply(order));
            return new WeightedPipeline(dimension, processId, groups, new Group("total", count, Amounts.of(amount), Amounts.of(weighted)));
        }));
    }

    private static String processClause(String processId, List<Object> params) {
        if (processId == null || processId.isBlank()) {
            return "";
        }
        params.add(processId);
        return " and sales_process_id = $" + params.size();
    }
}
