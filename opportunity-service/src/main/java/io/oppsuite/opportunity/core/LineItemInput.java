package io.oppsuite.opportunity.core;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** A line item as the client sends it; the amount is always computed by the server. */
public record LineItemInput(@Size(max = 64) String productId,
                            @NotBlank @Size(max = 200) String productName,
                            @Size(max = 100) String productLine,
                            @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 15, fraction = 4) BigDecimal quantity,
                            @NotNull @DecimalMin("0") @Digits(integer = 17, fraction = 2) BigDecimal unitPrice,
                            @DecimalMin("0") @DecimalMax("100") BigDecimal discountPercent) {
}
