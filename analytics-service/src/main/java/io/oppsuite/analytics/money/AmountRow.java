package io.oppsuite.analytics.money;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Amounts of one group in one currency, as read from the projection.
 *
 * @param key           the group (stage key, pipeline group key; null where there is one group)
 * @param rateDate      the day whose rate converts these amounts (a Won amount: its won day); null: the report's date
 * @param weightedAmount Σ amount × win rate / 100 (the weighted pipeline), else zero
 */
public record AmountRow(String key, String currency, LocalDate rateDate, long opportunities, BigDecimal amount,
                        BigDecimal weightedAmount) {

    public AmountRow(String key, String currency, LocalDate rateDate, long opportunities, BigDecimal amount) {
        this(key, currency, rateDate, opportunities, amount, BigDecimal.ZERO);
    }
}
