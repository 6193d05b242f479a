package io.oppsuite.approval.request;

import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.web.Page;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * The approvals (optionally of one status) that may concern the caller, newest first: a
     * superset of those they may see or decide, narrowed in the database so a non-admin's list
     * does not read the whole tenant. Exact eligibility is then {@link ApproverEligibility}'s.
     */
    public static Uni<List<Approval>> candidatesFor(Caller caller, ApprovalStatus status) {
        StringBuilder where = new StringBuilder("tenantId = :tenant");
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", caller.tenantId());
        params.put("me", caller.employeeId());
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status);
        }
        where.append(" and (requestedBy = :me or ownerId = :me")
                // a named approver (EMPLOYEES steps hold the id as a JSON string)
                .append(" or steps like :quotedMe escape '\\'")
                // the owner's manager per the directory
                .append(" or ownerId in (select d.employeeId from DirectoryEmployee d where d.tenantId = :tenant and d.managerId = :me)");
        params.put("quotedMe", "%" + likeLiteral(jsonString(caller.employeeId())) + "%");
        if (caller.isManager() && caller.departmentId() != null) {
            // the department's manager sees its approvals and stands in for an owner's manager the directory does not know
            where.append(" or departmentId = :department");
            params.put("department", caller.departmentId());
        }
        int i = 0;
        for (String role : caller.roles()) {
            where.append(" or steps like :role").append(i).append(" escape '\\'");
            params.put("role" + i++, "%" + likeLiteral("\"role\":" + jsonString(role)) + "%");
        }
        where.append(")");
        return list(where + " order by requestedAt desc, id", params);
    }

    /** A string as compact JSON writes it (ids hold no control characters). */
    private static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Matches the text literally in a LIKE pattern (PostgreSQL's default escape is the backslash). */
    private static String likeLiteral(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** One page of the tenant's approvals (optionally of one status), newest first, with the total. */
    public static Uni<Page<Approval>> pageInTenant(String tenantId, ApprovalStatus status, int page, int size) {
        String where = status == null ? "tenantId = ?1" : "tenantId = ?1 and status = ?2";
        Object[] params = status == null ? new Object[]{tenantId} : new Object[]{tenantId, status};
        return Approval.<Approval>find(where + " order by requestedAt desc, id", params).page(page, size).list()
                .chain(items -> count(where, params).map(total -> Page.of(items, page, size, total)));
    }
}
