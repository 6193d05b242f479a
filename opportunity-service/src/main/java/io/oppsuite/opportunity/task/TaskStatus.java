package io.oppsuite.opportunity.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.common.contracts.FieldConditions;
import io.oppsuite.common.contracts.SalesProcessSnapshot;

import java.util.Set;

/**
 * Whether a stage task is done, from its recorded effect: EDIT_OBJECT when every named field is
 * set, CREATE_ASSOCIATED_OBJECT when a record of its type exists, BULK_EDIT_SUB_OBJECTS when the
 * opportunity has line items. Plain Java.
 */
public final class TaskStatus {

    private TaskStatus() {
    }

    /** What the task rules look at. {@code subject} is the opportunity as JSON (with customFields). */
    public record Facts(JsonNode subject, Set<String> associatedRecordTypes, int lineItemCount) {
    }

    public static boolean done(SalesProcessSnapshot.Task task, Facts facts) {
        if (task.type() == null) {
            return false;
        }
        return switch (task.type()) {
            case EDIT_OBJECT -> task.fields() != null && task.fields().stream().allMatch(field -> FieldConditions.holds(
                    new SalesProcessSnapshot.FieldCondition(field, "SET", null), facts.subject()));
            case CREATE_ASSOCIATED_OBJECT -> task.recordType() != null && facts.associatedRecordTypes().contains(task.recordType());
            case BULK_EDIT_SUB_OBJECTS -> facts.lineItemCount() > 0;
        };
    }
}
