package io.oppsuite.analytics.support;

import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.common.contracts.OpportunityState;
import io.oppsuite.common.contracts.StageType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The expected analysis, recounted straight from the raw events by walking each
 * opportunity's stage moves (the formulas of the module README). Independent of the
 * service's projection: it reads the moves ({@code from → to at enteredAt}), not the states.
 */
public final class StageAnalysisRecount {

    public record Filter(String ownerId, String departmentId, Instant from, Instant to, boolean byEnteredDate) {
        public static final Filter NONE = new Filter(null, null, null, null, false);
    }

    public record Stage(long total, BigDecimal amount, long averageSeconds, long transitioned, long retained, long lost,
                        BigDecimal lossRate, BigDecimal conversionRate) {
    }

    /**
     * @param lossReasons per stage: reason (null: none given) → deals lost from it with that reason
     * @param highestLossRate the in-progress stage with the highest loss rate (first on a tie), null when none lost a deal
     * @param longestAverageTime the in-progress stage with the longest average time (first on a tie), null when none has time
     */
    public record Report(Map<String, Stage> stages, long wonCount, BigDecimal averageDealSize, Long salesCycleSeconds,
                         Map<String, Map<String, Long>> lossReasons, String highestLossRate, String longestAverageTime) {
    }

    public record Group(long opportunities, BigDecimal amount, BigDecimal weighted) {
    }

    private record Stay(String stage, StageType type, Instant enteredAt, BigDecimal forecast, String reason) {
    }

    private record History(List<Stay> stays, OpportunityState latest) {
    }

    private final List<History> histories = new ArrayList<>();

    public StageAnalysisRecount(List<GeneratedEvent> published) {
        Map<String, List<GeneratedEvent>> byOpportunity = published.stream()
                .collect(Collectors.groupingBy(e -> e.state().id(), LinkedHashMap::new, Collectors.toList()));
        for (List<GeneratedEvent> events : byOpportunity.values()) {
            // the same event twice (same id, or the same version and type again) counts once
            Map<String, GeneratedEvent> unique = new TreeMap<>();
            for (GeneratedEvent e : events) {
                unique.putIfAbsent(String.format("%020d/%s", e.state().version(), e.type()), e);
            }
            List<GeneratedEvent> ordered = new ArrayList<>(unique.values());
            ordered.sort(Comparator.comparingLong(e -> e.state().version()));
            if (ordered.stream().anyMatch(e -> e.type().equals(OpportunityEvents.DELETED))) {
                continue;
            }
            // the reason of a loss: given by the stage change or by the closed event of the same move (version)
            Map<Long, String> reasons = new java.util.HashMap<>();
            ordered.stream().filter(e -> e.reason() != null).forEach(e -> reasons.putIfAbsent(e.state().version(), e.reason()));
            List<Stay> stays = new ArrayList<>();
            for (GeneratedEvent e : ordered) {
                OpportunityState s = e.state();
                if (e.type().equals(OpportunityEvents.CREATED)) {
                    stays.add(new Stay(s.stageKey(), s.stageType(), s.stageEnteredAt(), forecast(s), null));
                } else if (e.type().equals(OpportunityEvents.STAGE_CHANGED)) {
                    if (!stays.get(stays.size() - 1).stage().equals(e.fromKey())) {
                        throw new IllegalStateException("generated move does not start where the deal stands");
                    }
                    stays.add(new Stay(s.stageKey(), s.stageType(), e.enteredAt(), forecast(s), reasons.get(s.version())));
                }
            }
            histories.add(new History(stays, ordered.get(ordered.size() - 1).state()));
        }
    }

    private static BigDecimal forecast(OpportunityState s) {
        return s.amount().multiply(s.winRate()).divide(BigDecimal.valueOf(100));
    }

    private static boolean matches(History h, Filter f) {
        return (f.ownerId() == null || f.ownerId().equals(h.latest().ownerId()))
                && (f.departmentId() == null || f.departmentId().equals(h.latest().departmentId()));
    }

    private static boolean inRange(Instant at, Filter f) {
        return (f.from() == null || !at.isBefore(f.from())) && (f.to() == null || at.isBefore(f.to()));
    }

    public Report report(List<String> stageOrder, Filter filter, Instant asOf) {
        Map<String, long[]> counts = new LinkedHashMap<>(); // total, transitioned, retained, lost
        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        Map<String, Long> millis = new LinkedHashMap<>();
        Map<String, Map<String, Long>> lossReasons = new LinkedHashMap<>();
        long wonCount = 0;
        BigDecimal wonAmount = BigDecimal.ZERO;
        long cycleMillis = 0;
        for (History h : histories) {
            if (!matches(h, filter)) {
                continue;
            }
            List<Stay> stays = h.stays();
            Map<String, List<Integer>> byStage = new LinkedHashMap<>();
            for (int i = 0; i < stays.size(); i++) {
                byStage.computeIfAbsent(stays.get(i).stage(), k -> new ArrayList<>()).add(i);
            }
            for (var entry : byStage.entrySet()) {
                Stay first = stays.get(entry.getValue().get(0));
                Instant dateOfFilter = filter.byEnteredDate() ? first.enteredAt() : h.latest().createdAt();
                if (!inRange(dateOfFilter, filter)) {
                    continue;
                }
                long[] c = counts.computeIfAbsent(entry.getKey(), k -> new long[4]);
                c[0]++;
                amounts.merge(entry.getKey(), first.forecast(), BigDecimal::add);
                long time = 0;
                for (int i : entry.getValue()) {
                    // every stay; the stay still open counts up to asOf (terminal stages: shown as outcomes, no time)
                    Instant left = i + 1 < stays.size() ? stays.get(i + 1).enteredAt() : asOf;
                    time += Duration.between(stays.get(i).enteredAt(), left).toMillis();
                }
                millis.merge(entry.getKey(), time, Long::sum);
                int last = entry.getValue().get(entry.getValue().size() - 1);
                if (last == stays.size() - 1) {
                    c[2]++;
                } else if (stays.get(last + 1).type().isLoss()) {
                    c[3]++;
                    lossReasons.computeIfAbsent(entry.getKey(), k -> new java.util.HashMap<>())
                            .merge(stays.get(last + 1).reason(), 1L, Long::sum);
                } else {
                    c[1]++;
                }
            }
            Stay current = stays.get(stays.size() - 1);
            Instant dateOfFilter = filter.byEnteredDate() ? current.enteredAt() : h.latest().createdAt();
            if (current.type() == StageType.WON && inRange(dateOfFilter, filter)) {
                wonCount++;
                wonAmount = wonAmount.add(h.latest().amount());
                cycleMillis += Duration.between(h.latest().createdAt(), current.enteredAt()).toMillis();
            }
        }
        long firstTotal = counts.containsKey(stageOrder.get(0)) ? counts.get(stageOrder.get(0))[0] : 0;
        Map<String, Stage> stages = new LinkedHashMap<>();
        String highestLoss = null;
        String longest = null;
        for (String key : stageOrder) {
            long[] c = counts.getOrDefault(key, new long[4]);
            long avg = c[0] == 0 ? 0 : Math.floorDiv(millis.getOrDefault(key, 0L), c[0] * 1000);
            Stage stage = new Stage(c[0], amounts.getOrDefault(key, BigDecimal.ZERO), avg, c[1], c[2], c[3],
                    percent(c[3], c[0]), percent(c[0], firstTotal));
            stages.put(key, stage);
            if (EventStreamGenerator.IN_PROGRESS.contains(key)) {
                if (c[3] > 0 && (highestLoss == null || stage.lossRate().compareTo(stages.get(highestLoss).lossRate()) > 0)) {
                    highestLoss = key;
                }
                if (avg > 0 && (longest == null || avg > stages.get(longest).averageSeconds())) {
                    longest = key;
                }
            }
        }
        return new Report(stages, wonCount,
                wonCount == 0 ? null : wonAmount.divide(BigDecimal.valueOf(wonCount), 2, RoundingMode.HALF_UP),
                wonCount == 0 ? null : Math.floorDiv(cycleMillis, wonCount * 1000), lossReasons, highestLoss, longest);
    }

    private static BigDecimal percent(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }

    /** Σ amount × win rate over open deals (current stage in progress), by stage, owner or close month. */
    public Map<String, Group> weightedPipeline(String groupBy) {
        Map<String, Group> groups = new TreeMap<>();
        for (History h : histories) {
            Stay current = h.stays().get(h.stays().size() - 1);
            if (current.type() != StageType.IN_PROGRESS) {
                continue;
            }
            OpportunityState s = h.latest();
            String key = switch (groupBy) {
                case "stage" -> current.stage();
                case "owner" -> s.ownerId();
                default -> s.expectedCloseDate().toString().substring(0, 7);
            };
            Group add = new Group(1, s.amount(), forecast(s));
            groups.merge(key, add, (a, b) -> new Group(a.opportunities() + b.opportunities(), a.amount().add(b.amount()),
                    a.weighted().add(b.weighted())));
        }
        return groups;
    }
}
