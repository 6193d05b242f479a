package io.oppsuite.analytics.transition;

import io.oppsuite.analytics.team.SalesTeams;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Filters of the analysis. {@code fromMillis} inclusive, {@code toMillis} exclusive; the range
 * applies to the opportunity's creation ({@code created}) or to its first entry into each
 * stage ({@code entered}). {@code ownerId}, {@code departmentId} and {@code teamMemberId} (deals whose
 * sales team has that employee) narrow what {@code scope} lets the caller see. No filter and no scope
 * (an admin asking for everything) means the precomputed aggregates answer.
 */
public record AnalyticsFilter(Long fromMillis, Long toMillis, DateField dateField, String ownerId, String departmentId,
                              String teamMemberId, Scope scope) {

    public enum DateField { CREATED, ENTERED }

    /**
     * The deals a caller may see: those owned by {@code ownerId}, or of {@code departmentId}, or whose sales team
     * has {@code teamMemberId} (any of them; a null part adds nothing). A rep: their own deals or their teams';
     * a manager: their department's or their teams'. Null scope: every deal of the tenant (admin).
     */
    public record Scope(String ownerId, String departmentId, String teamMemberId) {
    }

    /** The deals' ids whose team has the scope's member ({@code ofScope}) and the named {@code teamMemberId} ({@code named}), as now. */
    public record TeamDeals(Set<String> ofScope, Set<String> named) {
        public static final TeamDeals NONE = new TeamDeals(Set.of(), Set.of());
    }

    /** An admin's filter: no scope. */
    public AnalyticsFilter(Long fromMillis, Long toMillis, DateField dateField, String ownerId, String departmentId) {
        this(fromMillis, toMillis, dateField, ownerId, departmentId, null, null);
    }

    public boolean isEmpty() {
        return fromMillis == null && toMillis == null && ownerId == null && departmentId == null && teamMemberId == null
                && scope == null;
    }

    /** Whether answering needs the deals' teams (a scope or filter naming a team member). */
    public boolean namesTeams() {
        return teamMemberId != null || (scope != null && scope.teamMemberId() != null);
    }

    /**
     * The scope and the owner, department and team filters as native SQL conditions ({@code " and ..."}, {@code ?n}
     * parameters) on a table with {@code owner_id}, {@code department_id} and {@code opportunity_id} whose tenant is
     * {@code ?1}; their values are
     * appended to {@code params}. A team-widened scope is an OR: these queries never use the aggregates.
     */
    public String sql(List<Object> params) {
        StringBuilder where = new StringBuilder();
        if (scope != null) {
            List<String> any = new ArrayList<>();
            if (scope.ownerId() != null) {
                params.add(scope.ownerId());
                any.add("owner_id = ?" + params.size());
            }
            if (scope.departmentId() != null) {
                params.add(scope.departmentId());
                any.add("department_id = ?" + params.size());
            }
            if (scope.teamMemberId() != null) {
                params.add(scope.teamMemberId());
                any.add(SalesTeams.hasMember(params.size()));
            }
            where.append(any.isEmpty() ? " and false" : " and (" + String.join(" or ", any) + ")");
        }
        if (ownerId != null) {
            params.add(ownerId);
            where.append(" and owner_id = ?").append(params.size());
        }
        if (departmentId != null) {
            params.add(departmentId);
            where.append(" and department_id = ?").append(params.size());
        }
        if (teamMemberId != null) {
            params.add(teamMemberId);
            where.append(" and ").append(SalesTeams.hasMember(params.size()));
        }
        return where.toString();
    }

    /**
     * {@link #sql} in memory, for a report as of a past instant: owner and department as the deal had them then,
     * team membership as it is now ({@code teams}).
     */
    public boolean admits(String opportunityId, String dealOwnerId, String dealDepartmentId, TeamDeals teams) {
        if (scope != null && !(Objects.equals(scope.ownerId(), dealOwnerId) && scope.ownerId() != null
                || Objects.equals(scope.departmentId(), dealDepartmentId) && scope.departmentId() != null
                || scope.teamMemberId() != null && teams.ofScope().contains(opportunityId))) {
            return false;
        }
        return (ownerId == null || ownerId.equals(dealOwnerId)) && (departmentId == null || departmentId.equals(dealDepartmentId))
                && (teamMemberId == null || teams.named().contains(opportunityId));
    }
}
