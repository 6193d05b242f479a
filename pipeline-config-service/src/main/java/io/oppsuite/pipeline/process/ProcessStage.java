package io.oppsuite.pipeline.process;

import io.oppsuite.common.contracts.SalesProcessSnapshot;

import java.util.List;

/**
 * A stage as a process holds it: the catalogue key plus this process's settings and tasks.
 * Label, type and default win rate come from the catalogue when the snapshot is built.
 */
public record ProcessStage(String key, SalesProcessSnapshot.Settings settings, List<SalesProcessSnapshot.Task> tasks) {

    public ProcessStage {
        settings = settings == null ? SalesProcessSnapshot.Settings.NONE : settings;
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    public ProcessStage withSettings(SalesProcessSnapshot.Settings newSettings) {
        return new ProcessStage(key, newSettings, tasks);
    }

    public ProcessStage withTasks(List<SalesProcessSnapshot.Task> newTasks) {
        return new ProcessStage(key, settings, newTasks);
    }
}
