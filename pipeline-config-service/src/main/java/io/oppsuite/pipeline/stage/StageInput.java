package io.oppsuite.pipeline.stage;

import io.oppsuite.common.contracts.StageType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A catalogue stage as an admin writes it. The key is what opportunities and processes refer to. */
@Schema(example = "{\"key\": \"proposal\", \"label\": \"Proposal\", \"type\": \"IN_PROGRESS\", \"defaultWinRate\": 50}")
public record StageInput(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9_-]*", message = "lower-case letters, digits, '-' and '_'") String key,
        @NotBlank @Size(max = 200) String label,
        @NotNull StageType type,
        @NotNull @Min(0) @Max(100) Integer defaultWinRate) {
}
