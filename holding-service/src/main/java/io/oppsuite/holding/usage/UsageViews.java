package io.oppsuite.holding.usage;

import io.oppsuite.holding.reservation.ReservationView;

import io.oppsuite.holding.limit.RuleUsage;
import io.oppsuite.holding.limit.ScopeType;

import java.util.List;

public final class UsageViews {
    private UsageViews() {
    }

    /** One rule's standing in one scope. {@code scope} is EMPLOYEE, DEPARTMENT or USER_GROUP. */
    public record RuleUsageView(String ruleId, String ruleName, String scope, String scopeId, long limit, long current, long headroom) {
        static RuleUsageView of(RuleUsage u) {
            return new RuleUsageView(u.rule().id(), u.rule().name(), scopeName(u.scope().type()), u.scope().id(), u.limit(),
                    u.current(), u.headroom());
        }
    }

    /**
     * What a person, department or group holds now (live holdings and counting reservations that
     * meet the definition) and every rule binding it, smallest limit first.
     *
     * @param headroom how many more may be held before the tightest rule refuses; null when no rule applies
     */
    public record ScopeUsage(String scope, String scopeId, long held, List<String> opportunityIds, List<RuleUsageView> rules, Long headroom) {
    }

    /**
     * What an employee's count is made of.
     *
     * @param holdings     ids of the opportunities they hold that meet the holding definition
     * @param reservations their reservations that count now
     */
    public record Breakdown(String employeeId, List<String> holdings, List<ReservationView> reservations) {
    }

    static String scopeName(ScopeType type) {
        return type == ScopeType.EMPLOYEES ? "EMPLOYEE" : type.name();
    }
}
