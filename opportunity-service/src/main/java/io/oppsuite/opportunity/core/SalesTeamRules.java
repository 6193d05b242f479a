package io.oppsuite.opportunity.core;

import io.oppsuite.common.problem.Problems;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a deal's sales team may hold, whichever path names it (create, import row, lead conversion,
 * the team endpoints): at most {@link #MAX_MEMBERS} people, each once, never the deal's owner (who
 * has every right already). Plain Java.
 */
public final class SalesTeamRules {

    public static final int MAX_MEMBERS = 50;

    private SalesTeamRules() {
    }

    /** 422 naming the first member the team cannot take. */
    public static void require(List<TeamMemberInput> team, String ownerId) {
        if (team == null) {
            return;
        }
        if (team.size() > MAX_MEMBERS) {
            throw tooMany();
        }
        Set<String> seen = new HashSet<>();
        for (TeamMemberInput member : team) {
            requireNotOwner(member.employeeId(), ownerId);
            if (!seen.add(member.employeeId())) {
                throw Problems.unprocessable("team-member-repeated", "Team member named twice",
                        member.employeeId() + " is named more than once in salesTeam", Map.of("employeeId", member.employeeId()));
            }
        }
    }

    public static void requireNotOwner(String employeeId, String ownerId) {
        if (employeeId.equals(ownerId)) {
            throw Problems.unprocessable("team-member-is-owner", "The owner is not a team member",
                    employeeId + " owns the opportunity and has every right on it already", Map.of("employeeId", employeeId));
        }
    }

    public static RuntimeException tooMany() {
        return Problems.unprocessable("sales-team-full", "Sales team full",
                "a sales team has at most " + MAX_MEMBERS + " members", Map.of("maxMembers", MAX_MEMBERS));
    }
}
