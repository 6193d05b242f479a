package io.oppsuite.opportunity.duplicate;

import io.oppsuite.opportunity.core.DuplicateMatch;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** A duplicate rule as an admin writes it: matchers ANDed. */
public record DuplicateRuleRequest(@NotBlank @Size(max = 200) String name,
                                   @NotNull DuplicateMatch.Action action,
                                   DuplicateRule.AppliesTo appliesTo,
                                   @NotEmpty @Size(max = 5) List<@Valid @NotNull DuplicateMatcher> matchers,
                                   Boolean active) {
}
