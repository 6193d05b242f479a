package io.oppsuite.opportunity.team;

import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.common.contracts.OpportunityEvents.TeamChange;
import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.web.Preconditions;
import io.oppsuite.opportunity.core.Opportunities;
import io.oppsuite.opportunity.core.Opportunity;
import io.oppsuite.opportunity.core.OpportunityPublisher;
import io.oppsuite.opportunity.core.SalesTeamMember;
import io.oppsuite.opportunity.core.SalesTeamRules;
import io.oppsuite.opportunity.core.TeamMemberInput;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A deal's sales team: read by whoever may see the deal, managed at the owner's level (owner, their
 * manager, admin) with the deal's row locked, so changes to one team take turns and each
 * opportunity.sales-team-changed carries the team as it then is. Each entry point opens its session
 * or transaction.
 */
@ApplicationScoped
public class SalesTeamService {

    @Inject
    Opportunities opportunities;

    @Inject
    OpportunityPublisher publisher;

    @WithSession
    public Uni<List<SalesTeamMember>> team(Caller caller, UUID id) {
        return opportunities.visible(caller, id).chain(o -> SalesTeamMember.of(o.tenantId, o.id));
    }

    @WithSession
    public Uni<SalesTeamMember> member(Caller caller, UUID id, String employeeId) {
        return opportunities.visible(caller, id).chain(o -> SalesTeamMember.find(o.tenantId, o.id, employeeId)).map(m -> {
            if (m == null) {
                throw notOnTeam(id, employeeId);
            }
            return m;
        });
    }

    /** Adds a member; 409 when they are on the team already (change them with {@link #change}). */
    @WithTransaction
    public Uni<SalesTeamMember> add(Caller caller, UUID id, TeamMemberInput input) {
        return opportunities.ownedForUpdate(caller, id).chain(o -> SalesTeamMember.of(o.tenantId, o.id).chain(team -> {
            SalesTeamRules.requireNotOwner(input.employeeId(), o.ownerId);
            if (team.stream().anyMatch(m -> m.employeeId.equals(input.employeeId()))) {
                throw Problems.conflict("team-member-exists", "Already on the sales team",
                        input.employeeId() + " is on the sales team of opportunity " + id + "; change them with PUT",
                        Map.of("employeeId", input.employeeId()));
            }
            if (team.size() >= SalesTeamRules.MAX_MEMBERS) {
                throw SalesTeamRules.tooMany();
            }
            SalesTeamMember member = SalesTeamMember.joining(o, input, caller.employeeId(), now());
            List<SalesTeamMember> after = new ArrayList<>(team);
            after.add(member);
            return member.<SalesTeamMember>persist().call(m -> changed(caller, o, after, TeamChange.ADDED, m));
        }));
    }

    /** A member's role or access, guarded by If-Match on the member's version. */
    @WithTransaction
    public Uni<SalesTeamMember> change(Caller caller, UUID id, String employeeId, Long expectedVersion, String role,
                                       OpportunityEvents.TeamAccess access) {
        return opportunities.ownedForUpdate(caller, id).chain(o -> onTeam(o, employeeId).chain(member -> {
            Preconditions.requireVersion(employeeId, expectedVersion, member.version);
            String newRole = role == null || role.isBlank() ? null : role.trim();
            if (java.util.Objects.equals(newRole, member.role) && access == member.access) {
                return Uni.createFrom().item(member);
            }
            member.role = newRole;
            member.access = access;
            member.updatedAt = now();
            return member.<SalesTeamMember>persistAndFlush().call(m -> SalesTeamMember.of(o.tenantId, o.id)
                    .chain(after -> changed(caller, o, after, TeamChange.UPDATED, m)));
        }));
    }

    /** Removes a member: their access ends with this transaction. */
    @WithTransaction
    public Uni<Void> remove(Caller caller, UUID id, String employeeId, Long expectedVersion) {
        return opportunities.ownedForUpdate(caller, id).chain(o -> onTeam(o, employeeId).chain(member -> {
            Preconditions.requireVersion(employeeId, expectedVersion, member.version);
            return member.delete().chain(() -> SalesTeamMember.of(o.tenantId, o.id))
                    .chain(after -> changed(caller, o, after.stream().filter(m -> !m.employeeId.equals(employeeId)).toList(),
                            TeamChange.REMOVED, member));
        }));
    }

    private Uni<SalesTeamMember> onTeam(Opportunity o, String employeeId) {
        return SalesTeamMember.find(o.tenantId, o.id, employeeId).map(m -> {
            if (m == null) {
                throw notOnTeam(o.id, employeeId);
            }
            return m;
        });
    }

    private Uni<Void> changed(Caller caller, Opportunity o, List<SalesTeamMember> after, TeamChange change, SalesTeamMember member) {
        return publisher.emit(o, OpportunityEvents.SALES_TEAM_CHANGED, new OpportunityEvents.SalesTeamChanged(o.toState(),
                SalesTeamMember.contract(after), change, member.toContract(), caller.employeeId()));
    }

    private static RuntimeException notOnTeam(UUID id, String employeeId) {
        return Problems.notFound("Sales team member", id + "/" + employeeId);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
