package io.oppsuite.holding.limit;

/** Where one rule stands for one scope: its limit, the count and what is left. */
public record RuleUsage(RuleSpec rule, ScopeKey scope, long limit, long current) {

    public long headroom() {
        return Math.max(0, limit - current);
    }
}
