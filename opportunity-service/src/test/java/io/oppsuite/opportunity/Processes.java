package io.oppsuite.opportunity;

import com.fasterxml.jackson.databind.node.IntNode;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.contracts.SalesProcessSnapshot.FieldCondition;
import io.oppsuite.common.contracts.SalesProcessSnapshot.Settings;
import io.oppsuite.common.contracts.SalesProcessSnapshot.Stage;
import io.oppsuite.common.contracts.SalesProcessSnapshot.Task;
import io.oppsuite.common.contracts.SalesProcessSnapshot.TaskType;
import io.oppsuite.common.contracts.SalesProcessSnapshot.TerminalRequirements;
import io.oppsuite.common.contracts.StageType;

import java.util.List;

/** Sales processes with rules, as pipeline-config-service would publish them. */
final class Processes {

    private Processes() {
    }

    /**
     * qualification (task: fill expectedCloseDate + customFields.budget, required to complete) →
     * proposal (entry: amount > 0; task: a quotation) → negotiation (no skip; task: line items) → won;
     * lost (bypasses in-progress rules, reason from price/timing); invalid (bypasses, needs an invalidity-proof record).
     */
    static SalesProcessSnapshot governed(String id, String approvalStage) {
        Settings qualification = new Settings(null, null, null, false, List.of(), List.of("t-fields"), false, null);
        Settings proposal = new Settings(null, null, "proposal".equals(approvalStage) ? new SalesProcessSnapshot.Approval(true, "flow-proposal") : null,
                false, List.of(new FieldCondition("amount", "GT", IntNode.valueOf(0))), List.of("t-quote"), false, null);
        Settings negotiation = new Settings(null, null, null, false, List.of(), List.of("t-items"), false, null);
        Settings lost = new Settings(null, null, null, false, List.of(), List.of(), true,
                new TerminalRequirements(true, List.of("price", "timing"), null));
        Settings invalid = new Settings(null, null, null, false, List.of(), List.of(), true,
                new TerminalRequirements(false, List.of(), "invalidity-proof"));
        return new SalesProcessSnapshot(id, "Governed " + id.substring(0, 8), 1, List.of(
                new Stage("qualification", "Qualification", StageType.IN_PROGRESS, 10, qualification, List.of(
                        new Task("t-fields", "Fill close date and budget", TaskType.EDIT_OBJECT, true,
                                List.of("expectedCloseDate", "customFields.budget"), null))),
                new Stage("proposal", "Proposal", StageType.IN_PROGRESS, 40, proposal, List.of(
                        new Task("t-quote", "Send a quotation", TaskType.CREATE_ASSOCIATED_OBJECT, true, null, "quotation"))),
                new Stage("negotiation", "Negotiation", StageType.IN_PROGRESS, 70, negotiation, List.of(
                        new Task("t-items", "Agree the products", TaskType.BULK_EDIT_SUB_OBJECTS, true, null, null))),
                new Stage("won", "Won", StageType.WON, 100, null, List.of()),
                new Stage("lost", "Lost", StageType.LOST, 0, lost, List.of()),
                new Stage("invalid", "Invalid", StageType.INVALID, 0, invalid, List.of())));
    }

    /** The standard stages, the first one lasting {@code firstStageDuration} (ISO-8601). */
    static SalesProcessSnapshot timed(String id, String firstStageDuration) {
        return io.oppsuite.testsupport.SalesProcessFixtures.timed(id, firstStageDuration);
    }

    /** The standard stages; leaving qualification needs an approval (flow {@code flowId}). */
    static SalesProcessSnapshot approvalOnQualification(String id, String flowId) {
        Settings first = new Settings(null, null, new SalesProcessSnapshot.Approval(true, flowId), false, List.of(), List.of(), false, null);
        return new SalesProcessSnapshot(id, "Approved " + id.substring(0, 8), 1, List.of(
                new Stage("qualification", "Qualification", StageType.IN_PROGRESS, 10, first, List.of()),
                new Stage("proposal", "Proposal", StageType.IN_PROGRESS, 40, null, List.of()),
                new Stage("won", "Won", StageType.WON, 100, null, List.of()),
                new Stage("lost", "Lost", StageType.LOST, 0, null, List.of()),
                new Stage("invalid", "Invalid", StageType.INVALID, 0, null, List.of())));
    }
}
