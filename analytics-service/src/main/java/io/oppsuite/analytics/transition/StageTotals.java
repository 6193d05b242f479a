package io.oppsuite.analytics.transition;

import java.math.BigDecimal;

/**
 * The sums of one stage, from the aggregate or from a filtered scan of stage facts.
 * Time in stage at {@code asOf} = closedMillis + openStays × asOf − openSinceMillisSum.
 */
public record StageTotals(String stageKey, long total, BigDecimal amount, BigDecimal closedMillis, long openStays,
                          BigDecimal openSinceMillisSum, long transitioned, long retained, long lost) {

    public BigDecimal timeMillisAsOf(long asOfMillis) {
        return closedMillis.add(BigDecimal.valueOf(openStays).multiply(BigDecimal.valueOf(asOfMillis))).subtract(openSinceMillisSum);
    }
}
