package io.oppsuite.approval.flow;

import io.oppsuite.common.contracts.ApprovalEvents;
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

/** An approval flow as an admin configured it; conditions and steps are JSON text (the contract's shapes). */
@Entity
@Table(name = "approval_flow")
public class ApprovalFlow extends PanacheEntityBase {

    @Id
    public UUID id;
    public String tenantId;
    public String name;
    @Enumerated(EnumType.STRING)
    public ApprovalEvents.Trigger trigger;
    public String salesProcessId;
    public String stageKey;
    public String conditions;
    public String steps;
    public boolean active;
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public long version;

    /** Tenant-scoped lookup: another tenant's flow is simply not found. */
    public static Uni<ApprovalFlow> findInTenant(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
    }

    public static Uni<List<ApprovalFlow>> activeInTenant(String tenantId, ApprovalEvents.Trigger trigger) {
        return list("tenantId = ?1 and trigger = ?2 and active = true order by name, id", tenantId, trigger);
    }

    public static Uni<List<ApprovalFlow>> listInTenant(String tenantId) {
        return list("tenantId = ?1 order by name, id", tenantId);
    }
}
