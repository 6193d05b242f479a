package io.oppsuite.approval.request;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.events.EventEnvelope;
import io.oppsuite.common.events.EventInbox;
import io.oppsuite.common.events.PoisonMessageException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Opens an approval for each {@code opportunity.approval-requested}; every other opportunity
 * event is ignored. Idempotent twice over: on the event id (the inbox) and on the request id
 * (a re-published request with a new event id finds its approval and does nothing).
 */
@ApplicationScoped
public class ApprovalRequestConsumer {

    static final String CONSUMER = "approval-service.opportunity-events";

    @Inject
    EventInbox inbox;

    @Inject
    ApprovalService approvals;

    @Inject
    ObjectMapper mapper;

    @Incoming("opportunity-events")
    public Uni<Void> onEvent(Message<String> message) {
        return inbox.consume(CONSUMER, message, this::apply);
    }

    Uni<Void> apply(EventEnvelope event) {
        if (!ApprovalEvents.APPROVAL_REQUESTED_BY_OPPORTUNITY.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        return approvals.open(event.tenantId(), read(event));
    }

    private ApprovalEvents.ApprovalRequest read(EventEnvelope event) {
        ApprovalEvents.ApprovalRequest request;
        try {
            request = mapper.treeToValue(event.data(), ApprovalEvents.ApprovalRequest.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new PoisonMessageException("approval request " + event.id() + " does not match the contract", e);
        }
        if (blank(request.requestId()) || request.trigger() == null || request.opportunity() == null
                || blank(request.opportunity().id())
                || blank(request.requestedBy()) && blank(request.opportunity().ownerId())) {
            throw new PoisonMessageException("approval request " + event.id()
                    + " lacks requestId, trigger, opportunity id or requester");
        }
        return request;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
