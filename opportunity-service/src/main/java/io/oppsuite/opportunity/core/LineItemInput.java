package io.oppsuite.opportunity.core;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/**
 * A line item as the client sends it; the amount is always computed by the server. A line item is
 * in its deal's currency: {@code currency} may repeat it, never name another.
 */
public record LineItemInput(@Size(max = 64) String productId,
                            @NotBlank @Size(max = 200) String productName,
                            @Size(max = 100) String productLine,
                            @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 15, fraction = 4) BigDecimal quantity,
                            @NotNull @DecimalMin("0") @Digits(integer = 17, fraction = 2) BigDecimal unitPrice,
                            @DecimalMin("0") @DecimalMax("100") BigDecimal discountPercent,
                            @jakarta.validation.constraints.Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {

    public LineItemInput(String productId, String productName, String productLine, BigDecimal quantity, BigDecimal unitPrice,
                         BigDecimal discountPercent) {
        this(productId, productName, productLine, quantity, unitPrice, discountPercent, null);
    }
}
