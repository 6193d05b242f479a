package io.oppsuite.approval.request;

import io.oppsuite.common.contracts.ApprovalEvents;
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

/**
 * Opens an approval for each {@code opportunity.approval-requested}; withdraws the pending
 * approvals of a deleted or closed opportunity; follows an owner change; ignores the rest. Idempotent twice over: on the event id (the inbox) and on the request id
 * (a re-published request with a new event id finds its approval and does nothing).
 */
@ApplicationScoped
public class ApprovalRequestConsumer {

    static final String CONSUMER = "approval-service.opportunity-events";

    /** The events this consumer acts on; stage moves and the rest pass without a transaction. */
    static final Set<String> HANDLED = Set.of(ApprovalEvents.APPROVAL_REQUESTED_BY_OPPORTUNITY, OpportunityEvents.DELETED,
            OpportunityEvents.CLOSED, OpportunityEvents.OWNER_CHANGED);

    @Inject
    EventInbox inbox;

    @Inject
    ApprovalService approvals;


    /** One poll at a time, in one transaction (see {@link EventInbox#consumeBatch}). */
    @Incoming("opportunity-events")
    public Uni<Void> onEvents(KafkaRecordBatch<String, String> batch) {
        return inbox.consumeBatch(CONSUMER, batch, e -> HANDLED.contains(e.type()), EventInbox.eachInTurn(this::apply));
    }

    Uni<Void> apply(EventEnvelope event) {
        return switch (event.type()) {
            case ApprovalEvents.APPROVAL_REQUESTED_BY_OPPORTUNITY -> approvals.open(event.tenantId(), read(event));
            case OpportunityEvents.DELETED -> approvals.withdrawPendingOf(event.tenantId(), opportunityId(event), "opportunity deleted");
            case OpportunityEvents.CLOSED -> {
                OpportunityState o = opportunity(event);
                yield approvals.withdrawPendingOf(event.tenantId(), o.id(), "opportunity closed as " + o.status());
            }
            case OpportunityEvents.OWNER_CHANGED -> {
                OpportunityState o = opportunity(event);
                yield approvals.ownerChanged(event.tenantId(), o.id(), o.ownerId(), o.departmentId());
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    /** The deleted opportunity's id: from its state, else the record key (= opportunity id). */
    private static String opportunityId(EventEnvelope event) {
        String id = event.data() == null ? null : event.data().path("opportunity").path("id").asText(null);
        id = blank(id) ? event.key() : id;
        if (blank(id)) {
            throw new PoisonMessageException(event.type() + " " + event.id() + " names no opportunity");
        }
        return id;
    }

    /** The opportunity every opportunity-events data object carries. */
    private OpportunityState opportunity(EventEnvelope event) {
        return event.dataAs("opportunity", OpportunityState.class, o -> !blank(o.id()), "carries no opportunity id");
    }

    private ApprovalEvents.ApprovalRequest read(EventEnvelope event) {
        return event.dataAs(ApprovalEvents.ApprovalRequest.class, request -> !blank(request.requestId()) && request.trigger() != null
                        && request.opportunity() != null && !blank(request.opportunity().id())
                        && !(blank(request.requestedBy()) && blank(request.opportunity().ownerId())),
                "lacks requestId, trigger, opportunity id or requester");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
