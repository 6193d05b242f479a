package io.oppsuite.opportunity.approval;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.events.EventEnvelope;
import io.oppsuite.common.events.EventInbox;
import io.oppsuite.common.events.PoisonMessageException;
import io.oppsuite.opportunity.approvalflow.ApprovalFlows;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** approval-events: flows into the cache, decisions onto the waiting opportunities. Idempotent via the inbox. */
@ApplicationScoped
public class ApprovalEventsConsumer {

    @Inject
    EventInbox inbox;

    @Inject
    ApprovalFlows flows;

    @Inject
    ApprovalDecisions decisions;

    @Inject
    ObjectMapper mapper;

    @Incoming("approval-events")
    public Uni<Void> onEvent(Message<String> message) {
        return inbox.consume("opportunity-service.approval-events", message, this::apply);
    }

    Uni<Void> apply(EventEnvelope event) {
        return switch (event.type()) {
            case ApprovalEvents.FLOW_UPSERTED -> flows.upsert(event.tenantId(), read(event, ApprovalEvents.FlowSnapshot.class));
            case ApprovalEvents.FLOW_DELETED -> flows.delete(event.tenantId(), event.text("id"));
            case ApprovalEvents.APPROVED -> decisions.approved(event.tenantId(), read(event, ApprovalEvents.ApprovalOutcome.class));
            case ApprovalEvents.REJECTED -> decisions.rejected(event.tenantId(), read(event, ApprovalEvents.ApprovalOutcome.class));
            case ApprovalEvents.WITHDRAWN -> decisions.withdrawn(event.tenantId(), read(event, ApprovalEvents.ApprovalOutcome.class));
            default -> Uni.createFrom().voidItem();
        };
    }

    private <T> T read(EventEnvelope event, Class<T> type) {
        try {
            T value = mapper.treeToValue(event.data(), type);
            if (value == null || event.tenantId() == null) {
                throw new PoisonMessageException("approval event " + event.id() + " has no data or tenant");
            }
            if (value instanceof ApprovalEvents.FlowSnapshot flow && flow.id() == null) {
                throw new PoisonMessageException("approval flow event " + event.id() + " has no flow id");
            }
            if (value instanceof ApprovalEvents.ApprovalOutcome outcome && outcome.requestId() == null) {
                throw new PoisonMessageException("approval decision " + event.id() + " has no requestId");
            }
            return value;
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new PoisonMessageException("approval event " + event.id() + " does not match the contract", e);
        }
    }
}
