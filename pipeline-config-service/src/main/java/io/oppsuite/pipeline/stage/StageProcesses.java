package io.oppsuite.pipeline.stage;

import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * What the catalogue needs to know of the processes built from its stages. A port: the process
 * feature ({@code process.SalesProcessService}) implements it, so the catalogue depends on no process
 * code. In the caller's transaction.
 */
public interface StageProcesses {

    /** Names of the tenant's processes that contain the catalogue stage. */
    Uni<List<String>> processesUsing(String tenantId, String stageKey);

    /** Re-validates and republishes every process that uses a changed catalogue stage (bumping its version). */
    Uni<Void> catalogueStageChanged(StageDefinition changed);
}
