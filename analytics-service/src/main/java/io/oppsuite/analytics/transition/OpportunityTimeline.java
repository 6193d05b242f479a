package io.oppsuite.analytics.transition;

import io.oppsuite.analytics.transition.Contribution.CurrentStay;
import io.oppsuite.analytics.transition.Contribution.OpenDeal;
import io.oppsuite.analytics.transition.Contribution.Outcome;
import io.oppsuite.analytics.transition.Contribution.StageFact;
import io.oppsuite.analytics.transition.Contribution.Won;
import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.common.contracts.OpportunityState;
import io.oppsuite.common.contracts.StageType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stage transition rules (module README, "Formulas") for one opportunity, from the states its events
 * carry. Every event carries the opportunity after the change (stage key, type, entered-at),
 * so the stays are the distinct (stage, entered-at) pairs in version order: duplicates and
 * late arrivals of the same opportunity's events give the same answer.
 *
 * The facts keep the time of terminal stays too; the report shows terminal stages as outcomes
 * (no time in stage), so that time is never read there.
 */
public final class OpportunityTimeline {

    /**
     * One event as logged: its type, the opportunity state it carried, when it happened (the CloudEvent
     * time, epoch millis; null for a state logged before that was kept: it counts at any instant) and the
     * reason it gave (entering Lost or Invalid), or null.
     */
    public record LoggedEvent(String type, OpportunityState state, Long occurredAtMillis, String reason) {

        public LoggedEvent(String type, OpportunityState state) {
            this(type, state, null, null);
        }

        boolean happenedBy(long instantMillis) {
            return occurredAtMillis == null || occurredAtMillis <= instantMillis;
        }
    }

    private OpportunityTimeline() {
    }

    /** The contribution of every logged state of one opportunity, in version order. */
    public static Contribution contribution(List<LoggedEvent> events) {
        if (events.isEmpty() || anyDeleted(events)) {
            return Contribution.NONE;
        }
        Fold fold = new Fold();
        inVersionOrder(events).forEach(fold::add);
        return fold.result();
    }

    /**
     * The contribution as it stood at {@code instantMillis}: from the events that had happened by then
     * (a deletion after it does not count yet, a move after it has not happened).
     */
    public static Contribution contributionAt(List<LoggedEvent> events, long instantMillis) {
        return contribution(events.stream().filter(e -> e.happenedBy(instantMillis)).toList());
    }

    /**
     * The contribution of {@code before}'s states plus {@code newer}, each of which has a higher
     * version than any {@code before} was counted from: the same answer as {@link #contribution} over
     * all of them, without the history (the stored facts and current stay are all the fold needs).
     * Empty when {@code before} cannot be extended (no version, stay or currency kept, or a newer state is not
     * newer): the caller recounts from the log then, which is what keeps late arrivals exact.
     */
    public static Optional<Contribution> extend(Contribution before, List<LoggedEvent> newer) {
        if (before == null || before.version() == null || before.current() == null || !before.hasCurrencies() || newer.isEmpty()
                || newer.stream().anyMatch(e -> e.state().version() <= before.version())) {
            return Optional.empty();
        }
        if (anyDeleted(newer)) {
            return Optional.of(Contribution.NONE);
        }
        Fold fold = new Fold(before);
        inVersionOrder(newer).forEach(fold::add);
        return Optional.of(fold.result());
    }

    private static boolean anyDeleted(List<LoggedEvent> events) {
        return events.stream().anyMatch(e -> OpportunityEvents.DELETED.equals(e.type()));
    }

    private static List<LoggedEvent> inVersionOrder(List<LoggedEvent> events) {
        List<LoggedEvent> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparingLong((LoggedEvent e) -> e.state().version()));
        return ordered;
    }

    /** One stage's fact while the states are folded in. */
    private static final class Stage {
        final long firstEnteredAt;
        final BigDecimal forecast;
        final String currency;
        final String wonOn;
        long closed;
        Long openSince;
        Outcome outcome;
        String lossReason;

        Stage(long firstEnteredAt, BigDecimal forecast, String currency, String wonOn, long closed, Long openSince, Outcome outcome,
              String lossReason) {
            this.firstEnteredAt = firstEnteredAt;
            this.forecast = forecast;
            this.currency = currency;
            this.wonOn = wonOn;
            this.closed = closed;
            this.openSince = openSince;
            this.outcome = outcome;
            this.lossReason = lossReason;
        }
    }

    /**
     * The states of one opportunity folded in version order. A stay is a distinct (stage, entered-at)
     * pair; leaving one adds its time to its stage and gives the stage the outcome of the stay that
     * follows (lost if that is a loss stage, else transitioned); entering one makes its stage retained,
     * with the amount and win rate as at the stage's first entry. The reason of a loss is the reason
     * given by any event of the move into the loss stage (stage-changed or closed, one version).
     */
    private static final class Fold {
        private final Map<String, Stage> stages = new LinkedHashMap<>();
        private CurrentStay current;
        private OpportunityState latest;
        /** The stage the current stay was lost from, while the current stay is in a loss stage. */
        private String lostFrom;

        Fold() {
        }

        Fold(Contribution counted) {
            for (StageFact f : counted.stages()) {
                stages.put(f.stageKey(), new Stage(f.firstEnteredAtMillis(), f.forecast(), f.currency(), f.wonOn(), f.closedMillis(),
                        f.openSinceMillis(), f.outcome(), f.lossReason()));
            }
            current = counted.current();
        }

        void add(LoggedEvent event) {
            OpportunityState s = event.state();
            latest = s;
            if (s.stageKey() == null) {
                return;
            }
            long enteredAt = millis(s.stageEnteredAt() != null ? s.stageEnteredAt() : s.createdAt());
            if (current != null && current.stageKey().equals(s.stageKey()) && current.enteredAtMillis() == enteredAt) {
                noteLossReason(event.reason()); // the same stay, seen again (e.g. the closed event of a loss)
                return;
            }
            StageType type = typeOf(s);
            lostFrom = null;
            if (current != null) {
                Stage left = stages.get(current.stageKey());
                left.closed += Math.max(0, enteredAt - current.enteredAtMillis());
                left.openSince = null;
                left.outcome = type.isLoss() ? Outcome.LOST : Outcome.TRANSITIONED;
                left.lossReason = null;
                if (type.isLoss()) {
                    lostFrom = current.stageKey();
                }
            }
            Stage entered = stages.computeIfAbsent(s.stageKey(), k -> new Stage(enteredAt, forecast(s.amount(), s.winRate()),
                    currency(s), type == StageType.WON ? day(enteredAt) : null, 0, null, null, null));
            entered.openSince = enteredAt;
            entered.outcome = Outcome.RETAINED;
            entered.lossReason = null;
            current = new CurrentStay(s.stageKey(), type, enteredAt);
            noteLossReason(event.reason());
        }

        private void noteLossReason(String reason) {
            if (reason != null && !reason.isBlank() && lostFrom != null && stages.get(lostFrom).lossReason == null) {
                stages.get(lostFrom).lossReason = reason;
            }
        }

        Contribution result() {
            List<StageFact> facts = new ArrayList<>(stages.size());
            stages.forEach((key, f) -> facts.add(new StageFact(key, f.firstEnteredAt, f.forecast, f.closed, f.openSince, f.outcome,
                    f.lossReason, f.currency, f.wonOn)));
            Won won = null;
            OpenDeal open = null;
            Long createdAt = latest.createdAt() == null ? null : millis(latest.createdAt());
            if (current != null) {
                if (current.type() == StageType.WON) {
                    long wonAt = current.enteredAtMillis();
                    won = new Won(wonAt, orZero(latest.amount()), createdAt == null ? 0 : wonAt - createdAt, currency(latest));
                } else if (current.type() == StageType.IN_PROGRESS && !"REJECTED".equals(latest.status())) {
                    String closeMonth = latest.expectedCloseDate() == null ? null : latest.expectedCloseDate().toString().substring(0, 7);
                    open = new OpenDeal(current.stageKey(), latest.ownerId(), closeMonth, orZero(latest.amount()),
                            forecast(latest.amount(), latest.winRate()), currency(latest));
                }
            }
            return new Contribution(latest.salesProcessId(), latest.ownerId(), latest.departmentId(), createdAt, facts, won, open,
                    latest.version(), current);
        }
    }

    /** amount × win rate (percent) / 100, exact. */
    public static BigDecimal forecast(BigDecimal amount, BigDecimal winRatePercent) {
        return orZero(amount).multiply(orZero(winRatePercent)).movePointLeft(2);
    }

    /** Reported for a deal whose state names no currency, or not as an ISO 4217 code: ISO 4217's "no currency". */
    public static final String NO_CURRENCY = "XXX";

    /** The state's currency: its ISO 4217 code, else {@link #NO_CURRENCY}. */
    public static String currency(OpportunityState s) {
        String c = s.currency();
        return c != null && c.matches("[A-Z]{3}") ? c : NO_CURRENCY;
    }

    /** The UTC day of an instant, ISO: the day whose exchange rate converts a Won amount. */
    public static String day(long epochMillis) {
        return java.time.LocalDate.ofEpochDay(Math.floorDiv(epochMillis, 86_400_000L)).toString();
    }

    private static StageType typeOf(OpportunityState s) {
        return s.stageType() == null ? StageType.IN_PROGRESS : s.stageType();
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static long millis(Instant instant) {
        return instant == null ? 0 : instant.toEpochMilli();
    }
}
