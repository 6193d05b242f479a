package io.oppsuite.holding.rule;

import io.oppsuite.common.contracts.SalesProcessSnapshot.FieldCondition;
import io.oppsuite.holding.limit.ScopeType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A holding rule as an admin writes it.
 *
 * @param scope                 EMPLOYEES (each employee matching {@code employeeConditions}, on their own),
 *                              DEPARTMENT or USER_GROUP ({@code scopeId}'s members together)
 * @param limit                 a fixed limit, or
 * @param limitField            the employee numeric attribute holding each person's limit (e.g. {@code quota})
 * @param opportunityConditions further conditions an opportunity must meet to count for this rule
 */
public record RuleRequest(@NotBlank @Size(max = 200) String name,
                          @NotNull ScopeType scope,
                          @Pattern(regexp = "[A-Za-z0-9._:@-]{1,120}") String scopeId,
                          @Size(max = 20) List<@Valid FieldCondition> employeeConditions,
                          @PositiveOrZero @Max(1_000_000) Long limit,
                          @Pattern(regexp = "[A-Za-z][A-Za-z0-9_]{0,59}") String limitField,
                          @Size(max = 20) List<@Valid FieldCondition> opportunityConditions) {
}
