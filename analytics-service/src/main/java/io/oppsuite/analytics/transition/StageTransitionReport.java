package io.oppsuite.analytics.transition;

import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.contracts.StageType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stage transition analysis of one sales process.
 * Rates are percent with two decimals (half up), null where the base is zero; averages of
 * time are whole seconds (floor).
 */
public record StageTransitionReport(String salesProcessId, String name, Instant asOf, List<StageMetrics> stages,
                                    DurationView salesCycle, BigDecimal averageDealSize, long wonCount) {

    public record StageMetrics(String key, String label, StageType type, long totalOpportunities, BigDecimal totalAmount,
                               DurationView averageTimeInStage, long transitioned, long retained, long lost,
                               BigDecimal lossRate, BigDecimal conversionRate) {
    }

    /** Won opportunities of the process: count, Σ amount, Σ (won at − created at). */
    public record WonTotals(long wonCount, BigDecimal wonAmount, BigDecimal wonCycleMillis) {
        public static final WonTotals NONE = new WonTotals(0, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /**
     * @param stages the process's stages in order (may be empty if the process is unknown);
     *               stages seen in events but not in the process follow, by key
     */
    public static StageTransitionReport of(String salesProcessId, String name, List<SalesProcessSnapshot.Stage> stages,
                                           List<StageTotals> totals, WonTotals won, Instant asOf) {
        Map<String, StageTotals> byKey = new LinkedHashMap<>();
        totals.stream().sorted(java.util.Comparator.comparing(StageTotals::stageKey)).forEach(t -> byKey.put(t.stageKey(), t));
        List<SalesProcessSnapshot.Stage> ordered = new ArrayList<>(stages);
        for (String key : byKey.keySet()) {
            if (ordered.stream().noneMatch(s -> s.key().equals(key))) {
                ordered.add(new SalesProcessSnapshot.Stage(key, key, null, null, null, List.of()));
            }
        }
        long firstTotal = stages.isEmpty() ? 0 : total(byKey.get(stages.get(0).key()));
        long asOfMillis = asOf.toEpochMilli();
        List<StageMetrics> metrics = new ArrayList<>();
        for (SalesProcessSnapshot.Stage stage : ordered) {
            StageTotals t = byKey.get(stage.key());
            long total = total(t);
            long avgSeconds = total == 0 ? 0 : floorDiv(t.timeMillisAsOf(asOfMillis), total * 1000);
            metrics.add(new StageMetrics(stage.key(), stage.label(), stage.type(), total,
                    t == null ? BigDecimal.ZERO : t.amount(), DurationView.ofSeconds(avgSeconds),
                    t == null ? 0 : t.transitioned(), t == null ? 0 : t.retained(), t == null ? 0 : t.lost(),
                    percent(t == null ? 0 : t.lost(), total), percent(total, firstTotal)));
        }
        DurationView cycle = won.wonCount() == 0 ? null : DurationView.ofSeconds(floorDiv(won.wonCycleMillis(), won.wonCount() * 1000));
        BigDecimal dealSize = won.wonCount() == 0 ? null
                : won.wonAmount().divide(BigDecimal.valueOf(won.wonCount()), 2, RoundingMode.HALF_UP);
        return new StageTransitionReport(salesProcessId, name, asOf, metrics, cycle, dealSize, won.wonCount());
    }

    /** part / whole × 100, two decimals half up; null when whole is zero. */
    public static BigDecimal percent(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }

    private static long total(StageTotals t) {
        return t == null ? 0 : t.total();
    }

    private static long floorDiv(BigDecimal value, long divisor) {
        return value.divide(BigDecimal.valueOf(divisor), 0, RoundingMode.FLOOR).longValueExact();
    }
}
