package io.oppsuite.opportunity.task;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A record linked to an opportunity, e.g. a quotation (CREATE_ASSOCIATED_OBJECT tasks, Lost/Invalid requirements). */
@Entity
@Table(name = "associated_record")
public class AssociatedRecord extends PanacheEntityBase {

    @Id
    public UUID id;
    public String tenantId;
    public UUID opportunityId;
    public String recordType;
    public String name;
    /** JSON object as text. */
    public String data;
    public Instant createdAt;
    public String createdBy;

    public static Uni<AssociatedRecord> findOf(String tenantId, UUID opportunityId, UUID id) {
        return find("tenantId = ?1 and opportunityId = ?2 and id = ?3", tenantId, opportunityId, id).firstResult();
    }

    public static Uni<List<AssociatedRecord>> of(String tenantId, UUID opportunityId) {
        return list("tenantId = ?1 and opportunityId = ?2 order by createdAt, id", tenantId, opportunityId);
    }
}
