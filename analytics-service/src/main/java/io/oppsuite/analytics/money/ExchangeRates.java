package io.oppsuite.analytics.money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A tenant's corporate currency and dated exchange rates (Salesforce's DatedConversionRate model): a
 * rate says 1 unit of its currency = {@code rate} units of the corporate currency from its start date
 * until the next rate of that currency starts. The rate effective on a date is the one with the latest
 * start date on or before it; before a currency's first rate there is none (the amount stays
 * unconverted). The corporate currency converts to itself at 1.
 */
public final class ExchangeRates {

    /** A tenant without a corporate currency: nothing converts. */
    public static final ExchangeRates NONE = new ExchangeRates(null, List.of());

    public record DatedRate(String currency, BigDecimal rate, LocalDate startDate) {
    }

    private final String corporateCurrency;
    private final Map<String, NavigableMap<LocalDate, BigDecimal>> byCurrency = new HashMap<>();

    public ExchangeRates(String corporateCurrency, List<DatedRate> rates) {
        this.corporateCurrency = corporateCurrency;
        for (DatedRate r : rates) {
            byCurrency.computeIfAbsent(r.currency(), c -> new TreeMap<>()).put(r.startDate(), r.rate());
        }
    }

    /** The corporate currency, or null when the tenant has not set one. */
    public String corporateCurrency() {
        return corporateCurrency;
    }

    /**
     * The rate effective on {@code date}: units of the corporate currency per unit of {@code currency};
     * empty when no corporate currency is set, or the currency has no rate starting on or before the date.
     */
    public Optional<BigDecimal> rate(String currency, LocalDate date) {
        if (corporateCurrency == null) {
            return Optional.empty();
        }
        if (corporateCurrency.equals(currency)) {
            return Optional.of(BigDecimal.ONE);
        }
        NavigableMap<LocalDate, BigDecimal> dated = byCurrency.get(currency);
        Map.Entry<LocalDate, BigDecimal> effective = dated == null ? null : dated.floorEntry(date);
        return effective == null ? Optional.empty() : Optional.of(effective.getValue());
    }
}
