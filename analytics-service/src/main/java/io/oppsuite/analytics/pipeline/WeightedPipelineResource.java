package io.oppsuite.analytics.pipeline;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import io.oppsuite.analytics.money.AmountRow;
import io.oppsuite.analytics.money.ExchangeRates;
import io.oppsuite.analytics.money.MoneyTotals;
import io.oppsuite.analytics.money.TenantRates;
import io.oppsuite.analytics.process.SalesProcesses;
import io.oppsuite.analytics.transition.AggregateDelta;
import io.oppsuite.analytics.transition.Amounts;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.analytics.transition.AnalyticsFilter;
import io.oppsuite.analytics.transition.AnalyticsRequests;
import io.oppsuite.analytics.transition.OpportunityTimeline;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    @Inject
    TenantRates rates;

    /**
     * Groups in the order a reader expects: by stage, the process's stages in process order, then stages
     * no longer in it (by key); by owner or month, by key; the group of deals without one ('(none)') last.
     */
    static final java.util.function.Function<List<String>, Comparator<Group>> GROUP_ORDER = stageOrder -> Comparator
            .<Group>comparingInt(g -> AggregateDelta.NONE_KEY.equals(g.key()) ? 2 : stageOrder.contains(g.key()) ? 0 : 1)
            .thenComparingInt(g -> stageOrder.indexOf(g.key()))
            .thenComparing(Group::key);

    @Schema(description = "One group (or the total) of open deals")
    public record Group(String key, long opportunities,
                        @Schema(nullable = true, description = "Σ amount, two decimals. With a corporate currency: convertedAmount when "
                                + "every amount converted, else null; without one: the plain sum when the deals are in one currency "
                                + "(that of amountsByCurrency), else null") BigDecimal amount,
                        @Schema(nullable = true, description = "Σ amount × win rate / 100, two decimals; null when amount is") BigDecimal weightedAmount,
                        @Schema(description = "Per currency (by code): deals, Σ amount and Σ weighted amount, two decimals") List<CurrencyAmount> amountsByCurrency,
                        @Schema(nullable = true, description = "Σ amount in the corporate currency at the rate effective on rateDate, "
                                + "leaving out currencies without one; null without a corporate currency") BigDecimal convertedAmount,
                        @Schema(nullable = true, description = "Σ weighted amount in the corporate currency, likewise") BigDecimal convertedWeightedAmount,
                        @Schema(description = "Currencies without a rate effective on rateDate (every currency without a corporate "
                                + "currency): left out of the converted sums, never summed into another currency") List<String> unconverted) {
    }

    public record CurrencyAmount(String currency, long opportunities, BigDecimal amount, BigDecimal weightedAmount) {
    }

    public record WeightedPipeline(String groupBy, @Schema(nullable = true) String salesProcessId, List<Group> groups, Group total,
                                   @Schema(nullable = true, description = "The tenant's corporate currency; null when not set") String corporateCurrency,
                                   @Schema(description = "Today (UTC): the date whose rates convert the amounts") LocalDate rateDate) {
    }

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
        if (!SNAPSHOT_COLUMN.containsKey(dimension)) {
            throw Problems.badRequest("groupBy must be stage, owner or closeMonth");
        }
        AnalyticsFilter filter = AnalyticsRequests.filter(caller, null, null, null, ownerId, departmentId, teamMemberId);
        List<Object> params = new ArrayList<>();
        params.add(caller.tenantId());
        String sql;
        if (filter.isEmpty()) {
            params.add(AggregateDelta.MONEY_PIPELINE + dimension);
            sql = "select group_key, currency, sum(opportunities), sum(amount), sum(weighted_amount) from money_aggregate "
                    + "where tenant_id = $1 and measure = $2" + processClause(processId, params)
                    + " group by group_key, currency having sum(opportunities) <> 0";
        } else {
            String column = SNAPSHOT_COLUMN.get(dimension);
            String where = processClause(processId, params) + filter.sql(params);
            sql = "select coalesce(" + column + ", '" + AggregateDelta.NONE_KEY + "') as k, coalesce(currency, '" + OpportunityTimeline.NO_CURRENCY
                    + "'), count(*), sum(amount), sum(weighted_amount) from opportunity_snapshot where tenant_id = $1 and open" + where
                    + " group by 1, 2";
        }
        Uni<List<String>> stageOrder = processId == null || processId.isBlank() || !AggregateDelta.BY_STAGE.equals(dimension)
                ? Uni.createFrom().item(List.of())
                : processes.find(caller.tenantId(), processId)
                        .map(p -> p == null ? List.<String>of() : p.stages().stream().map(SalesProcessSnapshot.Stage::key).toList());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return stageOrder.chain(order -> rates.of(caller.tenantId()).chain(exchangeRates -> pool.preparedQuery(sql)
                .execute(Tuple.from(params)).map(rows -> {
                    Map<String, List<AmountRow>> byGroup = new TreeMap<>();
                    List<AmountRow> all = new ArrayList<>();
                    for (Row r : rows) {
                        AmountRow row = new AmountRow(r.getString(0), r.getString(1), null, r.getLong(2), r.getBigDecimal(3), r.getBigDecimal(4));
                        byGroup.computeIfAbsent(row.key(), k -> new ArrayList<>()).add(row);
                        all.add(row);
                    }
                    List<Group> groups = new ArrayList<>();
                    byGroup.forEach((key, amounts) -> groups.add(group(key, amounts, exchangeRates, today)));
                    groups.sort(GROUP_ORDER.apply(order));
                    return new WeightedPipeline(dimension, processId, groups, group("total", all, exchangeRates, today),
                            exchangeRates.corporateCurrency(), today);
                })));
    }

    /** One group's sums: per currency, converted, and the single-currency fields as {@link MoneyTotals#singleCurrencyValue} defines them. */
    static Group group(String key, List<AmountRow> amounts, ExchangeRates rates, LocalDate rateDate) {
        long count = 0;
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
        for (AmountRow r : amounts) {
            count += r.opportunities();
            amount = amount.add(r.amount());
            weighted = weighted.add(r.weightedAmount());
        }
        MoneyTotals money = MoneyTotals.of(amounts, rates, rateDate);
        List<CurrencyAmount> byCurrency = money.perCurrency().stream().map(c -> new CurrencyAmount(c.currency(), c.opportunities(),
                Amounts.of(c.amount()), Amounts.of(c.weightedAmount()))).toList();
        return new Group(key, count, money.singleCurrencyValue(money.convertedAmount(), Amounts.of(amount)),
                money.singleCurrencyValue(money.convertedWeightedAmount(), Amounts.of(weighted)), byCurrency,
                money.convertedAmount(), money.convertedWeightedAmount(), money.unconverted());
    }

    private static String processClause(String processId, List<Object> params) {
        if (processId == null || processId.isBlank()) {
            return "";
        }
        params.add(processId);
        return " and sales_process_id = $" + params.size();
    }
}
