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
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Keeps who holds what from opportunity-events, idempotently (EventInbox); poison goes to holding-service.dlq. */
@ApplicationScoped
public class OpportunityEventsConsumer {

    static final String CONSUMER = "holding-service.opportunity-events";

    /** Every event that carries the opportunity's state after a change of owner, stage or status. */
    static final Set<String> TRACKED = Set.of(OpportunityEvents.CREATED, OpportunityEvents.UPDATED, OpportunityEvents.STAGE_CHANGED,
            OpportunityEvents.OWNER_CHANGED, OpportunityEvents.OVERDUE, OpportunityEvents.WON, OpportunityEvents.CLOSED,
            OpportunityEvents.DELETED);

    @Inject
    EventInbox inbox;

    @Inject
    HoldingProjection projection;

    @Inject
    ObjectMapper mapper;

    /** One poll at a time, in one transaction (see {@link EventInbox#consumeBatch}). */
    @Incoming("opportunity-events")
    public Uni<Void> onEvents(KafkaRecordBatch<String, String> batch) {
        // each attempt (a retry, or the replay one event at a time) is a new transaction with its own definitions
        return inbox.consumeBatch(CONSUMER, batch, e -> TRACKED.contains(e.type()), events -> {
            Map<String, List<FieldCondition>> definitions = new HashMap<>();
            return EventInbox.eachInTurn(event -> apply(event, definitions)).apply(events);
        });
    }

    Uni<Void> apply(EventEnvelope event, Map<String, List<FieldCondition>> definitions) {
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
        return projection.apply(event.tenantId(), state, node, event.type().equals(OpportunityEvents.DELETED), definitions);
    }
}
