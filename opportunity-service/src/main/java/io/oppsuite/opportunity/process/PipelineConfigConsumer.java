package io.oppsuite.opportunity.process;

import io.oppsuite.common.contracts.PipelineConfigEvents;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.events.EventEnvelope;
import io.oppsuite.common.events.EventInbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Keeps {@link SalesProcesses} in step with pipeline-config-events. */
@ApplicationScoped
public class PipelineConfigConsumer {

    @Inject
    EventInbox inbox;

    @Inject
    SalesProcesses processes;


    @Incoming("pipeline-config")
    public Uni<Void> onEvent(Message<String> message) {
        return inbox.consume("opportunity-service.pipeline-config", message, this::apply);
    }

    Uni<Void> apply(EventEnvelope event) {
        return switch (event.type()) {
            case PipelineConfigEvents.SALES_PROCESS_UPSERTED -> processes.upsert(event.tenantId(), read(event));
            case PipelineConfigEvents.SALES_PROCESS_DELETED -> processes.markDeleted(event.tenantId(), event.text("id"));
            default -> Uni.createFrom().voidItem();
        };
    }

    private SalesProcessSnapshot read(EventEnvelope event) {
        return event.dataAs(SalesProcessSnapshot.class, p -> p.id() != null && p.stages() != null && !p.stages().isEmpty(),
                "has no id or stages");
    }
}
