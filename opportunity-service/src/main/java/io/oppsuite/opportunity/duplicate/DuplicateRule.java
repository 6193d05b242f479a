package io.oppsuite.opportunity.duplicate;

import io.oppsuite.opportunity.core.DuplicateMatch;
import io.oppsuite.opportunity.core.Opportunity;
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

/** A tenant's duplicate rule: matchers ANDed; the tenant's rules are ORed. */
@Entity
@Table(name = "duplicate_rule")
public class DuplicateRule extends PanacheEntityBase {

    public enum AppliesTo {
        CREATE, UPDATE, IMPORT, ALL;

        public boolean covers(AppliesTo operation) {
            return this == ALL || this == operation;
        }
    }

    @Id
    public UUID id;
    public String tenantId;
    public String name;
    @Enumerated(EnumType.STRING)
    public DuplicateMatch.Action action;
    @Enumerated(EnumType.STRING)
    public AppliesTo appliesTo;
    /** JSON array of {@link DuplicateMatcher}. */
    public String matchers;
    public boolean active;
    public Instant createdAt;
    @Version
    public long version;

    public static Uni<List<DuplicateRule>> activeOf(String tenantId) {
        return list("tenantId = ?1 and active = true order by createdAt, id", tenantId);
    }

    /**
     * The rules an opportunity is held to: none while it is unsubmitted (rejected or withdrawn), so it
     * neither blocks others nor is blocked until it is resubmitted; its keys are then recorded empty,
     * which takes it out of every other opportunity's check.
     */
    public static List<DuplicateRule> inForce(Opportunity o, List<DuplicateRule> rules) {
        return o.status.unsubmitted() ? List.of() : rules;
    }

    public static Uni<DuplicateRule> findInTenant(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
    }
}
