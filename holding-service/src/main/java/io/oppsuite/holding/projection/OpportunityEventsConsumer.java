package io.oppsuite.holding.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.common.contracts.OpportunityState;
import io.oppsuite.common.events.EventEnvelope;
import io.oppsuite.common.events.EventInbox;
import io.oppsuite.common.events.PoisonMessageException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

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

    @Incoming("opportunity-events")
    public Uni<Void> onEvent(Message<String> message) {
        return inbox.consume(CONSUMER, message, this::apply);
    }

    Uni<Void> apply(EventEnvelope event) {
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
        return projection.apply(event.tenantId(), state, node, event.type().equals(OpportunityEvents.DELETED));
    }
}
