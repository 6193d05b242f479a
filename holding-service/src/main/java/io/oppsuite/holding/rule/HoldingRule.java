package io.oppsuite.holding.rule;

import io.oppsuite.holding.limit.ScopeType;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A tenant's holding rule. Conditions are JSON arrays of FieldCondition (see {@link ConditionJson}). */
@Entity
@Table(name = "holding_rule")
public class HoldingRule extends PanacheEntityBase {
    @Id
    public UUID id;
    public String tenantId;
    public String name;
    @Enumerated(EnumType.STRING)
    public ScopeType scope;
    public String scopeId;
    public String employeeConditions;
    @Column(name = "limit_value")
    public Long limit;
    public String limitField;
    public String opportunityConditions;
    public Instant createdAt;
    @Version
    public long version;

    public static Uni<List<HoldingRule>> ofTenant(String tenantId) {
        return list("tenantId = ?1 order by createdAt, id", tenantId);
    }

    public static Uni<HoldingRule> findInTenant(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
    }
}
