package io.oppsuite.holding.team;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.OpportunityEvents.TeamAccess;
import io.oppsuite.common.contracts.OpportunityEvents.TeamMember;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deals' sales teams (who may see or edit a deal besides its owner), kept from
 * {@code opportunity.sales-team-changed}. Only the reservation rule reads them: nothing here is
 * counted in a holding. Needs a session (the writers: the inbox's transaction).
 */
@ApplicationScoped
public class SalesTeams {

    @Inject
    ObjectMapper mapper;

    /**
     * Replaces the deal's team with {@code team} (the whole team after the change), in one
     * statement. Events of one deal arrive in order (key = opportunity id); a team change carrying
     * a version older than the projected deal's, or one for a deleted deal, changes nothing.
     */
    public Uni<Void> replace(String tenantId, String opportunityId, long opportunityVersion, List<TeamMember> team) {
        // one row per employee (the last mention wins): a repeated id would make the upsert touch a row twice
        Map<String, String> access = new LinkedHashMap<>();
        team.forEach(m -> access.put(m.employeeId(), m.access().name()));
        List<Map<String, String>> rows = access.entrySet().stream()
                .map(e -> Map.of("employee_id", e.getKey(), "access", e.getValue())).toList();
        String json;
        try {
            json = mapper.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        with stale as (select 1 from holding h where h.tenant_id = ?1 and h.opportunity_id = ?2
                                         and (h.deleted or h.opportunity_version > ?3)),
                             team as (select * from jsonb_to_recordset(cast(cast(?4 as text) as jsonb)) as t(employee_id text, access text)),
                             dropped as (delete from sales_team_member m where m.tenant_id = ?1 and m.opportunity_id = ?2
                                           and not exists (select 1 from stale)
                                           and not exists (select 1 from team t where t.employee_id = m.employee_id))
                        insert into sales_team_member (tenant_id, opportunity_id, employee_id, access)
                        select ?1, ?2, t.employee_id, t.access from team t where not exists (select 1 from stale)
                        on conflict (tenant_id, opportunity_id, employee_id) do update set access = excluded.access
                        where sales_team_member.access is distinct from excluded.access""")
                .setParameter(1, tenantId)
                .setParameter(2, opportunityId)
                .setParameter(3, opportunityVersion)
                .setParameter(4, json)
                .executeUpdate()).replaceWithVoid();
    }

    /** The deal is deleted: its team goes with it. */
    public Uni<Void> drop(String tenantId, String opportunityId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "delete from sales_team_member where tenant_id = ?1 and opportunity_id = ?2")
                .setParameter(1, tenantId)
                .setParameter(2, opportunityId)
                .executeUpdate()).replaceWithVoid();
    }

    /** The existing (projected, not deleted) deal with {@code employeeId}'s access on its team; null when there is no such deal. */
    public Uni<TeamDeal> deal(String tenantId, String opportunityId, String employeeId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        select h.owner_id, h.department_id, m.access from holding h
                        left join sales_team_member m on m.tenant_id = h.tenant_id and m.opportunity_id = h.opportunity_id
                                                     and m.employee_id = ?3
                        where h.tenant_id = ?1 and h.opportunity_id = ?2 and not h.deleted""", Object[].class)
                        .setParameter(1, tenantId)
                        .setParameter(2, opportunityId)
                        .setParameter(3, employeeId)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : new TeamDeal(opportunityId, (String) rows.get(0)[0], (String) rows.get(0)[1],
                        rows.get(0)[2] == null ? null : TeamAccess.valueOf((String) rows.get(0)[2])));
    }
}
