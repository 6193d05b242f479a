package io.oppsuite.analytics.pipeline;

import io.oppsuite.analytics.db.NativeRows;
import io.oppsuite.analytics.money.AmountRow;
import io.oppsuite.analytics.money.ExchangeRates;
import io.oppsuite.analytics.money.MoneyTotals;
import io.oppsuite.analytics.money.TenantRates;
import io.oppsuite.analytics.process.SalesProcesses;
import io.oppsuite.analytics.transition.AggregateDelta;
import io.oppsuite.analytics.transition.AnalyticsFilter;
import io.oppsuite.analytics.transition.Amounts;
import io.oppsuite.analytics.transition.OpportunityTimeline;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The weighted pipeline: Σ amount × win rate over the open deals, grouped by stage, owner or close month.
 * Unfiltered, from the precomputed {@code money_aggregate}; filtered (a scope or a narrowing), one grouped
 * scan of {@code opportunity_snapshot}. Native SQL on a Hibernate Reactive session of its own.
 */
@ApplicationScoped
public class WeightedPipelineQueries {

    private static final Map<String, String> SNAPSHOT_COLUMN = Map.of(
            AggregateDelta.BY_STAGE, "stage_key", AggregateDelta.BY_OWNER, "owner_id", AggregateDelta.BY_CLOSE_MONTH, "close_month");

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

    /** Whether the pipeline can be grouped by {@code dimension} (stage, owner or closeMonth). */
    public static boolean groupsBy(String dimension) {
        return SNAPSHOT_COLUMN.containsKey(dimension);
    }

    /**
     * The tenant's weighted pipeline grouped by {@code dimension} ({@link #groupsBy}), of one process (null or blank: all),
     * of the deals {@code filter} admits; amounts converted at today's (UTC) rates.
     */
    public Uni<WeightedPipeline> of(String tenantId, String dimension, String processId, AnalyticsFilter filter) {
        List<Object> params = new ArrayList<>();
        params.add(tenantId);
        String sql;
        if (filter.isEmpty()) {
            params.add(AggregateDelta.MONEY_PIPELINE + dimension);
            sql = "select group_key, currency, sum(opportunities), sum(amount), sum(weighted_amount) from money_aggregate "
                    + "where tenant_id = ?1 and measure = ?2" + processClause(processId, params)
                    + " group by group_key, currency having sum(opportunities) <> 0";
        } else {
            String column = SNAPSHOT_COLUMN.get(dimension);
            String where = processClause(processId, params) + filter.sql(params);
            sql = "select coalesce(" + column + ", '" + AggregateDelta.NONE_KEY + "') as k, coalesce(currency, '" + OpportunityTimeline.NO_CURRENCY
                    + "'), count(*), sum(amount), sum(weighted_amount) from opportunity_snapshot where tenant_id = ?1 and open" + where
                    + " group by 1, 2";
        }
        Uni<List<String>> stageOrder = processId == null || processId.isBlank() || !AggregateDelta.BY_STAGE.equals(dimension)
                ? Uni.createFrom().item(List.of())
                : processes.find(tenantId, processId)
                        .map(p -> p == null ? List.<String>of() : p.stages().stream().map(SalesProcessSnapshot.Stage::key).toList());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return stageOrder.chain(order -> rates.of(tenantId).chain(exchangeRates -> Panache.withSession(() -> Panache.getSession()
                        .chain(session -> NativeRows.bind(session.createNativeQuery(sql, Object[].class), params).getResultList()))
                .map(rows -> {
                    Map<String, List<AmountRow>> byGroup = new TreeMap<>();
                    List<AmountRow> all = new ArrayList<>();
                    for (Object[] r : rows) {
                        AmountRow row = new AmountRow((String) r[0], (String) r[1], null, NativeRows.longValue(r[2]),
                                NativeRows.decimal(r[3]), NativeRows.decimal(r[4]));
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
        return " and sales_process_id = ?" + params.size();
    }
}
