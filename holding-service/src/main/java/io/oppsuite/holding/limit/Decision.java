package io.oppsuite.holding.limit;

/**
 * The answer to "may this owner hold this opportunity too?".
 *
 * @param counts  whether the opportunity meets the holding definition at all
 * @param refusal the binding rule that has no headroom, or null when granted
 */
public record Decision(boolean counts, RuleUsage refusal) {

    public boolean granted() {
        return refusal == null;
    }
}
