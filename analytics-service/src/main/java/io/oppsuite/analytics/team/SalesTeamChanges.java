package io.oppsuite.analytics.team;

import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.common.contracts.OpportunityEvents.SalesTeamChanged;
import io.oppsuite.common.contracts.OpportunityEvents.TeamMember;
import io.oppsuite.common.contracts.OpportunityState;
import io.oppsuite.common.events.EventEnvelope;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Folds a run of opportunity events, in arrival order, into what each deal's team is after them: the
 * team of the last team event (a team event carries the whole team after its change, so it replaces
 * what came before), or gone once the deal is deleted. The same rule the write applies against what
 * is stored: a team event of an older opportunity version than the one applied changes nothing, a
 * deletion is final. Plain class: no I/O.
 */
public final class SalesTeamChanges {

    /** The events that change a team: the team event itself and the deletion of the deal. */
    public static final Set<String> TYPES = Set.of(OpportunityEvents.SALES_TEAM_CHANGED, OpportunityEvents.DELETED);

    /** The longest id a team row keeps (the columns' width): a longer one is poison, not a database error. */
    static final int MAX_ID = 64;

    /** A deal's team after the folded events: {@code members} by employee id (empty when {@code deleted}). */
    public record Team(String tenantId, String opportunityId, long version, boolean deleted, Map<String, String> members) {
    }

    private final Map<List<String>, Team> teams = new TreeMap<>(Comparator.<List<String>, String>comparing(k -> k.get(0))
            .thenComparing(k -> k.get(1)));

    /** Adds one event (of {@link #TYPES}; others are ignored); a malformed one is poison ({@link EventEnvelope#dataAs}). */
    public void add(EventEnvelope event) {
        if (OpportunityEvents.SALES_TEAM_CHANGED.equals(event.type())) {
            SalesTeamChanged changed = event.dataAs(SalesTeamChanged.class, SalesTeamChanges::complete,
                    "carries no opportunity id (at most " + MAX_ID + " characters) or a team member without employeeId or access");
            Map<String, String> members = new LinkedHashMap<>();
            changed.team().forEach(m -> members.put(m.employeeId(), m.access().name()));
            OpportunityState state = changed.opportunity();
            put(new Team(event.tenantId(), state.id(), state.version(), false, members));
        } else if (OpportunityEvents.DELETED.equals(event.type())) {
            OpportunityState state = event.dataAs("opportunity", OpportunityState.class, s -> validId(s.id()),
                    "carries no opportunity id (at most " + MAX_ID + " characters)");
            put(new Team(event.tenantId(), state.id(), state.version(), true, Map.of()));
        }
    }

    private void put(Team next) {
        teams.merge(List.of(next.tenantId(), next.opportunityId()), next, (held, arriving) ->
                held.deleted() ? held : arriving.deleted() || arriving.version() >= held.version() ? arriving : held);
    }

    /** The deals' teams in (tenant, opportunity) order: the order the write locks their rows in. */
    public List<Team> teams() {
        return new ArrayList<>(teams.values());
    }

    public int size() {
        return teams.size();
    }

    public boolean isEmpty() {
        return teams.isEmpty();
    }

    public void clear() {
        teams.clear();
    }

    private static boolean complete(SalesTeamChanged changed) {
        return changed.opportunity() != null && validId(changed.opportunity().id()) && changed.team() != null
                && changed.team().stream().allMatch(SalesTeamChanges::complete);
    }

    private static boolean complete(TeamMember member) {
        return member != null && validId(member.employeeId()) && member.access() != null;
    }

    private static boolean validId(String id) {
        return id != null && !id.isBlank() && id.length() <= MAX_ID;
    }
}
