package io.oppsuite.opportunity.core;

import io.oppsuite.common.events.DomainEvent;
import io.oppsuite.common.events.Outbox;
import io.oppsuite.common.events.Topics;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;

/**
 * The one way opportunity-service's events leave: into the outbox of the caller's transaction,
 * for opportunity-events. Every feature publishes through here.
 */
@ApplicationScoped
public class OpportunityPublisher {

    @Inject
    Outbox outbox;

    /** An event of a change happening now (delete, overdue): {@code ce_time} is now. */
    public Uni<Void> emit(Opportunity o, String type, Object data) {
        return emit(o, type, data, Instant.now());
    }

    /** An event of a change made at {@code at} (the time the write stamped, e.g. updatedAt): its {@code ce_time}. */
    public Uni<Void> emit(Opportunity o, String type, Object data, Instant at) {
        return outbox.append(new DomainEvent(Topics.OPPORTUNITY_EVENTS, type, o.tenantId, o.id.toString(), data, at)).replaceWithVoid();
    }

    /** An event of another aggregate on opportunity-events (a pool), keyed by its id; {@code ce_time} is now. */
    public Uni<Void> emit(String tenantId, String aggregateId, String type, Object data) {
        return outbox.append(new DomainEvent(Topics.OPPORTUNITY_EVENTS, type, tenantId, aggregateId, data)).replaceWithVoid();
    }
}
