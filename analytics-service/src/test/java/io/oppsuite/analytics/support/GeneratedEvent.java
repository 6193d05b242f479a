package io.oppsuite.analytics.support;

import io.oppsuite.common.contracts.OpportunityState;
import io.oppsuite.common.contracts.StageType;

import java.time.Instant;

/**
 * One opportunity event as opportunity-service would publish it, with the facts a recount
 * needs kept apart from the JSON the service parses.
 *
 * @param fromKey    for stage-changed: the stage left; {@code state.stageKey()} is the stage entered
 * @param occurredAt when it happened (its CloudEvent time)
 * @param reason     the reason it gives (entering Lost or Invalid), or null
 */
public record GeneratedEvent(String id, String type, OpportunityState state, String fromKey, StageType fromType,
                             Instant enteredAt, Instant occurredAt, String reason) {

    /** The same event under another id: a stale copy. */
    public GeneratedEvent withId(String newId) {
        return new GeneratedEvent(newId, type, state, fromKey, fromType, enteredAt, occurredAt, reason);
    }
}
