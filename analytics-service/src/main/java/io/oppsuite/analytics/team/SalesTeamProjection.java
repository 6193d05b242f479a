package io.oppsuite.analytics.team;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oppsuite.common.events.EventEnvelope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Keeps each deal's sales team ({@code sales_team}, {@code sales_team_member}) from
 * {@code opportunity.sales-team-changed} (the whole team after the change replaces what is held) and
 * {@code opportunity.deleted} (the team goes, for good). One statement per consumer poll, inside the
 * inbox's transaction, so a redelivered event (already recorded by the inbox) changes nothing twice, and
 * a team event older than the one applied (a lower opportunity version) changes nothing at all.
 * Not derived from the stored event log: a tenant rebuild leaves it as it is.
 */
@ApplicationScoped
public class SalesTeamProjection {

    /**
     * Applies a batch of folded teams. The deal's {@code sales_team} row is the gate (and the row lock that
     * serialises two writers of one deal): it moves only to a team of the same or a newer version, never off a
     * deletion. The members of the deals it moved are then replaced: those no longer on the team deleted,
     * the rest upserted (one statement sees one snapshot, so a delete-then-insert of the same key would collide).
     * No ':' in the SQL (Hibernate would read it as a named parameter).
     */
    static final String WRITE_SQL = """
            with input as (
                select * from jsonb_to_recordset(cast(cast(?1 as text) as jsonb)) as i(t text, o text, v bigint, d boolean, m jsonb)),
            applied as (
                insert into sales_team (tenant_id, opportunity_id, opportunity_version, deleted)
                select i.t, i.o, i.v, i.d from input i order by i.t, i.o
                on conflict (tenant_id, opportunity_id) do update
                    set opportunity_version = excluded.opportunity_version, deleted = excluded.deleted
                    where not sales_team.deleted
                        and (excluded.deleted or excluded.opportunity_version >= sales_team.opportunity_version)
                returning tenant_id, opportunity_id, deleted),
            members as (
                select a.tenant_id as t, a.opportunity_id as o, m.e, m.a
                from applied a join input i on i.t = a.tenant_id and i.o = a.opportunity_id
                    cross join lateral jsonb_to_recordset(i.m) as m(e text, a text)
                where not a.deleted),
            gone as (
                delete from sales_team_member s where s.ctid = any(array(
                    select x.ctid from applied a cross join lateral (
                        select g.ctid from sales_team_member g
                        where g.tenant_id = a.tenant_id and g.opportunity_id = a.opportunity_id
                            and not exists (select 1 from members n where n.t = g.tenant_id and n.o = g.opportunity_id and n.e = g.employee_id)
                        offset 0) x))
                returning 1)
            insert into sales_team_member (tenant_id, opportunity_id, employee_id, access)
            select n.t, n.o, n.e, n.a from members n order by n.t, n.o, n.e
            on conflict (tenant_id, opportunity_id, employee_id) do update set access = excluded.access
                where sales_team_member.access is distinct from excluded.access""";

    @Inject
    ObjectMapper mapper;

    public boolean projects(String eventType) {
        return SalesTeamChanges.TYPES.contains(eventType);
    }

    /** Must run inside the consumer's transaction (the Panache session's). */
    public Uni<Void> applyAll(List<EventEnvelope> events) {
        SalesTeamChanges changes = new SalesTeamChanges();
        events.stream().filter(e -> projects(e.type())).forEach(changes::add);
        return write(changes);
    }

    /**
     * Writes folded teams: the consumer's batch, or the operator's bootstrap from the topics. Must run inside a
     * transaction (the Panache session's).
     */
    public Uni<Void> write(SalesTeamChanges changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String input = input(changes);
        return Panache.getSession().chain(session -> session.createNativeQuery(WRITE_SQL).setParameter(1, input).executeUpdate())
                .replaceWithVoid();
    }

    private String input(SalesTeamChanges changes) {
        ArrayNode rows = mapper.createArrayNode();
        for (SalesTeamChanges.Team team : changes.teams()) {
            ObjectNode row = rows.addObject().put("t", team.tenantId()).put("o", team.opportunityId()).put("v", team.version())
                    .put("d", team.deleted());
            ArrayNode members = row.putArray("m");
            team.members().forEach((employee, access) -> members.addObject().put("e", employee).put("a", access));
        }
        return rows.toString();
    }
}
