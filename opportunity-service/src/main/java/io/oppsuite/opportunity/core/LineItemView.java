package io.oppsuite.opportunity.core;

import java.math.BigDecimal;

public record LineItemView(String id, String productId, String productName, String productLine, BigDecimal quantity,
                           BigDecimal unitPrice, BigDecimal discountPercent, BigDecimal amount) {
    public static LineItemView of(LineItem li) {
        return new LineItemView(li.id.toString(), li.productId, li.productName, li.productLine, li.quantity, li.unitPrice,
                li.discountPercent, li.amount);
    }
}
