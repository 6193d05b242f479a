package io.oppsuite.analytics.transition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.oppsuite.analytics.db.NativeRows;
import io.oppsuite.analytics.transition.Contribution.StageFact;
import io.oppsuite.analytics.transition.OpportunityTimeline.LoggedEvent;
import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.common.contracts.OpportunityState;
import io.oppsuite.common.events.EventEnvelope;
import io.oppsuite.common.events.EventInbox;
import io.oppsuite.common.events.PoisonMessageException;
import io.oppsuite.common.json.Json;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Applies opportunity events to the projection, inside the consumer's transaction: log the
 * states, count each opportunity (newer states extend its stored contribution; a late arrival
 * is recounted from all its logged states), and move the aggregates by (new contribution − old
 * contribution). Redelivered or stale events change nothing twice.
 */
@ApplicationScoped
public class OpportunityProjection {

    /** Events whose state the timeline uses; overdue reminders and sales orders say nothing new. */
    public static final Set<String> PROJECTED = Set.of(OpportunityEvents.CREATED, OpportunityEvents.UPDATED,
            OpportunityEvents.STAGE_CHANGED, OpportunityEvents.OWNER_CHANGED, OpportunityEvents.WON,
            OpportunityEvents.CLOSED, OpportunityEvents.DELETED);

    /** (tenant, opportunity id) keys in one order, so every batch writes its rows in the same order. */
    private static final Comparator<List<String>> BY_KEY = Comparator.<List<String>, String>comparing(k -> k.get(0))
            .thenComparing(k -> k.get(1));

    /** Opportunities counted per path: "extended" from the stored contribution, or "recounted" from the log. */
    public static final String COUNTS = "analytics.projection.counts";

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry registry;

    private Counter extended;
    private Counter recounted;

    @jakarta.annotation.PostConstruct
    void meters() {
        extended = Counter.builder(COUNTS).tag("path", "extended").description("opportunities counted by extending their stored contribution").register(registry);
        recounted = Counter.builder(COUNTS).tag("path", "recounted").description("opportunities recounted from all their logged states").register(registry);
    }

    /** Must run inside a transaction. */
    public Uni<Void> apply(EventEnvelope event) {
        return applyAll(List.of(event));
    }

    /**
     * Applies a batch of events (one consumer poll) inside the caller's transaction, in a fixed number
     * of statements: log the new states (taking each opportunity's lock), read the last contribution of
     * the opportunities that got one, count each of them once, write their facts and snapshots, then
     * move each tenant's aggregates by the summed difference. The same result as applying the events
     * one by one.
     */
    public Uni<Void> applyAll(List<EventEnvelope> events) {
        ArrayNode logged = mapper.createArrayNode();
        Map<List<Object>, LoggedEvent> byRow = new HashMap<>();
        for (EventEnvelope event : events) {
            if (PROJECTED.contains(event.type())) {
                LoggedEvent loggedEvent = loggedEvent(event, mapper);
                OpportunityState state = loggedEvent.state();
                logged.addObject().put("t", event.tenantId()).put("o", state.id()).put("v", state.version())
                        .put("e", event.type()).put("s", event.data().get("opportunity").toString())
                        .put("p", state.salesProcessId()).put("at", loggedEvent.occurredAtMillis()).put("r", loggedEvent.reason());
                byRow.putIfAbsent(List.of(event.tenantId(), state.id(), state.version(), event.type()), loggedEvent);
            }
        }
        if (logged.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(ProjectionWrite.LOG_SQL, Object[].class)
                .setParameter(1, logged.toString()).getResultList()
                .chain(inserted -> {
                    // only the states this batch logged first are new to the count (a redelivery is already in it)
                    Map<List<String>, List<LoggedEvent>> fresh = new TreeMap<>(BY_KEY);
                    for (Object[] row : inserted) {
                        List<String> key = List.of((String) row[0], (String) row[1]);
                        fresh.computeIfAbsent(key, k -> new ArrayList<>())
                                .add(byRow.get(List.of(key.get(0), key.get(1), ((Number) row[2]).longValue(), (String) row[3])));
                    }
                    return fresh.isEmpty() ? Uni.createFrom().voidItem() : count(session, fresh);
                }));
    }

    /**
     * Counts the opportunities that got new states: a state newer than everything an opportunity was
     * counted from extends its stored contribution (the usual case: events arrive in order); any other
     * opportunity (a late or first arrival, a contribution stored without its stay) is recounted from all
     * its logged states, read in one more round trip. Then writes their facts and snapshots, and the
     * tenants' aggregate deltas.
     */
    private Uni<Void> count(Mutiny.Session session, Map<List<String>, List<LoggedEvent>> fresh) {
        return session.createNativeQuery(ProjectionWrite.CONTRIBUTIONS_SQL, Object[].class).setParameter(1, keys(fresh.keySet()))
                .getResultList()
                .chain(rows -> {
                    Map<List<String>, Contribution> before = new HashMap<>();
                    for (Object[] row : rows) {
                        before.put(List.of((String) row[0], (String) row[1]), readContribution((String) row[2]));
                    }
                    Map<List<String>, Contribution> after = new TreeMap<>(BY_KEY);
                    Set<List<String>> recount = new TreeSet<>(BY_KEY);
                    fresh.forEach((key, states) -> OpportunityTimeline.extend(before.get(key), states)
                            .ifPresentOrElse(c -> after.put(key, c), () -> recount.add(key)));
                    Uni<Void> read = recount.isEmpty() ? Uni.createFrom().voidItem()
                            : session.createNativeQuery(ProjectionWrite.LOGS_SQL, Object[].class).setParameter(1, keys(recount))
                                    .getResultList().invoke(logRows -> {
                                        Map<List<String>, List<LoggedEvent>> logs = new HashMap<>();
                                        for (Object[] row : logRows) {
                                            logs.computeIfAbsent(List.of((String) row[0], (String) row[1]), k -> new ArrayList<>())
                                                    .add(new LoggedEvent((String) row[2], readState((String) row[3]),
                                                            row[4] == null ? null : ((Number) row[4]).longValue(), (String) row[5]));
                                        }
                                        recount.forEach(key -> after.put(key, OpportunityTimeline.contribution(logs.getOrDefault(key, List.of()))));
                                    }).replaceWithVoid();
                    return read.chain(() -> {
                        Map<String, AggregateDelta> perTenant = new TreeMap<>();
                        List<ProjectionWrite.Recounted> written = new ArrayList<>();
                        after.forEach((key, c) -> {
                            written.add(new ProjectionWrite.Recounted(key.get(0), key.get(1), c, writeContribution(c)));
                            perTenant.merge(key.get(0), AggregateDelta.between(before.getOrDefault(key, Contribution.NONE), c),
                                    AggregateDelta::plus);
                        });
                        return NativeRows.bind(session.createNativeQuery(ProjectionWrite.OPPORTUNITIES_SQL),
                                ProjectionWrite.opportunitiesParameters(mapper, written)).executeUpdate()
                                .chain(() -> writeAggregates(session, perTenant))
                                // counted once the batch's writes are done: a failed attempt that is retried is not counted twice
                                .invoke(() -> {
                                    extended.increment(after.size() - recount.size());
                                    recounted.increment(recount.size());
                                });
                    });
                });
    }

    private String keys(Set<List<String>> opportunities) {
        ArrayNode keys = mapper.createArrayNode();
        opportunities.forEach(k -> keys.addObject().put("t", k.get(0)).put("o", k.get(1)));
        return keys.toString();
    }

    private Uni<Void> writeAggregates(Mutiny.Session session, Map<String, AggregateDelta> perTenant) {
        return EventInbox.inTurn(perTenant.entrySet().stream().filter(e -> !e.getValue().isEmpty()).toList(),
                entry -> NativeRows.bind(session.createNativeQuery(ProjectionWrite.AGGREGATES_SQL),
                        ProjectionWrite.aggregateParameters(mapper, entry.getKey(), entry.getValue())).executeUpdate().replaceWithVoid());
    }

    /**
     * The event as the log keeps it: its state, when it happened (the CloudEvent time; else when the
     * state says it entered its stage) and the reason it gives (a loss: {@code reason} of
     * stage-changed or closed).
     */
    public static LoggedEvent loggedEvent(EventEnvelope event, ObjectMapper mapper) {
        OpportunityState state = state(event, mapper);
        Long occurred = event.time() != null ? Long.valueOf(event.time().toEpochMilli())
                : state.stageEnteredAt() != null ? Long.valueOf(state.stageEnteredAt().toEpochMilli())
                : state.createdAt() != null ? Long.valueOf(state.createdAt().toEpochMilli()) : null;
        String reason = event.text("reason");
        if (reason != null && reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON);
        }
        return new LoggedEvent(event.type(), state, occurred, reason);
    }

    /** The longest loss reason kept (the column's width). */
    static final int MAX_REASON = 500;

    /** Parses and checks the opportunity an event carries; a malformed one is poison. */
    public static OpportunityState state(EventEnvelope event, ObjectMapper mapper) {
        JsonNode node = event.data().get("opportunity");
        try {
            OpportunityState state = node == null ? null : mapper.treeToValue(node, OpportunityState.class);
            boolean deleted = OpportunityEvents.DELETED.equals(event.type());
            if (state == null || state.id() == null
                    || (!deleted && (state.salesProcessId() == null || state.stageKey() == null))) {
                throw new PoisonMessageException("event " + event.id() + " carries no opportunity with id, process and stage");
            }
            return state;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PoisonMessageException("event " + event.id() + " does not match the opportunity contract", e);
        }
    }

    /**
     * The tenant rebuild's write of a page of recounted opportunities (opportunity id → its contribution): their stage
     * facts and snapshots, in the statement a consumer batch writes them with, on the rebuild's session (inside its
     * transaction).
     */
    public Uni<Void> writeRecounted(Mutiny.Session session, String tenantId, Map<String, Contribution> contributions) {
        List<ProjectionWrite.Recounted> written = new ArrayList<>();
        contributions.forEach((opportunityId, c) -> written.add(new ProjectionWrite.Recounted(tenantId, opportunityId, c,
                writeContribution(c))));
        return NativeRows.bind(session.createNativeQuery(ProjectionWrite.OPPORTUNITIES_SQL),
                ProjectionWrite.opportunitiesParameters(mapper, written)).executeUpdate().replaceWithVoid();
    }

    public boolean projects(String eventType) {
        return PROJECTED.contains(eventType);
    }

    static List<Object> factRow(String tenant, String opportunityId, Contribution c, StageFact f) {
        return java.util.Arrays.asList(tenant, opportunityId, f.stageKey(), c.salesProcessId(), c.ownerId(), c.departmentId(),
                c.createdAtMillis(), f.firstEnteredAtMillis(), f.forecast(), f.closedMillis(), f.openSinceMillis(),
                f.outcome().name(), f.lossReason(), f.currency(), f.wonOn());
    }

    static List<Object> snapshotRow(String tenant, String opportunityId, Contribution c, String contributionJson) {
        Contribution.Won won = c.won();
        Contribution.OpenDeal open = c.open();
        return java.util.Arrays.asList(tenant, opportunityId, c.salesProcessId(), c.ownerId(), c.departmentId(),
                c.createdAtMillis(), won != null, won == null ? null : won.wonAtMillis(), won == null ? null : won.amount(),
                won == null ? null : won.cycleMillis(), open != null, open == null ? null : open.stageKey(),
                open == null ? null : open.closeMonth(), open == null ? null : open.amount(),
                open == null ? null : open.weightedAmount(), contributionJson,
                won != null ? won.currency() : open != null ? open.currency() : null);
    }

    private OpportunityState readState(String json) {
        return Json.read(mapper, json, OpportunityState.class);
    }

    private Contribution readContribution(String json) {
        return Json.read(mapper, json, Contribution.class);
    }

    String writeContribution(Contribution contribution) {
        return Json.write(mapper, contribution);
    }
}
