package io.oppsuite.analytics.transition;

import io.oppsuite.analytics.money.AmountRow;
import io.oppsuite.analytics.team.SalesTeams;
import io.oppsuite.analytics.transition.StageTransitionReport.WonTotals;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.analytics.db.NativeRows;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the analysis. Now, unfiltered: O(stages) rows of {@code stage_aggregate}; filtered: one
 * grouped scan of the process's {@code stage_fact} rows through the filter's index. As of a past
 * instant: the process's stored event log, each deal recounted from the events that had happened by
 * then ({@link OpportunityTimeline#contributionAt}), a page of deals at a time. Native SQL on a Hibernate
 * Reactive session: the caller's, or one opened for the read.
 */
@ApplicationScoped
public class StageTransitionQueries {

    @Inject
    ObjectMapper mapper;

    @Inject
    SalesTeams teams;

    /** The sums of the report as the projection holds them now. */
    public Uni<ReportInputs> now(String tenantId, String processId, AnalyticsFilter filter) {
        return Panache.withSession(() -> stageTotals(tenantId, processId, filter).chain(stages -> wonTotals(tenantId, processId, filter)
                .chain(won -> lossReasons(tenantId, processId, filter).chain(reasons -> stageAmounts(tenantId, processId, filter)
                        .chain(stageAmounts -> wonAmounts(tenantId, processId, filter)
                                .map(wonAmounts -> new ReportInputs(stages, won, reasons, stageAmounts, wonAmounts)))))));
    }

    /** The sums of the report as they stood at {@code asOfMillis}, recounted from the stored event log. */
    public Uni<ReportInputs> asOf(String tenantId, String processId, AnalyticsFilter filter, long asOfMillis) {
        return Panache.withSession(() -> {
            // the teams as they are now: a member removed since sees the deal in no report, past ones included
            Uni<AnalyticsFilter.TeamDeals> teamDeals = !filter.namesTeams() ? Uni.createFrom().item(AnalyticsFilter.TeamDeals.NONE)
                    : teams.dealsOf(tenantId, filter.scope() == null ? null : filter.scope().teamMemberId())
                            .chain(ofScope -> teams.dealsOf(tenantId, filter.teamMemberId())
                                    .map(named -> new AnalyticsFilter.TeamDeals(ofScope, named)));
            return teamDeals.chain(deals -> Panache.getSession().chain(session -> {
                PointInTimeTally tally = new PointInTimeTally(processId, filter, deals);
                return EventLogPages.forEach(session, mapper, tenantId, processId, asOfMillis, page -> {
                    page.forEach((opportunityId, events) -> tally.add(opportunityId, OpportunityTimeline.contributionAt(events, asOfMillis)));
                    return Uni.createFrom().voidItem();
                }).map(read -> tally.result());
            }));
        });
    }

    /** Lost deals per (stage, reason given on entering Lost/Invalid). */
    public Uni<List<LossReasonCount>> lossReasons(String tenantId, String processId, AnalyticsFilter filter) {
        List<Object> params = new ArrayList<>(List.of(tenantId, processId));
        String where = where(filter, params, filter.dateField() == AnalyticsFilter.DateField.ENTERED
                ? "first_entered_at_millis" : "created_at_millis");
        return rows("select stage_key, loss_reason, count(*) from stage_fact "
                + "where tenant_id = ?1 and sales_process_id = ?2 and outcome = 'LOST'" + where + " group by stage_key, loss_reason", params,
                r -> new LossReasonCount((String) r[0], (String) r[1], NativeRows.longValue(r[2])));
    }

    public Uni<List<StageTotals>> stageTotals(String tenantId, String processId, AnalyticsFilter filter) {
        if (filter.isEmpty()) {
            return rows("""
                    select stage_key, total_opportunities, total_amount, closed_millis, open_stays, open_since_millis_sum,
                           transitioned, retained, lost
                    from stage_aggregate where tenant_id = ?1 and sales_process_id = ?2 and total_opportunities <> 0""",
                    List.of(tenantId, processId), StageTransitionQueries::totals);
        }
        List<Object> params = new ArrayList<>(List.of(tenantId, processId));
        String where = where(filter, params, filter.dateField() == AnalyticsFilter.DateField.ENTERED
                ? "first_entered_at_millis" : "created_at_millis");
        return rows("""
                select stage_key, count(*), coalesce(sum(forecast), 0), coalesce(sum(closed_millis), 0),
                       count(open_since_millis), coalesce(sum(open_since_millis), 0),
                       count(*) filter (where outcome = 'TRANSITIONED'), count(*) filter (where outcome = 'RETAINED'),
                       count(*) filter (where outcome = 'LOST')
                from stage_fact where tenant_id = ?1 and sales_process_id = ?2""" + where + " group by stage_key",
                params, StageTransitionQueries::totals);
    }

    public Uni<WonTotals> wonTotals(String tenantId, String processId, AnalyticsFilter filter) {
        if (filter.isEmpty()) {
            return rows("""
                    select won_count, won_amount, won_cycle_millis from process_aggregate
                    where tenant_id = ?1 and sales_process_id = ?2""", List.of(tenantId, processId), StageTransitionQueries::won)
                    .map(rows -> rows.isEmpty() ? WonTotals.NONE : rows.get(0));
        }
        List<Object> params = new ArrayList<>(List.of(tenantId, processId));
        String where = where(filter, params, filter.dateField() == AnalyticsFilter.DateField.ENTERED
                ? "won_at_millis" : "created_at_millis");
        return rows("""
                select count(*), coalesce(sum(won_amount), 0), coalesce(sum(won_cycle_millis), 0)
                from opportunity_snapshot where tenant_id = ?1 and sales_process_id = ?2 and won""" + where,
                params, StageTransitionQueries::won).map(rows -> rows.get(0));
    }

    /** Each stage's Σ forecast per currency and rate date (a stage entered as Won: its won day). */
    public Uni<List<AmountRow>> stageAmounts(String tenantId, String processId, AnalyticsFilter filter) {
        if (filter.isEmpty()) {
            return rows("""
                    select group_key, currency, rate_date, opportunities, amount from money_aggregate
                    where tenant_id = ?1 and sales_process_id = ?2 and measure = '%s' and opportunities <> 0"""
                    .formatted(AggregateDelta.MONEY_STAGE), List.of(tenantId, processId), StageTransitionQueries::amount);
        }
        List<Object> params = new ArrayList<>(List.of(tenantId, processId));
        String where = where(filter, params, filter.dateField() == AnalyticsFilter.DateField.ENTERED
                ? "first_entered_at_millis" : "created_at_millis");
        return rows("select stage_key, coalesce(currency, '" + OpportunityTimeline.NO_CURRENCY + "'), won_on, count(*), sum(forecast) "
                + "from stage_fact where tenant_id = ?1 and sales_process_id = ?2" + where + " group by 1, 2, 3",
                params, StageTransitionQueries::amount);
    }

    /** The won deals' Σ amount per currency and won day. */
    public Uni<List<AmountRow>> wonAmounts(String tenantId, String processId, AnalyticsFilter filter) {
        if (filter.isEmpty()) {
            return rows("""
                    select cast(null as varchar), currency, rate_date, opportunities, amount from money_aggregate
                    where tenant_id = ?1 and sales_process_id = ?2 and measure = '%s' and opportunities <> 0"""
                    .formatted(AggregateDelta.MONEY_WON), List.of(tenantId, processId), StageTransitionQueries::amount);
        }
        List<Object> params = new ArrayList<>(List.of(tenantId, processId));
        String where = where(filter, params, filter.dateField() == AnalyticsFilter.DateField.ENTERED
                ? "won_at_millis" : "created_at_millis");
        return rows("""
                select cast(null as varchar), coalesce(currency, '%s'),
                       date '1970-01-01' + cast(floor(won_at_millis / 86400000.0) as integer), count(*), sum(won_amount)
                from opportunity_snapshot where tenant_id = ?1 and sales_process_id = ?2 and won"""
                .formatted(OpportunityTimeline.NO_CURRENCY) + where + " group by 2, 3", params, StageTransitionQueries::amount);
    }

    static String where(AnalyticsFilter filter, List<Object> params, String dateColumn) {
        StringBuilder where = new StringBuilder(filter.sql(params));
        if (filter.fromMillis() != null) {
            params.add(filter.fromMillis());
            where.append(" and ").append(dateColumn).append(" >= ?").append(params.size());
        }
        if (filter.toMillis() != null) {
            params.add(filter.toMillis());
            where.append(" and ").append(dateColumn).append(" < ?").append(params.size());
        }
        return where.toString();
    }

    /** A native query's rows, read in the caller's session (or one of its own). */
    private static <T> Uni<List<T>> rows(String sql, List<Object> params, Function<Object[], T> row) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> NativeRows.bind(session.createNativeQuery(sql, Object[].class),
                        params).getResultList()))
                .map(rows -> {
                    List<T> read = new ArrayList<>(rows.size());
                    for (Object[] r : rows) {
                        read.add(row.apply(r));
                    }
                    return read;
                });
    }

    private static AmountRow amount(Object[] r) {
        return new AmountRow((String) r[0], (String) r[1], NativeRows.date(r[2]), NativeRows.longValue(r[3]), NativeRows.decimal(r[4]));
    }

    private static StageTotals totals(Object[] r) {
        return new StageTotals((String) r[0], NativeRows.longValue(r[1]), NativeRows.decimal(r[2]), NativeRows.decimal(r[3]),
                NativeRows.longValue(r[4]), NativeRows.decimal(r[5]), NativeRows.longValue(r[6]), NativeRows.longValue(r[7]),
                NativeRows.longValue(r[8]));
    }

    private static WonTotals won(Object[] r) {
        return new WonTotals(NativeRows.longValue(r[0]), NativeRows.decimal(r[1]), NativeRows.decimal(r[2]));
    }

    static BigDecimal orZero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }
}
