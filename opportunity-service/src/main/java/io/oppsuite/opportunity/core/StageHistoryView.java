package io.oppsuite.opportunity.core;

import io.oppsuite.common.contracts.StageType;
import io.oppsuite.opportunity.stage.StageHistoryEntry;

import java.time.Instant;

public record StageHistoryView(String fromStage, String toStage, StageType toStageType, Instant enteredAt, String changedBy,
                               Long secondsInFromStage) {
    static StageHistoryView of(StageHistoryEntry e) {
        return new StageHistoryView(e.fromStage, e.toStage, e.toStageType, e.enteredAt, e.changedBy, e.secondsInFrom);
    }
}
