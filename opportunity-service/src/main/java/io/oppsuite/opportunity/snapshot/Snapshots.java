package io.oppsuite.opportunity.snapshot;

import io.oppsuite.common.tenancy.Caller;
import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.opportunity.core.Opportunity;
import io.oppsuite.opportunity.core.SalesTeamMember;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Pages of the tenant's opportunities in id order, as the events carry them. */
@ApplicationScoped
public class Snapshots {

    /** The {@code limit} opportunities after {@code after} (null: from the first). */
    @WithSession
    public Uni<SnapshotResource.SnapshotPage> page(Caller caller, UUID after, int limit) {
        var query = after == null
                ? Opportunity.<Opportunity>find("tenantId = ?1 order by id", caller.tenantId())
                : Opportunity.<Opportunity>find("tenantId = ?1 and id > ?2 order by id", caller.tenantId(), after);
        // one row more than asked says whether another page follows
        return query.page(Page.ofSize(limit + 1)).list().chain(rows -> {
            List<Opportunity> page = rows.size() > limit ? rows.subList(0, limit) : rows;
            String next = rows.size() > limit ? page.get(page.size() - 1).id.toString() : null;
            return teams(caller.tenantId(), page).map(teams -> new SnapshotResource.SnapshotPage(
                    page.stream().map(Opportunity::toState).toList(), next, teams));
        });
    }

    /** The page's teams in one query, members in the order they joined. */
    private static Uni<Map<String, List<OpportunityEvents.TeamMember>>> teams(String tenantId, List<Opportunity> page) {
        if (page.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<UUID> ids = page.stream().map(o -> o.id).toList();
        return SalesTeamMember.<SalesTeamMember>list("tenantId = ?1 and opportunityId in ?2 order by opportunityId, addedAt, employeeId",
                tenantId, ids).map(members -> {
                    Map<String, List<OpportunityEvents.TeamMember>> teams = new LinkedHashMap<>();
                    for (SalesTeamMember m : members) {
                        teams.computeIfAbsent(m.opportunityId.toString(), k -> new ArrayList<>()).add(m.toContract());
                    }
                    return teams;
                });
    }
}
