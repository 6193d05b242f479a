package io.oppsuite.analytics.transition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.analytics.transition.Contribution.StageFact;
import io.oppsuite.analytics.transition.OpportunityTimeline.LoggedEvent;
import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.common.contracts.OpportunityState;
import io.oppsuite.common.events.EventEnvelope;
import io.oppsuite.common.events.EventInbox;
import io.oppsuite.common.events.PoisonMessageException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies opportunity events to the projection, inside the consumer's transaction: log the
 * states, recount each opportunity from all its logged states, and move the aggregates by
 * (new contribution − old contribution). Redelivered or stale events change nothing twice.
 */
@ApplicationScoped
public class OpportunityProjection {

    /** Events whose state the timeline uses; overdue reminders and sales orders say nothing new. */
    static final Set<String> PROJECTED = Set.of(OpportunityEvents.CREATED, OpportunityEvents.UPDATED,
            OpportunityEvents.STAGE_CHANGED, OpportunityEvents.OWNER_CHANGED, OpportunityEvents.WON,
            OpportunityEvents.CLOSED, OpportunityEvents.DELETED);

    @Inject
    ObjectMapper mapper;

    /** Must run inside a transaction. */
    public Uni<Void> apply(EventEnvelope event) {
        return applyAll(List.of(event));
    }

    /**
     * Applies a batch of events (one consumer poll) inside the caller's transaction: per opportunity,
     * log its new states and recount it once; then move each tenant's aggregates by the summed
     * difference, in one statement. The same result as applying the events one by one.
     */
    public Uni<Void> applyAll(List<EventEnvelope> events) {
        // (tenant, opportunity id) → its events, in key order so advisory locks are always taken in one order
        Map<List<String>, List<Logged>> byOpportunity = new TreeMap<>(Comparator.<List<String>, String>comparing(k -> k.get(0))
                .thenComparing(k -> k.get(1)));
        for (EventEnvelope event : events) {
            if (!PROJECTED.contains(event.type())) {
                continue;
            }
            OpportunityState state = state(event, mapper);
            byOpportunity.computeIfAbsent(List.of(event.tenantId(), state.id()), k -> new ArrayList<>())
                    .add(new Logged(event.type(), state.version(), event.data().get("opportunity").toString()));
        }
        if (byOpportunity.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> {
            Map<String, AggregateDelta> perTenant = new TreeMap<>();
            return EventInbox.inTurn(new ArrayList<>(byOpportunity.entrySet()), entry -> {
                        String tenant = entry.getKey().get(0);
                        String opportunityId = entry.getKey().get(1);
                        return log(session, tenant, opportunityId, entry.getValue())
                                .chain(inserted -> inserted == 0 ? Uni.createFrom().voidItem()
                                        : recount(session, tenant, opportunityId)
                                                .invoke(delta -> perTenant.merge(tenant, delta, AggregateDelta::plus)).replaceWithVoid());
                    })
                    .chain(() -> writeAggregates(session, perTenant));
        });
    }

    /** A state to log: the event's type, the opportunity's version and its JSON. */
    private record Logged(String eventType, long version, String stateJson) {
    }

    /** Logs the states (a replayed one is already there); the advisory lock serialises this opportunity's recount with the rebuild's tail. */
    private Uni<Integer> log(Mutiny.Session session, String tenant, String opportunityId, List<Logged> states) {
        int[] inserted = {0};
        return EventInbox.inTurn(states, state -> session.createNativeQuery("""
                                with locked as (select pg_advisory_xact_lock(hashtext(cast(?1 as text) || '/' || cast(?2 as text))))
                                insert into opportunity_event_log (tenant_id, opportunity_id, version, event_type, state)
                                select ?1, ?2, ?3, ?4, ?5 from locked on conflict do nothing""")
                        .setParameter(1, tenant).setParameter(2, opportunityId).setParameter(3, state.version())
                        .setParameter(4, state.eventType()).setParameter(5, state.stateJson()).executeUpdate()
                        .invoke(n -> inserted[0] += n).replaceWithVoid())
                .map(done -> inserted[0]);
    }

    private Uni<Void> writeAggregates(Mutiny.Session session, Map<String, AggregateDelta> perTenant) {
        return EventInbox.inTurn(perTenant.entrySet().stream().filter(e -> !e.getValue().isEmpty()).toList(),
                entry -> bind(session.createNativeQuery(ProjectionWrite.AGGREGATES_SQL),
                        ProjectionWrite.aggregateParameters(mapper, entry.getKey(), entry.getValue())).executeUpdate().replaceWithVoid());
    }

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
     * Reads the opportunity's logged states and its last contribution in one round trip, writes its
     * new facts and snapshot, and answers the difference its aggregates must move by.
     */
    private Uni<AggregateDelta> recount(Mutiny.Session session, String tenant, String opportunityId) {
        return session.createNativeQuery("""
                        select event_type, state from opportunity_event_log where tenant_id = ?1 and opportunity_id = ?2
                        union all
                        select null, contribution from opportunity_snapshot where tenant_id = ?1 and opportunity_id = ?2""",
                        Object[].class)
                .setParameter(1, tenant).setParameter(2, opportunityId).getResultList()
                .chain(rows -> {
                    List<LoggedEvent> events = new ArrayList<>();
                    Contribution before = Contribution.NONE;
                    for (Object[] row : rows) {
                        if (row[0] == null) {
                            before = readContribution((String) row[1]);
                        } else {
                            events.add(new LoggedEvent((String) row[0], readState((String) row[1])));
                        }
                    }
                    return write(session, tenant, opportunityId, before, OpportunityTimeline.contribution(events));
                });
    }

    private Uni<AggregateDelta> write(Mutiny.Session session, String tenant, String opportunityId, Contribution before, Contribution after) {
        List<Object> params = ProjectionWrite.opportunityParameters(mapper, tenant, opportunityId, after, writeContribution(after));
        return bind(session.createNativeQuery(ProjectionWrite.OPPORTUNITY_SQL), params).executeUpdate()
                .replaceWith(AggregateDelta.between(before, after));
    }

    static final String FACT_COLUMNS = """
            insert into stage_fact (tenant_id, opportunity_id, stage_key, sales_process_id, owner_id, department_id,
                created_at_millis, first_entered_at_millis, forecast, closed_millis, open_since_millis, outcome)
            values (?1, ?2, ?3, ?4, cast(?5 as varchar), cast(?6 as varchar), cast(?7 as bigint), ?8, ?9, ?10,
                cast(?11 as bigint), ?12)""";
    static final String SNAPSHOT_COLUMNS = """
            insert into opportunity_snapshot (tenant_id, opportunity_id, sales_process_id, owner_id, department_id,
                created_at_millis, won, won_at_millis, won_amount, won_cycle_millis, open, stage_key, close_month,
                amount, weighted_amount, contribution)
            values (?1, ?2, cast(?3 as varchar), cast(?4 as varchar), cast(?5 as varchar), cast(?6 as bigint), ?7,
                cast(?8 as bigint), cast(?9 as numeric), cast(?10 as bigint), ?11, cast(?12 as varchar),
                cast(?13 as varchar), cast(?14 as numeric), cast(?15 as numeric), ?16)""";
    /** The same inserts for the reactive SQL client ($n placeholders), used by the rebuild. */
    public static final String FACT_INSERT = FACT_COLUMNS;
    public static final String SNAPSHOT_INSERT = SNAPSHOT_COLUMNS;

    /** Turns ?n placeholders (Hibernate native queries) into $n (Vert.x SQL client). */
    public static String dollarPlaceholders(String sql) {
        return sql.replaceAll("\\?(\\d+)", "\\$$1");
    }

    public boolean projects(String eventType) {
        return PROJECTED.contains(eventType);
    }

    public static List<Object> factRow(String tenant, String opportunityId, Contribution c, StageFact f) {
        return java.util.Arrays.asList(tenant, opportunityId, f.stageKey(), c.salesProcessId(), c.ownerId(), c.departmentId(),
                c.createdAtMillis(), f.firstEnteredAtMillis(), f.forecast(), f.closedMillis(), f.openSinceMillis(),
                f.outcome().name());
    }

    public static List<Object> snapshotRow(String tenant, String opportunityId, Contribution c, String contributionJson) {
        Contribution.Won won = c.won();
        Contribution.OpenDeal open = c.open();
        return java.util.Arrays.asList(tenant, opportunityId, c.salesProcessId(), c.ownerId(), c.departmentId(),
                c.createdAtMillis(), won != null, won == null ? null : won.wonAtMillis(), won == null ? null : won.amount(),
                won == null ? null : won.cycleMillis(), open != null, open == null ? null : open.stageKey(),
                open == null ? null : open.closeMonth(), open == null ? null : open.amount(),
                open == null ? null : open.weightedAmount(), contributionJson);
    }

    private static <Q extends Mutiny.AbstractQuery> Q bind(Q query, List<Object> values) {
        for (int i = 0; i < values.size(); i++) {
            query.setParameter(i + 1, values.get(i));
        }
        return query;
    }

    private OpportunityState readState(String json) {
        try {
            return mapper.readValue(json, OpportunityState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("logged opportunity state is unreadable", e);
        }
    }

    private Contribution readContribution(String json) {
        try {
            return mapper.readValue(json, Contribution.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored contribution is unreadable", e);
        }
    }

    String writeContribution(Contribution contribution) {
        try {
            return mapper.writeValueAsString(contribution);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
