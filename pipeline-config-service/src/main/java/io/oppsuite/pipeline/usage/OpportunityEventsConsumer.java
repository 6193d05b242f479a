package io.oppsuite.pipeline.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.common.contracts.OpportunityState;
import io.oppsuite.common.events.EventEnvelope;
import io.oppsuite.common.events.EventInbox;
import io.oppsuite.common.events.PoisonMessageException;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Set;

/** Learns which stages opportunities sit in, so stages in use are not deleted or removed. */
@ApplicationScoped
public class OpportunityEventsConsumer {

    static final String CONSUMER = "pipeline-config-service.opportunity-events";

    /** Events that carry an opportunity's stage; owner changes, overdue and orders do not move it. */
    static final Set<String> TRACKED = Set.of(OpportunityEvents.CREATED, OpportunityEvents.UPDATED, OpportunityEvents.STAGE_CHANGED,
            OpportunityEvents.WON, OpportunityEvents.CLOSED, OpportunityEvents.DELETED);

    @Inject
    EventInbox inbox;

    @Inject
    StageUsage usage;

    @Inject
    ObjectMapper mapper;

    /** One poll at a time, in one transaction (see {@link EventInbox#consumeBatch}). */
    @Incoming("opportunity-events")
    public Uni<Void> onEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.consumeBatch(CONSUMER, batch, e -> TRACKED.contains(e.type()),
                events -> usage.recordAll(events.stream().map(this::change).toList()));
    }

    StageUsage.Change change(EventEnvelope event) {
        OpportunityState opportunity = read(event);
        String previousStage = event.type().equals(OpportunityEvents.STAGE_CHANGED) ? text(event.data().at("/from/key")) : null;
        return new StageUsage.Change(event.tenantId(), opportunity, previousStage, event.type().equals(OpportunityEvents.DELETED));
    }

    private OpportunityState read(EventEnvelope event) {
        JsonNode node = event.data() == null ? null : event.data().get("opportunity");
        if (event.tenantId() == null || node == null || node.isNull()) {
            throw new PoisonMessageException("opportunity event " + event.id() + " has no tenant or opportunity");
        }
        try {
            OpportunityState state = mapper.treeToValue(node, OpportunityState.class);
            if (state.id() == null) {
                throw new PoisonMessageException("opportunity event " + event.id() + " has no opportunity id");
            }
            return state;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PoisonMessageException("opportunity event " + event.id() + " does not match the contract", e);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
