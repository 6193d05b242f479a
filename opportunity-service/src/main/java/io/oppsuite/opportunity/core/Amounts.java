package io.oppsuite.opportunity.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** Line item arithmetic: amount = quantity × unit price × (1 − discount/100), rounded to cents. */
public final class Amounts {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Amounts() {
    }

    public static BigDecimal lineAmount(BigDecimal quantity, BigDecimal unitPrice, BigDecimal discountPercent) {
        BigDecimal discount = discountPercent == null ? BigDecimal.ZERO : discountPercent;
        return quantity.multiply(unitPrice)
                .multiply(HUNDRED.subtract(discount)).divide(HUNDRED, 2, RoundingMode.HALF_UP);
    }

    public static BigDecimal total(List<LineItemInput> items) {
        return items.stream().map(i -> lineAmount(i.quantity(), i.unitPrice(), i.discountPercent()))
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
    }
}
