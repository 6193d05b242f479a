package io.oppsuite.approval.request;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(example = "{\"decision\": \"APPROVE\", \"comment\": \"Pricing within the discount policy\"}")
public record DecisionRequest(@NotNull ApprovalProgress.Decision decision, @Size(max = 2000) String comment) {
}
