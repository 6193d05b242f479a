package io.oppsuite.analytics.process;

import io.oppsuite.common.events.EventInbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

@ApplicationScoped
public class PipelineConfigConsumer {

    @Inject
    EventInbox inbox;

    @Inject
    SalesProcessProjection projection;

    @Incoming("pipeline-config-events")
    public Uni<Void> onEvent(Message<String> message) {
        return inbox.consume("analytics-service.pipeline-config", message, projection::apply);
    }
}
