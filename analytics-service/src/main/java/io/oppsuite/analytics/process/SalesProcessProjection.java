package io.oppsuite.analytics.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.PipelineConfigEvents;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.events.EventEnvelope;
import io.oppsuite.common.events.PoisonMessageException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Keeps {@code sales_process} in step with pipeline-config-events (an older version never overwrites a
 * newer one), and {@code stage_catalogue}: the labels of stages that may have left their process.
 */
@ApplicationScoped
public class SalesProcessProjection {

    @Inject
    ObjectMapper mapper;

    /** Must run inside a transaction. */
    public Uni<Void> apply(EventEnvelope event) {
        return switch (event.type()) {
            case PipelineConfigEvents.SALES_PROCESS_UPSERTED -> upsert(event.tenantId(), read(event));
            case PipelineConfigEvents.SALES_PROCESS_DELETED -> Panache.getSession().chain(s -> s.createNativeQuery(
                            "update sales_process set deleted = true where tenant_id = ?1 and id = ?2")
                    .setParameter(1, event.tenantId()).setParameter(2, event.text("id")).executeUpdate()).replaceWithVoid();
            case PipelineConfigEvents.STAGE_UPSERTED -> upsertStage(event.tenantId(), readStage(event));
            case PipelineConfigEvents.STAGE_DELETED -> Panache.getSession().chain(s -> s.createNativeQuery(
                            "delete from stage_catalogue where tenant_id = ?1 and stage_id = ?2")
                    .setParameter(1, event.tenantId()).setParameter(2, event.text("id")).executeUpdate()).replaceWithVoid();
            default -> Uni.createFrom().voidItem();
        };
    }

    Uni<Void> upsert(String tenantId, SalesProcessSnapshot process) {
        String stages;
        try {
            stages = mapper.writeValueAsString(process.stages());
        } catch (JsonProcessingException e) {
            throw new PoisonMessageException("sales process " + process.id() + " stages cannot be written", e);
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into sales_process (tenant_id, id, name, version, stages, deleted)
                        values (?1, ?2, cast(?3 as varchar), ?4, ?5, false)
                        on conflict (tenant_id, id) do update
                        set name = excluded.name, version = excluded.version, stages = excluded.stages, deleted = false
                        where sales_process.version <= excluded.version""")
                .setParameter(1, tenantId).setParameter(2, process.id()).setParameter(3, process.name())
                .setParameter(4, process.version()).setParameter(5, stages).executeUpdate()).replaceWithVoid();
    }

    /** One record per catalogue stage (compacted topic, key = stage id): the latest wins. */
    Uni<Void> upsertStage(String tenantId, PipelineConfigEvents.StageDefinition stage) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into stage_catalogue (tenant_id, stage_id, stage_key, label) values (?1, ?2, ?3, cast(?4 as varchar))
                        on conflict (tenant_id, stage_id) do update set stage_key = excluded.stage_key, label = excluded.label""")
                .setParameter(1, tenantId).setParameter(2, stage.id()).setParameter(3, stage.key()).setParameter(4, stage.label())
                .executeUpdate()).replaceWithVoid();
    }

    public PipelineConfigEvents.StageDefinition readStage(EventEnvelope event) {
        return event.dataAs(PipelineConfigEvents.StageDefinition.class, s -> s.id() != null && s.key() != null, "has no id or key");
    }

    public SalesProcessSnapshot read(EventEnvelope event) {
        return event.dataAs(SalesProcessSnapshot.class, p -> p.id() != null && p.stages() != null && !p.stages().isEmpty(),
                "has no id or stages");
    }
}
