package io.oppsuite.opportunity.core;

/**
 * An existing opportunity a candidate duplicates, and the rule that says so. In core because every
 * answer that returns a deal carries the WARN matches it was written despite ({@link OpportunityView}).
 */
public record DuplicateMatch(String id, String name, String ownerId, String ruleId, String ruleName, Action action) {

    /** What a duplicate rule does with a match: refuse the write (409) or only report it. */
    public enum Action { BLOCK, WARN }
}
