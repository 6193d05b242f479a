package io.oppsuite.analytics.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The amounts of one group (a stage, the won deals, a pipeline group) per currency, and their total
 * converted into the corporate currency: each amount at the rate effective on its rate date (the report
 * date, or a Won amount's won day). An amount without an effective rate is never converted nor summed
 * into another currency: its currency is listed as unconverted. Sums are exact; every amount answered
 * has two decimals, rounded half up once, from the exact sum.
 */
public final class MoneyTotals {

    /** One currency's sums, exact. */
    public record PerCurrency(String currency, long opportunities, BigDecimal amount, BigDecimal weightedAmount) {
    }

    private final Map<String, long[]> counts = new TreeMap<>();
    private final Map<String, BigDecimal[]> sums = new TreeMap<>();
    private final Set<String> unconverted = new TreeSet<>();
    private final boolean converting;
    private long convertedOpportunities;
    private BigDecimal convertedAmount = BigDecimal.ZERO;
    private BigDecimal convertedWeighted = BigDecimal.ZERO;

    private MoneyTotals(boolean converting) {
        this.converting = converting;
    }

    /** Sums {@code rows} (all of one group) and converts them with {@code rates}, undated ones at {@code reportDate}'s rate. */
    public static MoneyTotals of(List<AmountRow> rows, ExchangeRates rates, LocalDate reportDate) {
        MoneyTotals totals = new MoneyTotals(rates.corporateCurrency() != null);
        for (AmountRow r : rows) {
            totals.add(r, rates, reportDate);
        }
        return totals;
    }

    private void add(AmountRow r, ExchangeRates rates, LocalDate reportDate) {
        if (r.opportunities() == 0 && r.amount().signum() == 0 && r.weightedAmount().signum() == 0) {
            return;
        }
        counts.computeIfAbsent(r.currency(), c -> new long[1])[0] += r.opportunities();
        BigDecimal[] s = sums.computeIfAbsent(r.currency(), c -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
        s[0] = s[0].add(r.amount());
        s[1] = s[1].add(r.weightedAmount());
        rates.rate(r.currency(), r.rateDate() == null ? reportDate : r.rateDate()).ifPresentOrElse(rate -> {
            convertedOpportunities += r.opportunities();
            convertedAmount = convertedAmount.add(r.amount().multiply(rate));
            convertedWeighted = convertedWeighted.add(r.weightedAmount().multiply(rate));
        }, () -> unconverted.add(r.currency()));
    }

    /** Per currency, by currency code, exact. */
    public List<PerCurrency> perCurrency() {
        List<PerCurrency> list = new ArrayList<>();
        counts.forEach((currency, n) -> list.add(new PerCurrency(currency, n[0], sums.get(currency)[0], sums.get(currency)[1])));
        return list;
    }

    /** Currencies some amount of which had no effective rate (every currency when no corporate currency is set). */
    public List<String> unconverted() {
        return List.copyOf(unconverted);
    }

    /** The converted total in the corporate currency (two decimals); null when no corporate currency is set. */
    public BigDecimal convertedAmount() {
        return converting ? money(convertedAmount) : null;
    }

    public BigDecimal convertedWeightedAmount() {
        return converting ? money(convertedWeighted) : null;
    }

    /** The converted total / the deals it converted (two decimals); null without a corporate currency or a converted deal. */
    public BigDecimal convertedAverage() {
        return !converting || convertedOpportunities == 0 ? null
                : convertedAmount.divide(BigDecimal.valueOf(convertedOpportunities), 2, RoundingMode.HALF_UP);
    }

    /**
     * What a single-currency field ({@code totalAmount}, {@code amount}, {@code weightedAmount},
     * {@code averageDealSize}) answers: with a corporate currency, the converted value when every amount
     * converted, else null; without one, {@code plain} (the sum as it always was) when the amounts are in at
     * most one currency, else null (a sum across currencies means nothing).
     *
     * @param converted the converted value of this field
     * @param plain     the field's plain (unconverted) value
     */
    public BigDecimal singleCurrencyValue(BigDecimal converted, BigDecimal plain) {
        if (converting) {
            return unconverted.isEmpty() ? converted : null;
        }
        return counts.size() <= 1 ? plain : null;
    }

    /** Two decimals, half up. */
    public static BigDecimal money(BigDecimal exact) {
        return exact == null ? null : exact.setScale(2, RoundingMode.HALF_UP);
    }
}
