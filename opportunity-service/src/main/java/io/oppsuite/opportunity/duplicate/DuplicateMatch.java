package io.oppsuite.opportunity.duplicate;

/** An existing opportunity a candidate duplicates, and the rule that says so. */
public record DuplicateMatch(String id, String name, String ownerId, String ruleId, String ruleName, DuplicateRule.Action action) {
}
