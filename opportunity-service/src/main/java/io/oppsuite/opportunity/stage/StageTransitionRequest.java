package io.oppsuite.opportunity.stage;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Move an opportunity to {@code toStage}. {@code reason} is what Lost/Invalid stages may require.
 */
public record StageTransitionRequest(@NotBlank @Size(max = 64) String toStage, @Size(max = 500) String reason) {
}
