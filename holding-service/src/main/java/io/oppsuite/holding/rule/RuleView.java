package io.oppsuite.holding.rule;

import io.oppsuite.common.contracts.SalesProcessSnapshot.FieldCondition;
import io.oppsuite.holding.limit.ScopeType;

import java.time.Instant;
import java.util.List;

/** A holding rule as the API answers it and as holding-rule.changed carries it. */
public record RuleView(String id, String name, ScopeType scope, String scopeId, List<FieldCondition> employeeConditions,
                       Long limit, String limitField, List<FieldCondition> opportunityConditions, Instant createdAt, long version) {

    static RuleView of(HoldingRule r) {
        return new RuleView(r.id.toString(), r.name, r.scope, r.scopeId, ConditionJson.read(r.employeeConditions), r.limit,
                r.limitField, ConditionJson.read(r.opportunityConditions), r.createdAt, r.version);
    }

    /** Data of holding-rule.changed (key = rule id): the rule after the change, or null with deleted=true. */
    public record Changed(String id, boolean deleted, RuleView rule) {
    }
}
