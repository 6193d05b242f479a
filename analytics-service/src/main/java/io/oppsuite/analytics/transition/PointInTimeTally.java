package io.oppsuite.analytics.transition;

import io.oppsuite.analytics.transition.Contribution.Outcome;
import io.oppsuite.analytics.transition.Contribution.StageFact;
import io.oppsuite.analytics.transition.StageTransitionReport.WonTotals;

import io.oppsuite.analytics.money.AmountRow;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums the contributions of a process's opportunities as they stood at one instant into the same
 * totals the live tables hold, with the same filters as the SQL (owner and department as the deal
 * had them then, sales teams as they are now; from inclusive, to exclusive, on creation or first entry;
 * a won deal by its won date).
 */
public final class PointInTimeTally {

    private final String processId;
    private final AnalyticsFilter filter;
    private final AnalyticsFilter.TeamDeals teams;
    private final Map<String, long[]> counts = new LinkedHashMap<>(); // total, openStays, transitioned, retained, lost
    private final Map<String, BigDecimal[]> sums = new LinkedHashMap<>(); // amount, closed, openSinceSum
    private final Map<List<String>, Long> reasons = new LinkedHashMap<>();
    private final Map<List<String>, AmountRow> stageAmounts = new LinkedHashMap<>();
    private final Map<List<String>, AmountRow> wonAmounts = new LinkedHashMap<>();
    private long wonCount;
    private BigDecimal wonAmount = BigDecimal.ZERO;
    private BigDecimal wonCycle = BigDecimal.ZERO;

    /** @param teams the deals of the team members the filter names (its scope's and its own), as the teams are now */
    public PointInTimeTally(String processId, AnalyticsFilter filter, AnalyticsFilter.TeamDeals teams) {
        this.processId = processId;
        this.filter = filter;
        this.teams = teams;
    }

    public void add(String opportunityId, Contribution c) {
        if (!processId.equals(c.salesProcessId()) || !filter.admits(opportunityId, c.ownerId(), c.departmentId(), teams)) {
            return;
        }
        boolean byEntry = filter.dateField() == AnalyticsFilter.DateField.ENTERED;
        for (StageFact f : c.stages()) {
            if (!inRange(byEntry ? Long.valueOf(f.firstEnteredAtMillis()) : c.createdAtMillis())) {
                continue;
            }
            long[] n = counts.computeIfAbsent(f.stageKey(), k -> new long[5]);
            BigDecimal[] s = sums.computeIfAbsent(f.stageKey(), k -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            n[0]++;
            s[0] = s[0].add(f.forecast());
            s[1] = s[1].add(BigDecimal.valueOf(f.closedMillis()));
            if (f.openSinceMillis() != null) {
                n[1]++;
                s[2] = s[2].add(BigDecimal.valueOf(f.openSinceMillis()));
            }
            n[2 + f.outcome().ordinal()]++;
            addAmount(stageAmounts, f.stageKey(), f.currency(), f.wonOn(), f.forecast());
            if (f.outcome() == Outcome.LOST) {
                reasons.merge(java.util.Arrays.asList(f.stageKey(), f.lossReason()), 1L, Long::sum);
            }
        }
        if (c.won() != null && inRange(byEntry ? Long.valueOf(c.won().wonAtMillis()) : c.createdAtMillis())) {
            wonCount++;
            wonAmount = wonAmount.add(c.won().amount());
            wonCycle = wonCycle.add(BigDecimal.valueOf(c.won().cycleMillis()));
            addAmount(wonAmounts, null, c.won().currency(), OpportunityTimeline.day(c.won().wonAtMillis()), c.won().amount());
        }
    }

    public ReportInputs result() {
        List<StageTotals> stages = new ArrayList<>();
        counts.forEach((key, n) -> {
            BigDecimal[] s = sums.get(key);
            stages.add(new StageTotals(key, n[0], s[0], s[1], n[1], s[2], n[2 + Outcome.TRANSITIONED.ordinal()],
                    n[2 + Outcome.RETAINED.ordinal()], n[2 + Outcome.LOST.ordinal()]));
        });
        List<LossReasonCount> lossReasons = new ArrayList<>();
        reasons.forEach((key, count) -> lossReasons.add(new LossReasonCount(key.get(0), key.get(1), count)));
        return new ReportInputs(stages, new WonTotals(wonCount, wonAmount, wonCycle), lossReasons, List.copyOf(stageAmounts.values()),
                List.copyOf(wonAmounts.values()));
    }

    private static void addAmount(Map<List<String>, AmountRow> into, String key, String currency, String rateDate, BigDecimal amount) {
        LocalDate date = rateDate == null ? null : LocalDate.parse(rateDate);
        into.merge(java.util.Arrays.asList(key, currency, rateDate), new AmountRow(key, currency, date, 1, amount),
                (a, b) -> new AmountRow(key, currency, date, a.opportunities() + 1, a.amount().add(amount)));
    }

    private boolean inRange(Long millis) {
        if (filter.fromMillis() == null && filter.toMillis() == null) {
            return true;
        }
        return millis != null && (filter.fromMillis() == null || millis >= filter.fromMillis())
                && (filter.toMillis() == null || millis < filter.toMillis());
    }
}
