package io.oppsuite.pipeline.process;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/** One stage of a process as written: a catalogue key, optional settings and tasks. */
public record ProcessStageInput(@NotBlank @Size(max = 64) String key,
                                @Valid SettingsInput settings,
                                @Size(max = 100) List<@Valid TaskInput> tasks) {

    public ProcessStage toStage() {
        return new ProcessStage(key,
                settings == null ? null : settings.toContract(),
                tasks == null ? List.of() : tasks.stream().map(TaskInput::toContract).toList());
    }
}
