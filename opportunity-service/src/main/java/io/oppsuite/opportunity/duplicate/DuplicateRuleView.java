package io.oppsuite.opportunity.duplicate;

import java.time.Instant;
import java.util.List;

public record DuplicateRuleView(String id, String name, DuplicateRule.Action action, DuplicateRule.AppliesTo appliesTo,
                                List<DuplicateMatcher> matchers, boolean active, Instant createdAt, long version) {
}
