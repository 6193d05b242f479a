package io.oppsuite.analytics.transition;

import io.oppsuite.analytics.transition.StageTransitionReport.WonTotals;

import java.util.List;

/** The sums a report is made of, whichever way they were read (live aggregates, facts, or a recount as of an instant). */
public record ReportInputs(List<StageTotals> stages, WonTotals won, List<LossReasonCount> lossReasons) {

    public static final ReportInputs EMPTY = new ReportInputs(List.of(), WonTotals.NONE, List.of());
}
