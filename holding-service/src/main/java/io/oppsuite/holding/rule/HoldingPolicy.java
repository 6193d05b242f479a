package io.oppsuite.holding.rule;

import io.oppsuite.common.contracts.SalesProcessSnapshot.FieldCondition;
import io.oppsuite.holding.limit.HoldingLimits;
import io.oppsuite.holding.limit.RuleSpec;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** A tenant's definition and rules as the limit arithmetic takes them. Needs a session. */
@ApplicationScoped
public class HoldingPolicy {

    public Uni<List<FieldCondition>> definition(String tenantId) {
        return HoldingDefinition.<HoldingDefinition>findById(tenantId)
                .map(d -> d == null ? HoldingLimits.DEFAULT_DEFINITION : ConditionJson.read(d.conditions));
    }

    public Uni<List<RuleSpec>> rules(String tenantId) {
        return HoldingRule.ofTenant(tenantId).map(rules -> rules.stream().map(HoldingPolicy::spec).toList());
    }

    static RuleSpec spec(HoldingRule r) {
        return new RuleSpec(r.id.toString(), r.name, r.scope, r.scopeId, ConditionJson.read(r.employeeConditions), r.limit,
                r.limitField, ConditionJson.read(r.opportunityConditions));
    }
}
