package io.oppsuite.opportunity.pool;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A tenant's opportunity pool: deals without owner that its members may claim. */
@Entity
@Table(name = "opportunity_pool")
public class OpportunityPool extends PanacheEntityBase {

    @Id
    public UUID id;
    public String tenantId;
    public String name;
    public String description;
    /** JSON array of department ids (holding-service's directory) whose members may claim. */
    public String memberDepartments;
    /** JSON array of user group ids (holding-service's directory) whose members may claim. */
    public String memberGroups;
    /** JSON array of token roles whose holders may claim (what memberGroups meant before the directory decided). */
    public String memberRoles;
    public Instant createdAt;
    public Instant updatedAt;
    public String createdBy;
    @Version
    public long version;

    public static Uni<OpportunityPool> findInTenant(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
    }
}
