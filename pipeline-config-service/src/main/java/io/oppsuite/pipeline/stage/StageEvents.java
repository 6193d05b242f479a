package io.oppsuite.pipeline.stage;

import io.oppsuite.common.contracts.PipelineConfigEvents;
import io.oppsuite.common.events.DomainEvent;
import io.oppsuite.common.events.Outbox;
import io.oppsuite.common.events.Topics;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Catalogue stages as published on pipeline-config-events (key = id), appended to the outbox in the caller's transaction. */
@ApplicationScoped
public class StageEvents {

    @Inject
    Outbox outbox;

    public Uni<Void> stageUpserted(StageDefinition stage) {
        return outbox.append(new DomainEvent(Topics.PIPELINE_CONFIG_EVENTS, PipelineConfigEvents.STAGE_UPSERTED,
                stage.tenantId, stage.id.toString(), stage.toEvent())).replaceWithVoid();
    }

    public Uni<Void> stageDeleted(StageDefinition stage) {
        String id = stage.id.toString();
        return outbox.append(new DomainEvent(Topics.PIPELINE_CONFIG_EVENTS, PipelineConfigEvents.STAGE_DELETED,
                stage.tenantId, id, new PipelineConfigEvents.Deleted(id))).replaceWithVoid();
    }
}
