package io.oppsuite.pipeline.stage;

import io.oppsuite.common.contracts.StageType;

public record StageView(String id, String key, String label, StageType type, int defaultWinRate, long version) {

    public static StageView of(StageDefinition s) {
        return new StageView(s.id.toString(), s.stageKey, s.label, s.type, s.defaultWinRate, s.version);
    }
}
