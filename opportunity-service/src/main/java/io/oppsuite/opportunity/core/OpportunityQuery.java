package io.oppsuite.opportunity.core;

import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A list request turned into one tenant-scoped, visibility-scoped HQL query: the caller never
 * pages through rows they may not see. Plain Java.
 */
public record OpportunityQuery(String stage, String owner, String department, LifecycleStatus status, Boolean overdue,
                               LocalDate closeFrom, LocalDate closeTo, String sort, int page, int size) {

    static final Map<String, String> SORTABLE = Map.of(
            "name", "name", "amount", "amount", "expectedCloseDate", "expectedCloseDate", "createdAt", "createdAt",
            "updatedAt", "updatedAt", "stageEnteredAt", "stageEnteredAt", "winRate", "winRate");

    public record Hql(String where, Map<String, Object> params, String orderBy) {
    }

    public Hql toHql(Caller caller) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        clauses.add("tenantId = :tenant");
        params.put("tenant", caller.tenantId());
        if (!caller.isAdmin()) {
            if (caller.isManager() && caller.departmentId() != null) {
                clauses.add("(ownerId = :me or departmentId = :myDepartment)");
                params.put("myDepartment", caller.departmentId());
            } else {
                clauses.add("ownerId = :me");
            }
            params.put("me", caller.employeeId());
        }
        if (stage != null) { clauses.add("stageKey = :stage"); params.put("stage", stage); }
        if (owner != null) { clauses.add("ownerId = :owner"); params.put("owner", owner); }
        if (department != null) { clauses.add("departmentId = :department"); params.put("department", department); }
        if (status != null) { clauses.add("status = :status"); params.put("status", status); }
        if (overdue != null) { clauses.add("overdue = :overdue"); params.put("overdue", overdue); }
        if (closeFrom != null) { clauses.add("expectedCloseDate >= :closeFrom"); params.put("closeFrom", closeFrom); }
        if (closeTo != null) { clauses.add("expectedCloseDate <= :closeTo"); params.put("closeTo", closeTo); }
        return new Hql(String.join(" and ", clauses), params, orderBy());
    }

    /** "amount,-createdAt": comma separated, '-' for descending; id breaks ties so paging is stable. */
    String orderBy() {
        List<String> parts = new ArrayList<>();
        if (sort != null && !sort.isBlank()) {
            for (String raw : sort.split(",")) {
                String field = raw.trim();
                boolean descending = field.startsWith("-");
                field = descending ? field.substring(1) : field;
                String column = SORTABLE.get(field);
                if (column == null) {
                    throw Problems.badRequest("cannot sort by '" + field + "'; sortable: " + SORTABLE.keySet());
                }
                parts.add(column + (descending ? " desc" : " asc"));
            }
        }
        parts.add(parts.isEmpty() ? "createdAt desc" : "id asc");
        if (parts.size() == 1) {
            parts.add("id asc");
        }
        return String.join(", ", parts);
    }
}
