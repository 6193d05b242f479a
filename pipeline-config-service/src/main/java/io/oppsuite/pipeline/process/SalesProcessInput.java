package io.oppsuite.pipeline.process;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** A whole sales process definition: POST creates it, PUT replaces it. */
public record SalesProcessInput(@NotBlank @Size(max = 200) String name,
                                @NotNull @Size(max = SalesProcessRules.MAX_STAGES) List<@NotNull @Valid ProcessStageInput> stages) {

    public List<ProcessStage> toStages() {
        return stages.stream().map(ProcessStageInput::toStage).toList();
    }
}
