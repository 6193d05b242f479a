package io.oppsuite.pipeline.process;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The process's stage keys in their new order: the same keys, nothing added or removed. */
public record ReorderInput(@NotNull @Size(max = SalesProcessRules.MAX_STAGES) java.util.List<@NotBlank @Size(max = 64) String> stageKeys) {
}
