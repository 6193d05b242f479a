package io.oppsuite.analytics.transition;

import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.contracts.StageType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.oppsuite.analytics.money.AmountRow;
import io.oppsuite.analytics.money.ExchangeRates;
import io.oppsuite.analytics.money.MoneyTotals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stage transition analysis of one sales process (module README, "Formulas").
 * Rates are percent with two decimals (half up), null where the base is zero; averages of time are
 * whole seconds (floor), never negative, null where no deal entered the stage; amounts have two
 * decimals ({@link Amounts}). Won, Lost and Invalid stages are outcomes: count, amount and conversion;
 * their time in stage, transitioned/retained/lost split, loss rate and loss reasons are null.
 */
@Schema(description = "Stage transition analysis of one sales process as of an instant")
public record StageTransitionReport(
        String salesProcessId,
        String name,
        @Schema(description = "The instant the report describes: deals, stays and amounts as they stood then") Instant asOf,
        List<StageMetrics> stages,
        @Schema(nullable = true, description = "Average (won at − created at) of won deals; null when none was won") DurationView salesCycle,
        @Schema(nullable = true, description = "Average amount of won deals (two decimals); null when none was won. With a "
                + "corporate currency: convertedAverageDealSize when every won amount converted, else null; without one: the plain "
                + "average when the won deals are in one currency, else null") BigDecimal averageDealSize,
        long wonCount,
        @Schema(nullable = true, description = "The in-progress stage with the highest loss rate (first in process order on a tie); "
                + "null when no deal was lost from an in-progress stage") WorstStage highestLossRateStage,
        @Schema(nullable = true, description = "The in-progress stage with the longest average time in stage (first in process order on a "
                + "tie); null when no deal spent time in one") WorstStage longestAverageTimeStage,
        @Schema(nullable = true, description = "The tenant's corporate currency, which converted amounts are in; null when not set "
                + "(then nothing is converted)") String corporateCurrency,
        @Schema(description = "The UTC date of asOf: amounts other than Won ones convert at the rate effective on it") LocalDate rateDate,
        @Schema(description = "Won deals per currency (by code): count, Σ amount and average deal size, two decimals") List<CurrencyDealSize> wonAmountsByCurrency,
        @Schema(nullable = true, description = "Σ won amounts in the corporate currency, each at the rate effective on its won "
                + "date (UTC), leaving out those without one; null without a corporate currency") BigDecimal convertedWonAmount,
        @Schema(nullable = true, description = "convertedWonAmount / the won deals it converted (two decimals); null without a "
                + "corporate currency or a converted won deal") BigDecimal convertedAverageDealSize,
        @Schema(description = "Currencies of won deals without a rate effective on their won date (every currency without a "
                + "corporate currency): left out of the converted figures") List<String> wonUnconverted) {

    @Schema(description = "One stage. For Won, Lost and Invalid (outcomes) averageTimeInStage, transitioned, retained, lost, "
            + "lossRate and lossReasons are null.")
    public record StageMetrics(
            String key,
            @Schema(description = "The stage's label in the process; for a stage no longer in it (listed after the process's "
                    + "stages), its label in the stage catalogue, else its key") String label,
            @Schema(nullable = true, description = "IN_PROGRESS, WON, LOST or INVALID; null for a stage no longer in the process") StageType type,
            @Schema(description = "true for Won, Lost and Invalid: reported as outcomes") boolean outcome,
            long totalOpportunities,
            @Schema(nullable = true, description = "Σ amount × win rate / 100 as at each deal's first entry, two decimals. With a "
                    + "corporate currency: convertedAmount when every amount converted, else null; without one: the plain sum "
                    + "when the amounts are in one currency (that of amountsByCurrency), else null") BigDecimal totalAmount,
            @Schema(nullable = true, description = "Every stay's time up to asOf / totalOpportunities; null for an outcome stage or "
                    + "when no deal entered the stage") DurationView averageTimeInStage,
            @Schema(nullable = true, description = "null for an outcome stage") Long transitioned,
            @Schema(nullable = true, description = "null for an outcome stage") Long retained,
            @Schema(nullable = true, description = "null for an outcome stage") Long lost,
            @Schema(nullable = true, description = "lost / total × 100; null for an outcome stage or when no deal entered the stage") BigDecimal lossRate,
            @Schema(nullable = true, description = "total / total of the first stage × 100; null when no deal entered the first stage") BigDecimal conversionRate,
            @Schema(nullable = true, description = "The lost count by the reason given on entering Lost or Invalid (most frequent first; "
                    + "reason null: none given); null for an outcome stage") List<LossReason> lossReasons,
            @Schema(description = "totalAmount per currency (by code): the deals and Σ forecast in it, two decimals") List<CurrencyAmount> amountsByCurrency,
            @Schema(nullable = true, description = "Σ forecast in the corporate currency, at the rate effective on rateDate (a "
                    + "stage entered as Won: on the day it was entered), leaving out amounts without a rate; null without a "
                    + "corporate currency") BigDecimal convertedAmount,
            @Schema(description = "Currencies some amount of which had no effective rate (every currency without a corporate "
                    + "currency): left out of convertedAmount, never summed into another currency") List<String> unconverted) {
    }

    /** One currency's share of an amount. */
    public record CurrencyAmount(String currency, long opportunities, BigDecimal amount) {
    }

    /** One currency's won deals. */
    public record CurrencyDealSize(String currency, long wonCount, BigDecimal wonAmount, BigDecimal averageDealSize) {
    }

    public record LossReason(@Schema(nullable = true) String reason, long count) {
    }

    /** A stage the review should look at first, with the figure it leads on. */
    public record WorstStage(String key, String label, @Schema(nullable = true) BigDecimal lossRate,
                             @Schema(nullable = true) DurationView averageTimeInStage) {
    }

    /** Won opportunities of the process: count, Σ amount, Σ (won at − created at). */
    public record WonTotals(long wonCount, BigDecimal wonAmount, BigDecimal wonCycleMillis) {
        public static final WonTotals NONE = new WonTotals(0, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /** {@link #of(String, String, List, Map, ReportInputs, Instant)} with no catalogue: a stage not in the process is named by its key. */
    public static StageTransitionReport of(String salesProcessId, String name, List<SalesProcessSnapshot.Stage> stages,
                                           ReportInputs inputs, Instant asOf) {
        return of(salesProcessId, name, stages, Map.of(), inputs, asOf);
    }

    /**
     * @param stages          the process's stages in order (may be empty if the process is unknown);
     *                        stages seen in events but not in the process follow, by key
     * @param catalogueLabels the stage catalogue's labels by key: a stage no longer in the process is
     *                        reported under its label (its key when the catalogue does not know it)
     */
    public static StageTransitionReport of(String salesProcessId, String name, List<SalesProcessSnapshot.Stage> stages,
                                           Map<String, String> catalogueLabels, ReportInputs inputs, Instant asOf) {
        return of(salesProcessId, name, stages, catalogueLabels, inputs, asOf, ExchangeRates.NONE);
    }

    /**
     * @param rates the tenant's corporate currency and exchange rates: amounts convert at the rate effective on asOf's
     *              UTC date, Won amounts on their won date (module README, "Money")
     */
    public static StageTransitionReport of(String salesProcessId, String name, List<SalesProcessSnapshot.Stage> stages,
                                           Map<String, String> catalogueLabels, ReportInputs inputs, Instant asOf, ExchangeRates rates) {
        LocalDate rateDate = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
        Map<String, List<AmountRow>> amountsByStage = new LinkedHashMap<>();
        inputs.stageAmounts().forEach(r -> amountsByStage.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r));
        Map<String, StageTotals> byKey = new LinkedHashMap<>();
        inputs.stages().stream().sorted(Comparator.comparing(StageTotals::stageKey)).forEach(t -> byKey.put(t.stageKey(), t));
        Map<String, List<LossReason>> reasons = new LinkedHashMap<>();
        inputs.lossReasons().stream()
                .sorted(Comparator.comparingLong(LossReasonCount::count).reversed()
                        .thenComparing(LossReasonCount::reason, Comparator.nullsLast(Comparator.naturalOrder())))
                .forEach(r -> reasons.computeIfAbsent(r.stageKey(), k -> new ArrayList<>()).add(new LossReason(r.reason(), r.count())));
        List<SalesProcessSnapshot.Stage> ordered = new ArrayList<>(stages);
        for (String key : byKey.keySet()) {
            if (ordered.stream().noneMatch(s -> s.key().equals(key))) {
                ordered.add(new SalesProcessSnapshot.Stage(key, catalogueLabels.getOrDefault(key, key), null, null, null, List.of()));
            }
        }
        long firstTotal = stages.isEmpty() ? 0 : total(byKey.get(stages.get(0).key()));
        long asOfMillis = asOf.toEpochMilli();
        List<StageMetrics> metrics = new ArrayList<>();
        for (SalesProcessSnapshot.Stage stage : ordered) {
            StageTotals t = byKey.get(stage.key());
            long total = total(t);
            MoneyTotals money = MoneyTotals.of(amountsByStage.getOrDefault(stage.key(), List.of()), rates, rateDate);
            BigDecimal converted = money.convertedAmount();
            BigDecimal amount = money.singleCurrencyValue(converted, Amounts.of(t == null ? BigDecimal.ZERO : t.amount()));
            List<CurrencyAmount> byCurrency = money.perCurrency().stream()
                    .map(c -> new CurrencyAmount(c.currency(), c.opportunities(), Amounts.of(c.amount()))).toList();
            BigDecimal conversion = percent(total, firstTotal);
            if (stage.type() != null && stage.type() != StageType.IN_PROGRESS) {
                metrics.add(new StageMetrics(stage.key(), stage.label(), stage.type(), true, total, amount, null, null, null, null,
                        null, conversion, null, byCurrency, converted, money.unconverted()));
                continue;
            }
            // an open stay entered after asOf (a producer clock ahead) adds nothing rather than a negative time
            DurationView average = total == 0 ? null
                    : DurationView.ofSeconds(Math.max(0, floorDiv(t.timeMillisAsOf(asOfMillis), total * 1000)));
            long lost = t == null ? 0 : t.lost();
            metrics.add(new StageMetrics(stage.key(), stage.label(), stage.type(), false, total, amount, average,
                    t == null ? 0 : t.transitioned(), t == null ? 0 : t.retained(), lost, percent(lost, total), conversion,
                    reasons.getOrDefault(stage.key(), List.of()), byCurrency, converted, money.unconverted()));
        }
        WonTotals won = inputs.won();
        DurationView cycle = won.wonCount() == 0 ? null
                : DurationView.ofSeconds(Math.max(0, floorDiv(won.wonCycleMillis(), won.wonCount() * 1000)));
        MoneyTotals wonMoney = MoneyTotals.of(inputs.wonAmounts(), rates, rateDate);
        BigDecimal dealSize = won.wonCount() == 0 ? null : wonMoney.singleCurrencyValue(wonMoney.convertedAverage(),
                won.wonAmount().divide(BigDecimal.valueOf(won.wonCount()), 2, RoundingMode.HALF_UP));
        List<CurrencyDealSize> wonByCurrency = wonMoney.perCurrency().stream().map(c -> new CurrencyDealSize(c.currency(),
                c.opportunities(), Amounts.of(c.amount()), c.amount().divide(BigDecimal.valueOf(c.opportunities()), 2, RoundingMode.HALF_UP)))
                .toList();
        return new StageTransitionReport(salesProcessId, name, asOf, metrics, cycle, dealSize, won.wonCount(),
                highestLossRate(metrics), longestAverageTime(metrics), rates.corporateCurrency(), rateDate, wonByCurrency,
                wonMoney.convertedAmount(), wonMoney.convertedAverage(), wonMoney.unconverted());
    }

    private static WorstStage highestLossRate(List<StageMetrics> metrics) {
        StageMetrics worst = null;
        for (StageMetrics m : metrics) {
            if (!m.outcome() && m.lost() != null && m.lost() > 0 && (worst == null || m.lossRate().compareTo(worst.lossRate()) > 0)) {
                worst = m;
            }
        }
        return worst == null ? null : new WorstStage(worst.key(), worst.label(), worst.lossRate(), worst.averageTimeInStage());
    }

    private static WorstStage longestAverageTime(List<StageMetrics> metrics) {
        StageMetrics worst = null;
        for (StageMetrics m : metrics) {
            if (!m.outcome() && m.averageTimeInStage() != null && m.averageTimeInStage().seconds() > 0
                    && (worst == null || m.averageTimeInStage().seconds() > worst.averageTimeInStage().seconds())) {
                worst = m;
            }
        }
        return worst == null ? null : new WorstStage(worst.key(), worst.label(), worst.lossRate(), worst.averageTimeInStage());
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
