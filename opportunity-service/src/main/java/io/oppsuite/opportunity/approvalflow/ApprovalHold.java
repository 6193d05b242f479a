package io.oppsuite.opportunity.approvalflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.json.Json;
import io.oppsuite.common.problem.Problems;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * While an approval waits, the fields its flow's conditions read keep the values the approver
 * sees: a change to one of them is refused with 409 {@code approval-pending} rather than
 * silently withdrawing and re-requesting the approval (the approver may be deciding right now; the
 * requester withdraws in approval-service, edits the draft and resubmits). Other fields stay
 * editable. Plain Java.
 */
public final class ApprovalHold {

    private ApprovalHold() {
    }

    /** The distinct fields the conditions read, as stored on the opportunity (JSON array); null when none. */
    public static String watched(List<SalesProcessSnapshot.FieldCondition> conditions) {
        if (conditions == null || conditions.isEmpty()) {
            return null;
        }
        return Json.write(conditions.stream().map(SalesProcessSnapshot.FieldCondition::field)
                .filter(Objects::nonNull).distinct().toList());
    }

    /** The watched fields whose value differs between the two views of the opportunity. */
    public static List<String> changed(String watched, JsonNode before, JsonNode after) {
        if (watched == null) {
            return List.of();
        }
        List<String> fields = Json.read(watched, Json.STRINGS);
        return fields.stream().filter(f -> !same(at(before, f), at(after, f))).toList();
    }

    /** 409 when the change touches a field the pending approval decides on. */
    public static void refuseChanges(String approvalRequestId, String watched, JsonNode before, JsonNode after) {
        List<String> changed = changed(watched, before, after);
        if (!changed.isEmpty()) {
            throw Problems.conflict("approval-pending", "An approval is deciding on these fields",
                    "approval request " + approvalRequestId + " decides on " + changed
                            + "; withdraw it in approval-service to change them, then resubmit",
                    Map.of("fields", changed, "approvalRequestId", approvalRequestId));
        }
    }

    /** {@code customFields.budget} → the node at /customFields/budget. */
    private static JsonNode at(JsonNode subject, String field) {
        if (subject == null) {
            return MissingNode.getInstance();
        }
        return subject.at("/" + field.replace("~", "~0").replace("/", "~1").replace('.', '/'));
    }

    /** Equal values; 1000 and 1000.00 are the same amount, and absent is the same as null. */
    private static boolean same(JsonNode a, JsonNode b) {
        boolean aEmpty = a.isMissingNode() || a.isNull();
        boolean bEmpty = b.isMissingNode() || b.isNull();
        if (aEmpty || bEmpty) {
            return aEmpty == bEmpty;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }
}
