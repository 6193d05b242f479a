package io.oppsuite.opportunity.duplicate;

import io.oppsuite.opportunity.core.DuplicateMatch;
import java.time.Instant;
import java.util.List;

public record DuplicateRuleView(String id, String name, DuplicateMatch.Action action, DuplicateRule.AppliesTo appliesTo,
                                List<DuplicateMatcher> matchers, boolean active, Instant createdAt, long version) {
}
