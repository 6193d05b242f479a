package io.oppsuite.pipeline.process;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Entity
@Table(name = "sales_process")
public class SalesProcess extends PanacheEntityBase {

    @Id
    public UUID id;
    public String tenantId;
    public String name;
    /** The ordered {@link ProcessStage}s as JSON. */
    public String stagesJson;
    public Instant createdAt;
    public Instant updatedAt;
    /** The process the tenant was seeded with. */
    public boolean isDefault;
    /** Bumped on every change (updatedAt always changes), published in every snapshot. */
    @Version
    public long version;

    public static Uni<SalesProcess> findInTenant(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
    }

    public static Uni<List<SalesProcess>> allInTenant(String tenantId) {
        return list("tenantId = ?1 order by createdAt, id", tenantId);
    }

    public static Uni<Boolean> nameTaken(String tenantId, String name, UUID except) {
        return count("tenantId = ?1 and lower(name) = lower(?2) and id <> ?3", tenantId, name, except == null ? new UUID(0, 0) : except)
                .map(n -> n > 0);
    }
}
