package io.oppsuite.opportunity.stage;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** Reopen a Won, Lost or Invalid deal into the in-progress stage {@code toStage}; the reason is required and kept in the stage history. */
public record ReopenRequest(@NotBlank @Size(max = 64) String toStage, @NotBlank @Size(max = 500) String reason,
                            @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal winRate) {
}
