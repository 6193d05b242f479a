package io.oppsuite.opportunity.approval;

import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.events.EventEnvelope;
import io.oppsuite.common.events.EventInbox;
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


    @Incoming("approval-events")
    public Uni<Void> onEvent(Message<String> message) {
        return inbox.consume("opportunity-service.approval-events", message, this::apply);
    }

    Uni<Void> apply(EventEnvelope event) {
        return switch (event.type()) {
            case ApprovalEvents.FLOW_UPSERTED -> flows.upsert(event.tenantId(), event.dataAs(ApprovalEvents.FlowSnapshot.class, f -> f.id() != null, "has no flow id"));
            case ApprovalEvents.FLOW_DELETED -> flows.delete(event.tenantId(), event.text("id"));
            case ApprovalEvents.APPROVED -> decisions.approved(event.tenantId(), outcome(event));
            case ApprovalEvents.REJECTED -> decisions.rejected(event.tenantId(), outcome(event));
            case ApprovalEvents.WITHDRAWN -> decisions.withdrawn(event.tenantId(), outcome(event));
            default -> Uni.createFrom().voidItem();
        };
    }

    private static ApprovalEvents.ApprovalOutcome outcome(EventEnvelope event) {
        return event.dataAs(ApprovalEvents.ApprovalOutcome.class, o -> o.requestId() != null, "has no requestId");
    }
}
