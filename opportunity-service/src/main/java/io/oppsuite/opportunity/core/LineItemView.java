package io.oppsuite.opportunity.core;

import java.math.BigDecimal;

public record LineItemView(String id, String productId, String productName, String productLine, BigDecimal quantity,
                           BigDecimal unitPrice, BigDecimal discountPercent, BigDecimal amount, String currency) {
    /** {@code currency}: the deal's; a line item has no currency of its own. */
    public static LineItemView of(LineItem li, String currency) {
        return new LineItemView(li.id.toString(), li.productId, li.productName, li.productLine, li.quantity, li.unitPrice,
                li.discountPercent, li.amount, currency);
    }
}
