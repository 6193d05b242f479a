package io.oppsuite.analytics.support;

import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.common.contracts.OpportunityState;
import io.oppsuite.common.contracts.StageType;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Random but seeded histories over the standard process (qualification → proposal →
 * negotiation → won | lost | invalid): forward moves, skips, moves back, amount and owner
 * changes, wins, losses, deletions.
 */
public final class EventStreamGenerator {

    public static final List<String> IN_PROGRESS = List.of("qualification", "proposal", "negotiation");
    public static final String[] OWNERS = {"rep-1", "rep-2", "rep-3", "rep-4"};
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    public static final List<String> LOSS_REASONS = List.of("budget", "competitor", "no decision");

    private final Random random;
    private final String processId;

    public EventStreamGenerator(long seed, String processId) {
        this.random = new Random(seed);
        this.processId = processId;
    }

    public static String departmentOf(String owner) {
        return owner.equals("rep-1") || owner.equals("rep-2") ? "dep-east" : "dep-west";
    }

    /** One opportunity's events in the order they happened. */
    public List<GeneratedEvent> opportunity() {
        String id = UUID.randomUUID().toString();
        List<GeneratedEvent> events = new ArrayList<>();
        Instant created = START.plus(Duration.ofMinutes(random.nextInt(30 * 24 * 60))).plusMillis(random.nextInt(1000));
        String owner = OWNERS[random.nextInt(OWNERS.length)];
        BigDecimal amount = BigDecimal.valueOf(1000 + random.nextInt(90_000), 2);
        int stageIndex = 0;
        String stage = IN_PROGRESS.get(0);
        StageType type = StageType.IN_PROGRESS;
        Instant entered = created;
        LocalDate close = LocalDate.of(2026, 2 + random.nextInt(4), 1 + random.nextInt(28));
        long version = 1;
        Instant now = created;
        events.add(event(OpportunityEvents.CREATED, state(id, owner, amount, winRate(stage), close, stage, type, entered, created, version), null, null, null, created, null));
        int steps = 1 + random.nextInt(8);
        for (int i = 0; i < steps && type == StageType.IN_PROGRESS; i++) {
            now = now.plus(Duration.ofMinutes(1 + random.nextInt(3 * 24 * 60))).plusMillis(random.nextInt(1000));
            int action = random.nextInt(100);
            version++;
            if (action < 20) {
                amount = BigDecimal.valueOf(1000 + random.nextInt(90_000), 2);
                close = close.plusDays(random.nextInt(40));
                events.add(event(OpportunityEvents.UPDATED, state(id, owner, amount, winRate(stage), close, stage, type, entered, created, version), null, null, null, now, null));
            } else if (action < 28) {
                owner = OWNERS[random.nextInt(OWNERS.length)];
                events.add(event(OpportunityEvents.OWNER_CHANGED, state(id, owner, amount, winRate(stage), close, stage, type, entered, created, version), null, null, null, now, null));
            } else {
                String from = stage;
                int roll = random.nextInt(100);
                int target;
                if (roll < 45) {
                    target = Math.min(stageIndex + 1, 3);
                } else if (roll < 60) {
                    target = Math.min(stageIndex + 2, 3); // skip ahead
                } else if (roll < 75 && stageIndex > 0) {
                    target = stageIndex - 1; // move back
                } else if (roll < 88) {
                    target = 4; // lost
                } else if (roll < 93) {
                    target = 5; // invalid
                } else {
                    target = 3; // won
                }
                if (target == stageIndex) {
                    target = 3;
                }
                stageIndex = target;
                stage = target < 3 ? IN_PROGRESS.get(target) : target == 3 ? "won" : target == 4 ? "lost" : "invalid";
                type = target < 3 ? StageType.IN_PROGRESS : target == 3 ? StageType.WON : target == 4 ? StageType.LOST : StageType.INVALID;
                entered = now;
                OpportunityState s = state(id, owner, amount, winRate(stage), close, stage, type, entered, created, version);
                // a loss gives its reason on the closed event, and (newer producers) on the stage change too
                String reason = type.isLoss() ? LOSS_REASONS.get(random.nextInt(LOSS_REASONS.size())) : null;
                events.add(event(OpportunityEvents.STAGE_CHANGED, s, from, typeOf(from), entered, now,
                        reason != null && random.nextBoolean() ? reason : null));
                if (type == StageType.WON) {
                    events.add(event(OpportunityEvents.WON, s, null, null, null, now, null));
                } else if (type.isLoss()) {
                    events.add(event(OpportunityEvents.CLOSED, s, null, null, null, now, reason));
                }
            }
        }
        if (random.nextInt(100) < 5) {
            version++;
            events.add(event(OpportunityEvents.DELETED, state(id, owner, amount, winRate(stage), close, stage, type, entered, created, version), null, null, null,
                    now.plusSeconds(60), null));
        }
        return events;
    }

    private static StageType typeOf(String stage) {
        return switch (stage) {
            case "won" -> StageType.WON;
            case "lost" -> StageType.LOST;
            case "invalid" -> StageType.INVALID;
            default -> StageType.IN_PROGRESS;
        };
    }

    private static BigDecimal winRate(String stage) {
        return BigDecimal.valueOf(switch (stage) {
            case "qualification" -> 10;
            case "proposal" -> 40;
            case "negotiation" -> 70;
            case "won" -> 100;
            default -> 0;
        });
    }

    private OpportunityState state(String id, String owner, BigDecimal amount, BigDecimal winRate, LocalDate close, String stage,
                                   StageType type, Instant entered, Instant created, long version) {
        String status = type == StageType.IN_PROGRESS ? "ACTIVE" : type.name();
        return new OpportunityState(id, "Deal " + id.substring(0, 6), "acc-1", "Initech", owner, departmentOf(owner), amount, "EUR",
                winRate, close, processId, stage, type, status, entered, created, version);
    }

    private static GeneratedEvent event(String type, OpportunityState state, String from, StageType fromType, Instant enteredAt,
                                        Instant occurredAt, String reason) {
        return new GeneratedEvent(UUID.randomUUID().toString(), type, state, from, fromType, enteredAt, occurredAt, reason);
    }
}
