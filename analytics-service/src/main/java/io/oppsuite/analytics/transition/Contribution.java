package io.oppsuite.analytics.transition;

import io.oppsuite.common.contracts.StageType;

import java.math.BigDecimal;
import java.util.List;

/**
 * What one opportunity adds to the aggregates, derived from all its events. The projection
 * keeps the last contribution and applies (new − old), so any arrival order converges.
 *
 * @param stages one fact per stage the opportunity entered, in order of first entry
 * @param won    set when the opportunity stands in a Won stage
 * @param open   set when it is in an in-progress stage (part of the weighted pipeline)
 * @param version the highest version it was counted from, or null (a contribution stored before it was kept)
 * @param current the stay the opportunity stands in, or null; with {@code version}, what lets a newer state
 *                extend the contribution without re-reading the history ({@link OpportunityTimeline#extend})
 */
public record Contribution(String salesProcessId, String ownerId, String departmentId, Long createdAtMillis,
                           List<StageFact> stages, Won won, OpenDeal open, Long version, CurrentStay current) {

    public static final Contribution NONE = new Contribution(null, null, null, null, List.of(), null, null, null, null);

    /** A stay: the stage, its type as at entry, and when it was entered. */
    public record CurrentStay(String stageKey, StageType type, long enteredAtMillis) {
    }

    public enum Outcome { TRANSITIONED, RETAINED, LOST }

    /**
     * @param forecast      amount × win rate / 100 as at the first entry, in {@code currency} (the deal's currency then)
     * @param closedMillis  time of every finished stay in this stage
     * @param openSinceMillis start of the stay still open (counts up to "as of"), or null
     * @param lossReason    when the outcome is LOST: the reason given on entering the Lost/Invalid stage, or null
     * @param currency      the currency of {@code forecast} (null: a fact stored before currencies were kept)
     * @param wonOn         when the stage was first entered as a Won stage: that day (UTC, ISO), whose rate converts the
     *                      forecast; else null (converted at the report's date)
     */
    public record StageFact(String stageKey, long firstEnteredAtMillis, BigDecimal forecast, long closedMillis,
                            Long openSinceMillis, Outcome outcome, String lossReason, String currency, String wonOn) {

        public StageFact(String stageKey, long firstEnteredAtMillis, BigDecimal forecast, long closedMillis, Long openSinceMillis,
                         Outcome outcome) {
            this(stageKey, firstEnteredAtMillis, forecast, closedMillis, openSinceMillis, outcome, null, null, null);
        }
    }

    /** @param currency the currency of {@code amount} (null: stored before currencies were kept) */
    public record Won(long wonAtMillis, BigDecimal amount, long cycleMillis, String currency) {
    }

    /** @param currency the currency of the amounts (null: stored before currencies were kept) */
    public record OpenDeal(String stageKey, String ownerId, String closeMonth, BigDecimal amount, BigDecimal weightedAmount,
                           String currency) {
    }

    /** Whether every amount names its currency; a contribution stored before currencies were kept is recounted. */
    public boolean hasCurrencies() {
        return stages.stream().allMatch(f -> f.currency() != null) && (won == null || won.currency() != null)
                && (open == null || open.currency() != null);
    }
}
