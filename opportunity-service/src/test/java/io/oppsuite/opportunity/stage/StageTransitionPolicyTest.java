package io.oppsuite.opportunity.stage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.contracts.SalesProcessSnapshot.Settings;
import io.oppsuite.common.contracts.SalesProcessSnapshot.Stage;
import io.oppsuite.common.contracts.StageType;
import io.oppsuite.opportunity.core.LifecycleStatus;
import io.oppsuite.opportunity.task.TaskStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The move rules without Quarkus: every rule reported by name, held or not. */
class StageTransitionPolicyTest {

    final StageTransitionPolicy policy = new StageTransitionPolicy();

    static SalesProcessSnapshot process(boolean proposalSkippable, boolean lostBypasses) {
        Settings qualification = new Settings(null, null, new SalesProcessSnapshot.Approval(true, "f-1"), false, List.of(),
                List.of("t-1"), false, null);
        Settings proposal = new Settings(null, null, null, proposalSkippable,
                List.of(new SalesProcessSnapshot.FieldCondition("amount", "GT", IntNode.valueOf(0))), List.of(), false, null);
        Settings lost = new Settings(null, null, null, false, List.of(), List.of(), lostBypasses,
                new SalesProcessSnapshot.TerminalRequirements(true, List.of("price"), null));
        return new SalesProcessSnapshot("p", "P", 1, List.of(
                new Stage("qualification", "Q", StageType.IN_PROGRESS, 10, qualification, List.of(
                        new SalesProcessSnapshot.Task("t-1", "Fill", SalesProcessSnapshot.TaskType.EDIT_OBJECT, true, List.of("accountId"), null))),
                new Stage("proposal", "P", StageType.IN_PROGRESS, 40, proposal, List.of()),
                new Stage("negotiation", "N", StageType.IN_PROGRESS, 70, null, List.of()),
                new Stage("won", "W", StageType.WON, 100, null, List.of()),
                new Stage("lost", "L", StageType.LOST, 0, lost, List.of())));
    }

    static TaskStatus.Facts facts(int amount, String accountId) {
        ObjectNode subject = new ObjectMapper().createObjectNode().put("amount", amount);
        if (accountId != null) {
            subject.put("accountId", accountId);
        }
        return new TaskStatus.Facts(subject, Set.of(), 0);
    }

    List<String> unmet(SalesProcessSnapshot process, String from, String to, String reason, TaskStatus.Facts facts) {
        return policy.decide(new StageTransitionPolicy.Move(process, from, LifecycleStatus.ACTIVE, to, reason, facts))
                .unmet().stream().map(StageTransitionPolicy.RuleCheck::name).toList();
    }

    @Test
    void aDealWhoseStageLeftTheProcessMovesOutWithTheSkipRuleWaivedAndTheTargetsRulesKept() {
        SalesProcessSnapshot process = process(false, false);
        // "review" is gone from the process; skipping proposal and negotiation is allowed for this move
        assertEquals(List.of(), unmet(process, "review", "won", null, facts(0, null)));
        assertEquals(List.of(), unmet(process, "review", "qualification", null, facts(0, null)));
        // the target's entry conditions and a terminal stage's requirements still hold
        assertEquals(List.of("entry-condition:amount"), unmet(process, "review", "proposal", null, facts(0, null)));
        assertEquals(List.of(), unmet(process, "review", "proposal", null, facts(5, null)));
        assertEquals(List.of("reason-required", "reason-allowed"), unmet(process, "review", "lost", null, facts(5, null)));
        assertTrue(policy.needsFacts(process, "review", "proposal"), "the target's conditions look at the deal");
        // a stage of no version is still no target
        assertEquals(List.of("target-in-process"), unmet(process, "review", "nowhere", null, facts(5, null)));
        assertTrue(policy.decide(new StageTransitionPolicy.Move(process, "review", LifecycleStatus.ACTIVE, "won", null, facts(0, null)))
                .checks().stream().anyMatch(c -> c.name().equals("stage-left-process")), "the waiver is reported");
    }

    @Test
    void skippingNeedsEverySkippedStageToAllowIt() {
        assertEquals(List.of("skipped-stages-allow-skip"), unmet(process(false, false), "qualification", "negotiation", null, facts(1, "a")));
        assertEquals(List.of(), unmet(process(true, false), "qualification", "negotiation", null, facts(1, "a")));
    }

    @Test
    void entryConditionsAndCompletionTasksAreAllListed() {
        assertEquals(List.of("entry-condition:amount", "completion-task:t-1"),
                unmet(process(false, false), "qualification", "proposal", null, facts(0, null)));
    }

    @Test
    void completionApprovalIsAskedForOnlyWhenMovingOn() {
        var decision = policy.decide(new StageTransitionPolicy.Move(process(false, false), "qualification", LifecycleStatus.ACTIVE,
                "proposal", null, facts(1, "a")));
        assertEquals("f-1", decision.approvalFlowId().orElseThrow());
        var back = policy.decide(new StageTransitionPolicy.Move(process(false, false), "proposal", LifecycleStatus.ACTIVE,
                "qualification", null, facts(1, "a")));
        assertTrue(back.approvalFlowId().isEmpty());
    }

    @Test
    void lostBypassesInProgressRulesOnlyWhenConfiguredButAlwaysNeedsItsReason() {
        assertEquals(List.of(), unmet(process(false, true), "qualification", "lost", "price", facts(0, null)));
        assertEquals(List.of("completion-task:t-1"), unmet(process(false, false), "qualification", "lost", "price", facts(0, null)));
        assertEquals(List.of("reason-required", "reason-allowed"), unmet(process(false, true), "qualification", "lost", null, facts(0, null)));
        assertEquals(List.of("reason-allowed"), unmet(process(false, true), "qualification", "lost", "meh", facts(0, null)));
    }

    @Test
    void closedOrUnknownTargetsAreRefused() {
        var closed = policy.decide(new StageTransitionPolicy.Move(process(true, true), "won", LifecycleStatus.WON, "lost", "price", facts(1, "a")));
        assertTrue(closed.unmet().stream().anyMatch(c -> c.name().equals("opportunity-open")));
        assertTrue(unmet(process(true, true), "qualification", "nowhere", null, facts(1, "a")).contains("target-in-process"));
        assertTrue(unmet(process(true, true), "qualification", "qualification", null, facts(1, "a")).contains("target-differs"));
    }

    @Test
    void movesWhoseRulesLookAtNoFactsAreDecidedAlikeWithoutThem() {
        List<String> stages = List.of("qualification", "proposal", "negotiation", "won", "lost", "nowhere");
        int withoutFacts = 0;
        for (boolean skippable : List.of(true, false)) {
            for (boolean bypass : List.of(true, false)) {
                SalesProcessSnapshot process = process(skippable, bypass);
                for (String from : stages) {
                    for (String to : stages) {
                        if (policy.needsFacts(process, from, to)) {
                            continue;
                        }
                        withoutFacts++;
                        for (String reason : java.util.Arrays.asList(null, "price")) {
                            List<String> unmetWithout = unmet(process, from, to, reason, null);
                            assertEquals(unmet(process, from, to, reason, facts(0, null)), unmetWithout, from + " -> " + to);
                            assertEquals(unmet(process, from, to, reason, facts(1, "a")), unmetWithout, from + " -> " + to);
                        }
                    }
                }
            }
        }
        assertTrue(withoutFacts > 20, "most moves of the test process need no facts");
        // entry conditions of the target, completion tasks of the current stage
        assertTrue(policy.needsFacts(process(true, true), "qualification", "negotiation"));
        assertTrue(policy.needsFacts(process(true, true), "won", "proposal"));
        assertTrue(!policy.needsFacts(process(true, true), "proposal", "negotiation"));
    }

    @Test
    void stayingInAStageIsHeldToItsEntryConditionsByTheSameRules() {
        SalesProcessSnapshot process = process(false, false);
        assertEquals(List.of("entry-condition:amount"), StageTransitionPolicy.unmet(policy.stay(process, "proposal", facts(0, "a").subject()))
                .stream().map(StageTransitionPolicy.RuleCheck::name).toList());
        assertEquals(List.of(), StageTransitionPolicy.unmet(policy.stay(process, "proposal", facts(1, "a").subject())));
        // the move into the stage and the stay in it give one verdict
        assertEquals(policy.entryConditions(process.stage("proposal").orElseThrow(), facts(0, "a").subject()),
                policy.stay(process, "proposal", facts(0, "a").subject()));
        assertTrue(policy.stayNeedsFacts(process, "proposal"));
        assertTrue(!policy.stayNeedsFacts(process, "negotiation"));
        // a stage the process no longer has sets no conditions
        assertEquals(List.of(), policy.stay(process, "gone", facts(0, null).subject()));
    }

    @Test
    void aBypassingTerminalStageNamesTheRulesItWaived() {
        var decision = policy.decide(new StageTransitionPolicy.Move(process(false, true), "qualification", LifecycleStatus.ACTIVE,
                "lost", "price", facts(0, null)));
        assertEquals(List.of(), decision.unmet());
        assertTrue(decision.approvalFlowId().isEmpty(), "the bypass does not wait for the completion approval");
        assertEquals(List.of("completion-task:t-1", "completion-approval"),
                decision.waived().stream().map(StageTransitionPolicy.RuleCheck::name).toList());
        var done = policy.decide(new StageTransitionPolicy.Move(process(false, true), "qualification", LifecycleStatus.ACTIVE,
                "lost", "price", facts(0, "a")));
        assertEquals(List.of("completion-approval"), done.waived().stream().map(StageTransitionPolicy.RuleCheck::name).toList());
        var plain = policy.decide(new StageTransitionPolicy.Move(process(true, true), "proposal", LifecycleStatus.ACTIVE,
                "negotiation", null, facts(1, "a")));
        assertEquals(List.of(), plain.waived());
    }

    @Test
    void reopeningNeedsAClosedDealAnInProgressTargetAndItsEntryConditions() {
        SalesProcessSnapshot process = process(false, false);
        java.util.function.BiFunction<LifecycleStatus, String, List<String>> unmet = (status, to) -> StageTransitionPolicy.unmet(
                policy.reopen(process, status, to, facts(0, "a").subject())).stream().map(StageTransitionPolicy.RuleCheck::name).toList();
        assertEquals(List.of(), unmet.apply(LifecycleStatus.LOST, "qualification"));
        assertEquals(List.of(), unmet.apply(LifecycleStatus.WON, "negotiation"));
        assertEquals(List.of("opportunity-closed"), unmet.apply(LifecycleStatus.ACTIVE, "qualification"));
        assertEquals(List.of("target-in-progress"), unmet.apply(LifecycleStatus.INVALID, "won"));
        assertEquals(List.of("target-in-process", "target-in-progress"), unmet.apply(LifecycleStatus.LOST, "nowhere"));
        assertEquals(List.of("entry-condition:amount"), unmet.apply(LifecycleStatus.LOST, "proposal"));
    }
}
