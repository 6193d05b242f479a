package io.oppsuite.analytics.transition;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one JSON form of every amount the API answers: a number with exactly two decimals
 * ({@code 1000.00}, {@code 0.00}), rounded half up from the exact sum, whichever path computed it
 * (aggregates, facts, a recount, a rebuild).
 */
public final class Amounts {

    private Amounts() {
    }

    public static BigDecimal of(BigDecimal exact) {
        return exact == null ? null : exact.setScale(2, RoundingMode.HALF_UP);
    }
}
