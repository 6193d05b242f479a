package io.oppsuite.pipeline.stage;

import io.oppsuite.common.contracts.PipelineConfigEvents;
import io.oppsuite.common.contracts.StageType;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A value of the tenant's "Opportunity Stage" field. */
@Entity
@Table(name = "stage_definition")
public class StageDefinition extends PanacheEntityBase {

    @Id
    public UUID id;
    public String tenantId;
    public String stageKey;
    public String label;
    @Enumerated(EnumType.STRING)
    public StageType type;
    public int defaultWinRate;
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public long version;

    public static Uni<StageDefinition> findInTenant(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
    }

    public static Uni<StageDefinition> findByKey(String tenantId, String key) {
        return find("tenantId = ?1 and stageKey = ?2", tenantId, key).firstResult();
    }

    public static Uni<List<StageDefinition>> allInTenant(String tenantId) {
        return list("tenantId = ?1 order by createdAt, stageKey", tenantId);
    }

    public PipelineConfigEvents.StageDefinition toEvent() {
        return new PipelineConfigEvents.StageDefinition(id.toString(), stageKey, label, type, defaultWinRate);
    }
}
