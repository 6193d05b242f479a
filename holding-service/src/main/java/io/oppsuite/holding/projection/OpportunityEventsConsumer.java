package io.oppsuite.holding.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.common.contracts.OpportunityState;
import io.oppsuite.common.contracts.SalesProcessSnapshot.FieldCondition;
import io.oppsuite.common.events.EventEnvelope;
import io.oppsuite.common.events.EventInbox;
import io.oppsuite.common.events.PoisonMessageException;
import io.oppsuite.holding.team.SalesTeams;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps who holds what, and deals' sales teams, from opportunity-events, idempotently (EventInbox);
 * poison goes to holding-service.dlq.
 */
@ApplicationScoped
public class OpportunityEventsConsumer {

    static final String CONSUMER = "holding-service.opportunity-events";

    /** Every event that carries the opportunity's state after a change of owner, stage or status. */
    static final Set<String> TRACKED = Set.of(OpportunityEvents.CREATED, OpportunityEvents.UPDATED, OpportunityEvents.STAGE_CHANGED,
            OpportunityEvents.OWNER_CHANGED, OpportunityEvents.OVERDUE, OpportunityEvents.WON, OpportunityEvents.CLOSED,
            OpportunityEvents.DELETED);

    /** Every event this consumer applies: the states above and the sales teams (for the reservation rule, never counted). */
    static final Set<String> RELEVANT = Stream.concat(TRACKED.stream(),
            Stream.of(OpportunityEvents.SALES_TEAM_CHANGED)).collect(Collectors.toUnmodifiableSet());

    @Inject
    EventInbox inbox;

    @Inject
    HoldingProjection projection;

    @Inject
    SalesTeams teams;

    @Inject
    ObjectMapper mapper;

    /** One poll at a time, in one transaction (see {@link EventInbox#consumeBatch}). */
    @Incoming("opportunity-events")
    public Uni<Void> onEvents(KafkaRecordBatch<String, String> batch) {
        // each attempt (a retry, or the replay one event at a time) is a new transaction with its own definitions
        return inbox.consumeBatch(CONSUMER, batch, e -> RELEVANT.contains(e.type()), events -> {
            Map<String, List<FieldCondition>> definitions = new HashMap<>();
            return EventInbox.eachInTurn(event -> apply(event, definitions)).apply(events);
        });
    }

    Uni<Void> apply(EventEnvelope event, Map<String, List<FieldCondition>> definitions) {
        if (event.type().equals(OpportunityEvents.SALES_TEAM_CHANGED)) {
            return applyTeam(event);
        }
        if (!TRACKED.contains(event.type())) {
            return Uni.createFrom().voidItem();
        }
        JsonNode node = event.data() == null ? null : event.data().get("opportunity");
        if (node == null || !node.isObject()) {
            throw new PoisonMessageException("opportunity event " + event.id() + " has no opportunity");
        }
        OpportunityState state;
        try {
            state = mapper.treeToValue(node, OpportunityState.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PoisonMessageException("opportunity event " + event.id() + " does not match the contract", e);
        }
        if (state.id() == null || state.id().isBlank() || state.id().length() > 120) {
            throw new PoisonMessageException("opportunity event " + event.id() + " has no usable opportunity id");
        }
        if (event.type().equals(OpportunityEvents.DELETED)) {
            return projection.apply(event.tenantId(), state, node, true, definitions)
                    .chain(() -> teams.drop(event.tenantId(), state.id()));
        }
        return projection.apply(event.tenantId(), state, node, false, definitions);
    }

    /**
     * The deal's whole team after the change replaces what is held. Only the team is read: a team
     * change does not change who holds the deal (members are never counted; limits count owners).
     */
    private Uni<Void> applyTeam(EventEnvelope event) {
        OpportunityEvents.SalesTeamChanged changed = event.dataAs(OpportunityEvents.SalesTeamChanged.class,
                c -> c.opportunity() != null && usableId(c.opportunity().id()) && c.team() != null
                        && c.team().stream().allMatch(m -> m != null && usableId(m.employeeId()) && m.access() != null),
                "lacks the opportunity id, the team, or a member's employee id or access");
        return teams.replace(event.tenantId(), changed.opportunity().id(), changed.opportunity().version(), changed.team());
    }

    private static boolean usableId(String id) {
        return id != null && !id.isBlank() && id.length() <= 120;
    }
}
