package io.oppsuite.opportunity.stage;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/**
 * Move an opportunity to {@code toStage}. {@code reason} is what Lost/Invalid stages may require
 * (kept in the stage history). {@code winRate}: the deal's win rate after the move; left out, the
 * target stage's default win rate applies (as Salesforce sets probability from the stage).
 */
public record StageTransitionRequest(@NotBlank @Size(max = 64) String toStage, @Size(max = 500) String reason,
                                     @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal winRate) {

    public StageTransitionRequest(String toStage, String reason) {
        this(toStage, reason, null);
    }
}
