package io.oppsuite.approval.request;

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

/**
 * One approval instance: a waiting creation or stage move of an opportunity. The flow's steps
 * are copied in when requested, so editing the flow later does not change approvals under way.
 * Every decision changes this row, so its version serializes concurrent deciders.
 */
@Entity
@Table(name = "approval")
public class Approval extends PanacheEntityBase {

    @Id
    public UUID id;
    public String tenantId;
    /** opportunity-service's id of the waiting creation or stage move; unique per tenant. */
    public String requestId;
    @Enumerated(EnumType.STRING)
    public ApprovalEvents.Trigger trigger;
    public String flowId;
    public String flowName;
    public String opportunityId;
    public String opportunityName;
    public String ownerId;
    public String departmentId;
    /** OpportunityState JSON as requested. */
    public String opportunity;
    public String fromStage;
    public String toStage;
    public String requestedBy;
    public Instant requestedAt;
    @Enumerated(EnumType.STRING)
    public ApprovalStatus status;
    /** List of ApprovalEvents.Step JSON. */
    public String steps;
    public int currentStep;
    /** JSON list of employee ids who approved the current step so far. */
    public String currentStepApprovals;
    public String decidedBy;
    public Instant decidedAt;
    public Instant updatedAt;
    @Version
    public long version;

    public static Uni<Approval> findInTenant(String tenantId, UUID id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
    }

    public static Uni<Approval> findByRequest(String tenantId, String requestId) {
        return find("tenantId = ?1 and requestId = ?2", tenantId, requestId).firstResult();
    }

    public static Uni<List<Approval>> pendingFor(String tenantId, String opportunityId) {
        return list("tenantId = ?1 and opportunityId = ?2 and status = ?3", tenantId, opportunityId, ApprovalStatus.PENDING);
    }

    /** Every approval of the tenant (optionally of one status), newest first. */
    public static Uni<List<Approval>> listInTenant(String tenantId, ApprovalStatus status) {
        return status == null
                ? list("tenantId = ?1 order by requestedAt desc, id", tenantId)
                : list("tenantId = ?1 and status = ?2 order by requestedAt desc, id", tenantId, status);
    }

    /** One page of the tenant's approvals (optionally of one status), newest first, with the total. */
    public static Uni<Page> pageInTenant(String tenantId, ApprovalStatus status, int page, int size) {
        String where = status == null ? "tenantId = ?1" : "tenantId = ?1 and status = ?2";
        Object[] params = status == null ? new Object[]{tenantId} : new Object[]{tenantId, status};
        return Approval.<Approval>find(where + " order by requestedAt desc, id", params).page(page, size).list()
                .chain(items -> count(where, params).map(total -> new Page(items, total)));
    }

    public record Page(List<Approval> items, long total) {
    }
}
