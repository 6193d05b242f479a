package io.oppsuite.opportunity.core;

import io.oppsuite.common.contracts.OpportunityEvents.TeamAccess;
import io.oppsuite.common.contracts.OpportunityEvents.TeamMember;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A colleague on a deal's sales team: sees the deal (READ) or also works it (EDIT). Who manages
 * the team, and what each access allows, is {@link Opportunities}' rule.
 */
@Entity
@Table(name = "sales_team_member")
@IdClass(SalesTeamMember.Key.class)
public class SalesTeamMember extends PanacheEntityBase {

    @Id
    public UUID opportunityId;
    @Id
    public String employeeId;
    public String tenantId;
    @Column(name = "team_role")
    public String role;
    @Enumerated(EnumType.STRING)
    public TeamAccess access;
    public Instant addedAt;
    public String addedBy;
    public Instant updatedAt;
    @Version
    public long version;

    /** The composite key: one row per (deal, employee). */
    public static class Key implements Serializable {
        public UUID opportunityId;
        public String employeeId;

        public Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && Objects.equals(opportunityId, k.opportunityId) && Objects.equals(employeeId, k.employeeId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(opportunityId, employeeId);
        }
    }

    /** The team in the order members joined (then by id, so the order is total). */
    public static Uni<List<SalesTeamMember>> of(String tenantId, UUID opportunityId) {
        return list("tenantId = ?1 and opportunityId = ?2 order by addedAt, employeeId", tenantId, opportunityId);
    }

    public static Uni<SalesTeamMember> find(String tenantId, UUID opportunityId, String employeeId) {
        return find("tenantId = ?1 and opportunityId = ?2 and employeeId = ?3", tenantId, opportunityId, employeeId).firstResult();
    }

    /** A new member of {@code o}'s team, as {@code by} names them at {@code now}. */
    public static SalesTeamMember joining(Opportunity o, TeamMemberInput input, String by, Instant now) {
        SalesTeamMember m = new SalesTeamMember();
        m.opportunityId = o.id;
        m.employeeId = input.employeeId();
        m.tenantId = o.tenantId;
        m.role = input.role() == null || input.role().isBlank() ? null : input.role().trim();
        m.access = input.access();
        m.addedAt = now;
        m.addedBy = by;
        m.updatedAt = now;
        return m;
    }

    public TeamMember toContract() {
        return new TeamMember(employeeId, role, access);
    }

    public static List<TeamMember> contract(List<SalesTeamMember> team) {
        return team.stream().map(SalesTeamMember::toContract).toList();
    }
}
