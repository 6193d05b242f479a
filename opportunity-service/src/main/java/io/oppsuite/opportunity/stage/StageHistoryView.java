package io.oppsuite.opportunity.stage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.common.contracts.StageType;

import java.time.Instant;
import java.util.List;

/** One stay of the stage history; {@code reason} and {@code waivedRules} only where a move had them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StageHistoryView(String fromStage, String toStage, StageType toStageType, Instant enteredAt, String changedBy,
                               Long secondsInFromStage, String reason, List<OpportunityEvents.WaivedRule> waivedRules) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static StageHistoryView of(StageHistoryEntry e) {
        return new StageHistoryView(e.fromStage, e.toStage, e.toStageType, e.enteredAt, e.changedBy, e.secondsInFrom, e.reason,
                waived(e.waivedRules));
    }

    private static List<OpportunityEvents.WaivedRule> waived(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, new TypeReference<List<OpportunityEvents.WaivedRule>>() { });
        } catch (Exception e) {
            throw new IllegalStateException("stored waived rules are not JSON", e);
        }
    }
}
