package io.oppsuite.analytics.transition;

import io.oppsuite.analytics.money.AmountRow;
import io.oppsuite.analytics.transition.StageTransitionReport.WonTotals;

import java.util.List;

/**
 * The sums a report is made of, whichever way they were read (live aggregates, facts, or a recount as of an instant).
 *
 * @param stageAmounts each stage's Σ forecast per (currency, rate date): key = stage key
 * @param wonAmounts   the won deals' Σ amount per (currency, won day): key null
 */
public record ReportInputs(List<StageTotals> stages, WonTotals won, List<LossReasonCount> lossReasons, List<AmountRow> stageAmounts,
                           List<AmountRow> wonAmounts) {

    public static final ReportInputs EMPTY = new ReportInputs(List.of(), WonTotals.NONE, List.of());

    /** Sums without their currencies (amounts then reported as one currency's). */
    public ReportInputs(List<StageTotals> stages, WonTotals won, List<LossReasonCount> lossReasons) {
        this(stages, won, lossReasons, List.of(), List.of());
    }
}
