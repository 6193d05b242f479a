package io.oppsuite.opportunity.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.PipelineConfigEvents;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.events.EventEnvelope;
import io.oppsuite.common.events.EventInbox;
import io.oppsuite.common.events.PoisonMessageException;
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

    @Inject
    ObjectMapper mapper;

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
        try {
            SalesProcessSnapshot snapshot = mapper.treeToValue(event.data(), SalesProcessSnapshot.class);
            if (snapshot.id() == null || snapshot.stages() == null || snapshot.stages().isEmpty()) {
                throw new PoisonMessageException("sales process event " + event.id() + " has no id or stages");
            }
            return snapshot;
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new PoisonMessageException("sales process event " + event.id() + " does not match the contract", e);
        }
    }
}
