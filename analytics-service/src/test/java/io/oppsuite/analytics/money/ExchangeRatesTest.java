package io.oppsuite.analytics.money;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The rate-selection rule (dated exchange rates) and the conversion of a group's amounts: the rate effective on a
 * date is the latest one starting on or before it; none before the first; the corporate currency converts at 1;
 * amounts without a rate are listed as unconverted and never summed; amounts round half up once, from the exact sum.
 */
class ExchangeRatesTest {

    static final LocalDate D = LocalDate.parse("2026-03-15");
    static final ExchangeRates RATES = new ExchangeRates("EUR", List.of(
            new ExchangeRates.DatedRate("JPY", new BigDecimal("0.0060"), LocalDate.parse("2024-01-01")),
            new ExchangeRates.DatedRate("JPY", new BigDecimal("0.0061"), LocalDate.parse("2026-03-15")),
            new ExchangeRates.DatedRate("JPY", new BigDecimal("0.0100"), LocalDate.parse("2026-03-16")),
            new ExchangeRates.DatedRate("USD", new BigDecimal("0.92"), LocalDate.parse("2025-01-01"))));

    @Test
    void theRateEffectiveOnADateIsTheLatestStartingOnOrBeforeIt() {
        assertEquals(Optional.of(new BigDecimal("0.0061")), RATES.rate("JPY", D), "a rate applies from its start date");
        assertEquals(Optional.of(new BigDecimal("0.0060")), RATES.rate("JPY", D.minusDays(1)), "until the next rate starts");
        assertEquals(Optional.of(new BigDecimal("0.0100")), RATES.rate("JPY", LocalDate.parse("9999-12-31")));
        assertEquals(Optional.empty(), RATES.rate("JPY", LocalDate.parse("2023-12-31")), "before the first rate there is none");
        assertEquals(Optional.empty(), RATES.rate("GBP", D), "a currency without rates");
        assertEquals(Optional.of(BigDecimal.ONE), RATES.rate("EUR", LocalDate.parse("0001-01-01")), "the corporate currency is 1");
        assertEquals(Optional.empty(), ExchangeRates.NONE.rate("EUR", D), "no corporate currency: nothing converts");
    }

    @Test
    void amountsConvertPerCurrencyAndThoseWithoutARateAreListedNotSummed() {
        MoneyTotals totals = MoneyTotals.of(List.of(
                new AmountRow("q", "JPY", null, 1, new BigDecimal("1000000"), new BigDecimal("500000")),
                new AmountRow("q", "EUR", null, 1, new BigDecimal("1040"), new BigDecimal("520")),
                new AmountRow("q", "GBP", null, 2, new BigDecimal("10"), new BigDecimal("5"))), RATES, D);
        assertEquals(List.of("EUR", "GBP", "JPY"), totals.perCurrency().stream().map(MoneyTotals.PerCurrency::currency).toList());
        assertEquals(new BigDecimal("7140.00"), totals.convertedAmount(), "1,000,000 × 0.0061 + 1,040");
        assertEquals(new BigDecimal("3570.00"), totals.convertedWeightedAmount());
        assertEquals(List.of("GBP"), totals.unconverted());
        assertNull(totals.singleCurrencyValue(totals.convertedAmount(), new BigDecimal("1001050.00")),
                "a currency did not convert: no single-currency total");
        assertEquals(new BigDecimal("3570.00"), totals.convertedAverage(), "7140 over the 2 deals that converted");
    }

    @Test
    void aDatedAmountConvertsAtItsOwnDateAndTheResultIsRoundedOnceHalfUp() {
        MoneyTotals won = MoneyTotals.of(List.of(
                new AmountRow(null, "JPY", LocalDate.parse("2024-06-15"), 1, new BigDecimal("2000000")),
                new AmountRow(null, "JPY", LocalDate.parse("2026-03-20"), 1, new BigDecimal("1000")),
                new AmountRow(null, "JPY", LocalDate.parse("2020-01-01"), 1, new BigDecimal("5"))), RATES, D);
        assertEquals(new BigDecimal("12010.00"), won.convertedAmount(), "2,000,000 × 0.0060 + 1,000 × 0.0100; 2020 has no rate");
        assertEquals(List.of("JPY"), won.unconverted(), "the 2020 amount stayed unconverted");
        assertEquals(new BigDecimal("6005.00"), won.convertedAverage());

        MoneyTotals small = MoneyTotals.of(List.of(new AmountRow("q", "JPY", null, 1, new BigDecimal("0.5")),
                new AmountRow("q", "EUR", null, 1, new BigDecimal("0.004"))), RATES, D);
        // 0.5 × 0.0061 + 0.004 = 0.00705 → 0.01 (rounding each first would give 0.00 + 0.00)
        assertEquals(new BigDecimal("0.01"), small.convertedAmount());
    }

    @Test
    void withoutACorporateCurrencyOneCurrencyKeepsItsPlainSumAndSeveralHaveNone() {
        MoneyTotals one = MoneyTotals.of(List.of(new AmountRow("q", "EUR", null, 1, new BigDecimal("10.005"))), ExchangeRates.NONE, D);
        assertNull(one.convertedAmount());
        assertEquals(List.of("EUR"), one.unconverted());
        assertEquals(new BigDecimal("10.01"), one.singleCurrencyValue(one.convertedAmount(), MoneyTotals.money(new BigDecimal("10.005"))));
        MoneyTotals two = MoneyTotals.of(List.of(new AmountRow("q", "EUR", null, 1, BigDecimal.TEN),
                new AmountRow("q", "JPY", null, 1, BigDecimal.TEN)), ExchangeRates.NONE, D);
        assertNull(two.singleCurrencyValue(two.convertedAmount(), new BigDecimal("20.00")), "a sum across currencies means nothing");
        MoneyTotals none = MoneyTotals.of(List.of(), RATES, D);
        assertEquals(new BigDecimal("0.00"), none.singleCurrencyValue(none.convertedAmount(), new BigDecimal("0.00")));
    }
}
