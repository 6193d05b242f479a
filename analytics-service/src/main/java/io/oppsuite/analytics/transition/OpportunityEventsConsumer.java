package io.oppsuite.analytics.transition;

import io.oppsuite.common.events.EventInbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

@ApplicationScoped
public class OpportunityEventsConsumer {

    @Inject
    EventInbox inbox;

    @Inject
    OpportunityProjection projection;

    @Incoming("opportunity-events")
    public Uni<Void> onEvent(Message<String> message) {
        return inbox.consume("analytics-service.opportunity-events", message, projection::apply);
    }
}
