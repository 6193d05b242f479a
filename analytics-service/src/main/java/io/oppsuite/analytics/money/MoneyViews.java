package io.oppsuite.analytics.money;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Request and answer bodies of the currency settings and exchange rates. */
public final class MoneyViews {

    /** ISO 4217: three upper-case letters. */
    public static final String CURRENCY_PATTERN = "[A-Z]{3}";
    public static final String CURRENCY_MESSAGE = "must be an ISO 4217 code such as EUR";

    private MoneyViews() {
    }

    public record CurrencySettingsRequest(
            @NotNull @Pattern(regexp = CURRENCY_PATTERN, message = CURRENCY_MESSAGE)
            @Schema(description = "ISO 4217 code (three upper-case letters) reports convert into", examples = "EUR") String corporateCurrency) {
    }

    @Schema(description = "The tenant's corporate currency; version 0 and corporateCurrency null until it is set")
    public record CurrencySettingsView(@Schema(nullable = true) String corporateCurrency, long version) {
    }

    public record ExchangeRateRequest(
            @NotNull @Pattern(regexp = CURRENCY_PATTERN, message = CURRENCY_MESSAGE)
            @Schema(description = "ISO 4217 code of the currency the rate converts from", examples = "JPY") String currency,
            @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0")
            @Schema(description = "Units of the corporate currency per unit of currency: > 0, at most 12 digits before and 12 after "
                    + "the decimal point, e.g. 0.0061") BigDecimal rate,
            @NotNull @Schema(description = "The first day the rate applies (years 1-9999); it applies until the next rate of the "
                    + "currency starts", examples = "2026-01-01") LocalDate startDate) {
    }

    @Schema(description = "A dated exchange rate: 1 unit of currency = rate units of the corporate currency from startDate "
            + "until the next rate of the currency starts")
    public record ExchangeRateView(String id, String currency, BigDecimal rate, LocalDate startDate, long version) {
        static ExchangeRateView of(ExchangeRate r) {
            return new ExchangeRateView(r.id.toString(), r.currency, r.rate.stripTrailingZeros().scale() < 0
                    ? r.rate.setScale(0) : r.rate.stripTrailingZeros(), r.startDate, r.version);
        }
    }
}
