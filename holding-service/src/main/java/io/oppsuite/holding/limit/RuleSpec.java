package io.oppsuite.holding.limit;

import io.oppsuite.common.contracts.SalesProcessSnapshot.FieldCondition;

import java.util.List;

/**
 * A holding rule as the limit arithmetic sees it.
 *
 * @param limit      a fixed limit, or null when {@code limitField} names the employee attribute holding it
 * @param limitField an employee numeric attribute (e.g. {@code quota}): a limit that varies per person
 */
public record RuleSpec(String id, String name, ScopeType scope, String scopeId,
                       List<FieldCondition> employeeConditions, Long limit, String limitField,
                       List<FieldCondition> opportunityConditions) {

    public RuleSpec {
        employeeConditions = employeeConditions == null ? List.of() : List.copyOf(employeeConditions);
        opportunityConditions = opportunityConditions == null ? List.of() : List.copyOf(opportunityConditions);
    }
}
