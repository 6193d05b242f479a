package io.oppsuite.pipeline.process;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.PipelineConfigEvents;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.events.DomainEvent;
import io.oppsuite.common.events.Outbox;
import io.oppsuite.common.events.Topics;
import io.oppsuite.common.json.Json;
import io.oppsuite.pipeline.stage.StageDefinition;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;

/**
 * Turns stored processes into the published contract and appends it to the outbox
 * (topic pipeline-config-events, key = id), in the caller's transaction. Stage events: {@code stage.StageEvents}.
 */
@ApplicationScoped
public class ConfigPublisher {

    private static final TypeReference<List<ProcessStage>> STAGES = new TypeReference<>() {
    };

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper mapper;

    public List<ProcessStage> stagesOf(SalesProcess process) {
        return Json.read(mapper, process.stagesJson, STAGES);
    }

    public String toJson(List<ProcessStage> stages) {
        return Json.write(mapper, stages);
    }

    /** The process as consumers see it: catalogue label, type and win rate merged into each stage. */
    public SalesProcessSnapshot snapshot(SalesProcess process, Map<String, StageDefinition> catalogue) {
        List<SalesProcessSnapshot.Stage> stages = stagesOf(process).stream().map(stage -> {
            StageDefinition definition = catalogue.get(stage.key());
            return new SalesProcessSnapshot.Stage(stage.key(),
                    definition == null ? stage.key() : definition.label,
                    definition == null ? null : definition.type,
                    definition == null ? null : definition.defaultWinRate,
                    stage.settings(), stage.tasks());
        }).toList();
        return new SalesProcessSnapshot(process.id.toString(), process.name, process.version, stages);
    }

    public Uni<SalesProcessSnapshot> processUpserted(SalesProcess process, Map<String, StageDefinition> catalogue) {
        SalesProcessSnapshot snapshot = snapshot(process, catalogue);
        return outbox.append(new DomainEvent(Topics.PIPELINE_CONFIG_EVENTS, PipelineConfigEvents.SALES_PROCESS_UPSERTED,
                process.tenantId, snapshot.id(), snapshot)).replaceWith(snapshot);
    }

    public Uni<Void> processDeleted(SalesProcess process) {
        String id = process.id.toString();
        return outbox.append(new DomainEvent(Topics.PIPELINE_CONFIG_EVENTS, PipelineConfigEvents.SALES_PROCESS_DELETED,
                process.tenantId, id, new PipelineConfigEvents.Deleted(id))).replaceWithVoid();
    }
}
