package io.oppsuite.analytics.transition;

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

/**
 * The stage transition rules of DESIGN.md for one opportunity, from the states its events
 * carry. Every event carries the opportunity after the change (stage key, type, entered-at),
 * so the stays are the distinct (stage, entered-at) pairs in version order: duplicates and
 * late arrivals of the same opportunity's events give the same answer.
 *
 * Time in stage counts every stay in every stage, terminal ones included, exactly as DESIGN.md
 * words it: a deal standing in Won/Lost/Invalid has an open stay there that counts up to "as of".
 */
public final class OpportunityTimeline {

    /** One event as logged: its type and the opportunity state it carried. */
    public record LoggedEvent(String type, OpportunityState state) {
    }

    private record Stay(String stageKey, StageType type, long enteredAtMillis, BigDecimal forecast) {
    }

    private OpportunityTimeline() {
    }

    public static Contribution contribution(List<LoggedEvent> events) {
        if (events.isEmpty() || events.stream().anyMatch(e -> OpportunityEvents.DELETED.equals(e.type()))) {
            return Contribution.NONE;
        }
        List<LoggedEvent> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparingLong((LoggedEvent e) -> e.state().version()));
        OpportunityState latest = ordered.get(ordered.size() - 1).state();

        List<Stay> stays = new ArrayList<>();
        for (LoggedEvent event : ordered) {
            OpportunityState s = event.state();
            if (s.stageKey() == null) {
                continue;
            }
            long enteredAt = millis(s.stageEnteredAt() != null ? s.stageEnteredAt() : s.createdAt());
            Stay last = stays.isEmpty() ? null : stays.get(stays.size() - 1);
            if (last == null || !last.stageKey().equals(s.stageKey()) || last.enteredAtMillis() != enteredAt) {
                // the first event showing a stay carries the amount and win rate as at entry
                stays.add(new Stay(s.stageKey(), typeOf(s), enteredAt, forecast(s.amount(), s.winRate())));
            }
        }

        Map<String, List<Integer>> staysByStage = new LinkedHashMap<>();
        for (int i = 0; i < stays.size(); i++) {
            staysByStage.computeIfAbsent(stays.get(i).stageKey(), k -> new ArrayList<>()).add(i);
        }
        int current = stays.size() - 1;
        List<StageFact> facts = new ArrayList<>();
        staysByStage.forEach((stageKey, indexes) -> {
            Stay first = stays.get(indexes.get(0));
            long closed = 0;
            Long openSince = null;
            for (int i : indexes) {
                Stay stay = stays.get(i);
                if (i == current) {
                    openSince = stay.enteredAtMillis();
                } else {
                    closed += Math.max(0, stays.get(i + 1).enteredAtMillis() - stay.enteredAtMillis());
                }
            }
            int lastStay = indexes.get(indexes.size() - 1);
            Outcome outcome = lastStay == current ? Outcome.RETAINED
                    : stays.get(lastStay + 1).type().isLoss() ? Outcome.LOST : Outcome.TRANSITIONED;
            facts.add(new StageFact(stageKey, first.enteredAtMillis(), first.forecast(), closed, openSince, outcome));
        });

        Won won = null;
        OpenDeal open = null;
        Long createdAt = latest.createdAt() == null ? null : millis(latest.createdAt());
        if (!stays.isEmpty()) {
            Stay now = stays.get(current);
            if (now.type() == StageType.WON) {
                long wonAt = now.enteredAtMillis();
                won = new Won(wonAt, orZero(latest.amount()), createdAt == null ? 0 : wonAt - createdAt);
            } else if (now.type() == StageType.IN_PROGRESS && !"REJECTED".equals(latest.status())) {
                String closeMonth = latest.expectedCloseDate() == null ? null : latest.expectedCloseDate().toString().substring(0, 7);
                open = new OpenDeal(now.stageKey(), latest.ownerId(), closeMonth, orZero(latest.amount()),
                        forecast(latest.amount(), latest.winRate()));
            }
        }
        return new Contribution(latest.salesProcessId(), latest.ownerId(), latest.departmentId(), createdAt, facts, won, open);
    }

    /** amount × win rate (percent) / 100, exact. */
    public static BigDecimal forecast(BigDecimal amount, BigDecimal winRatePercent) {
        return orZero(amount).multiply(orZero(winRatePercent)).movePointLeft(2);
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
