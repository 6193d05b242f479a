package io.oppsuite.approval.request;

import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.json.Json;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.web.Page;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.ArrayList;
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
    /**
     * List of ApprovalEvents.Step JSON; jsonb in the table (searched by {@link #candidatesFor}), text here: the
     * reactive driver would hand a jsonb value over as a Vert.x JSON object, and bind a String as a JSON string.
     */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(steps as text)", write = "cast(cast(? as text) as jsonb)")
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
     * One branch per way an approval can concern the caller, each an index lookup (V2).
     */
    public static Uni<List<Approval>> candidatesFor(Caller caller, ApprovalStatus status) {
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", caller.tenantId());
        params.put("me", caller.employeeId());
        String of = "select b.id from Approval b where b.tenantId = :tenant and ";
        StringBuilder ids = new StringBuilder(of).append("(b.requestedBy = :me or b.ownerId = :me)")
                // the owner's manager per the directory
                .append(" union ").append(of).append("b.ownerId in (select d.employeeId from DirectoryEmployee d"
                        + " where d.tenantId = :tenant and d.managerId = :me)");
        // a step naming the caller (EMPLOYEES) or one of their roles (ROLE): jsonb containment, GIN-indexed. HQL has
        // no @> operator: sql() writes it, and its unqualified column is the innermost query's, b's.
        List<String> stepsOfMine = new ArrayList<>();
        stepsOfMine.add(Json.write(List.of(Map.of("employeeIds", List.of(caller.employeeId())))));
        caller.roles().forEach(role -> stepsOfMine.add(Json.write(List.of(Map.of("role", role)))));
        StringBuilder contains = new StringBuilder();
        for (int i = 0; i < stepsOfMine.size(); i++) {
            contains.append(i == 0 ? "" : " or ").append("steps @> cast(cast(? as text) as jsonb)");
            params.put("step" + i, stepsOfMine.get(i));
        }
        ids.append(" union ").append(of).append("cast(sql('(").append(contains).append(")'");
        for (int i = 0; i < stepsOfMine.size(); i++) {
            ids.append(", :step").append(i);
        }
        // sql() is untyped: the cast makes it a predicate PostgreSQL still matches to the index
        ids.append(") as Boolean) = true");
        if (caller.isManager() && caller.departmentId() != null) {
            // the department's manager sees its approvals and stands in for an owner's manager the directory does not know
            ids.append(" union ").append(of).append("b.departmentId = :department");
            params.put("department", caller.departmentId());
        }
        String query = "select a from Approval a where a.tenantId = :tenant and a.id in (" + ids + ")";
        if (status != null) {
            query += " and a.status = :status";
            params.put("status", status);
        }
        return list(query + " order by a.requestedAt desc, a.id", params);
    }

    /** One page of the tenant's approvals (optionally of one status), newest first, with the total. */
    public static Uni<Page<Approval>> pageInTenant(String tenantId, ApprovalStatus status, int page, int size) {
        String where = status == null ? "tenantId = ?1" : "tenantId = ?1 and status = ?2";
        Object[] params = status == null ? new Object[]{tenantId} : new Object[]{tenantId, status};
        return Approval.<Approval>find(where + " order by requestedAt desc, id", params).page(page, size).list()
                .chain(items -> count(where, params).map(total -> Page.of(items, page, size, total)));
    }
}
