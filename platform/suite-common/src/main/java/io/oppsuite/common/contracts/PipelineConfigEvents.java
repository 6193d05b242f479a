package io.oppsuite.common.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Event types of {@code pipeline-config-events} (compacted, key = id). */
public final class PipelineConfigEvents {
    /** Data: {@link SalesProcessSnapshot}. */
    public static final String SALES_PROCESS_UPSERTED = "sales-process.upserted";
    /** Data: {@link Deleted}. */
    public static final String SALES_PROCESS_DELETED = "sales-process.deleted";
    /** Data: {@link StageDefinition}. */
    public static final String STAGE_UPSERTED = "stage.upserted";
    /** Data: {@link Deleted}. */
    public static final String STAGE_DELETED = "stage.deleted";

    private PipelineConfigEvents() {
    }

    /** A catalogue stage (the "Opportunity Stage" field value). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StageDefinition(String id, String key, String label, StageType type, Integer defaultWinRate) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Deleted(String id) {
    }
}
