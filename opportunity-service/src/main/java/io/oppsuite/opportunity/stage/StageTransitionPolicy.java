package io.oppsuite.opportunity.stage;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.common.contracts.FieldConditions;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.contracts.SalesProcessSnapshot.Stage;
import io.oppsuite.common.contracts.StageType;
import io.oppsuite.opportunity.core.LifecycleStatus;
import io.oppsuite.opportunity.task.TaskStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether an opportunity may move from its stage to a target stage of its sales
 * process. Plain Java: the whole rule set is unit-tested without
 * Quarkus. Every rule is reported, held or not, so readiness and 422s list them all by name.
 */
public final class StageTransitionPolicy {

    /** A rule of a move and whether it holds; {@code name} is stable for clients. */
    public record RuleCheck(String name, boolean holds, String detail) {
    }

    /** Everything a decision needs about the opportunity. */
    public record Move(SalesProcessSnapshot process, String currentStage, LifecycleStatus status, String toStage,
                       String reason, TaskStatus.Facts facts) {
    }

    /**
     * The rules and whether the move, if allowed, must first wait for an approval (flow id).
     * {@code waived}: the in-progress rules a Lost/Invalid stage's bypass set aside that did not
     * hold (unmet completion tasks, a completion approval), for the stage history.
     */
    public record Decision(List<RuleCheck> checks, Optional<String> approvalFlowId, List<RuleCheck> waived) {
        public Decision(List<RuleCheck> checks, Optional<String> approvalFlowId) {
            this(checks, approvalFlowId, List.of());
        }

        public List<RuleCheck> unmet() {
            return StageTransitionPolicy.unmet(checks);
        }
    }

    /**
     * Whether deciding a move from {@code currentStage} to {@code toStage} looks at the opportunity's
     * facts (fields, stage tasks, associated records): entry conditions of the target, completion
     * tasks of the current stage, an associated record a terminal target requires. A plain move needs
     * none, and {@link #decide} may then be given null facts.
     */
    public boolean needsFacts(SalesProcessSnapshot process, String currentStage, String toStage) {
        Optional<Stage> target = process.stage(toStage);
        Optional<Stage> current = process.stage(currentStage);
        if (target.isEmpty()) {
            return false;
        }
        SalesProcessSnapshot.TerminalRequirements required = target.get().settingsOrDefault().requiredOnEntry();
        return !nonNull(target.get().settingsOrDefault().entryConditions()).isEmpty()
                || current.isPresent() && !nonNull(current.get().settingsOrDefault().completionTaskIds()).isEmpty()
                || required != null && required.associatedRecordType() != null && !required.associatedRecordType().isBlank();
    }

    /** Who asks for a move: their roles (from the token) and their user groups (from the directory). */
    public record Actor(Set<String> roles, Set<String> userGroups) {
    }

    /** The name of the transition-owner rule, in readiness and in the 403 that refuses a move by it. */
    public static final String TRANSITION_OWNER = "transition-owner";

    /**
     * Whether {@code actor} may move a deal into {@code to} (Zoho Blueprint's transition owners):
     * empty when the stage names no owners; else the rule, holding for an admin, a caller with one
     * of the named roles, or a member of one of the named user groups.
     */
    public static Optional<RuleCheck> transitionOwner(Stage to, Actor actor) {
        SalesProcessSnapshot.TransitionOwners owners = to.settingsOrDefault().transitionOwners();
        if (owners == null || !owners.restricts()) {
            return Optional.empty();
        }
        boolean holds = actor.roles().contains("admin")
                || owners.rolesOrEmpty().stream().anyMatch(actor.roles()::contains)
                || owners.userGroupsOrEmpty().stream().anyMatch(actor.userGroups()::contains);
        List<String> who = new ArrayList<>();
        if (!owners.rolesOrEmpty().isEmpty()) {
            who.add("roles " + owners.rolesOrEmpty());
        }
        if (!owners.userGroupsOrEmpty().isEmpty()) {
            who.add("user groups " + owners.userGroupsOrEmpty());
        }
        return Optional.of(new RuleCheck(TRANSITION_OWNER, holds, "moving a deal into '" + to.key() + "' is reserved to "
                + String.join(" or ", who) + " (and admins)"));
    }

    public Decision decide(Move move) {
        SalesProcessSnapshot process = move.process();
        List<RuleCheck> checks = new ArrayList<>();
        checks.add(new RuleCheck("opportunity-open", move.status() == LifecycleStatus.ACTIVE,
                "the opportunity is " + move.status()));
        Optional<Stage> target = process.stage(move.toStage());
        checks.add(new RuleCheck("target-in-process", target.isPresent(),
                "stage '" + move.toStage() + "' " + (target.isPresent() ? "is" : "is not") + " a stage of process " + process.name()));
        checks.add(new RuleCheck("target-differs", !move.toStage().equals(move.currentStage()),
                "the opportunity is already in '" + move.currentStage() + "'"));
        Optional<Stage> current = process.stage(move.currentStage());
        if (target.isEmpty()) {
            return new Decision(checks, Optional.empty());
        }
        Stage to = target.get();
        // The deal's stage has left the process (its removal raced a move into it): it is never stranded.
        // It may move out to any stage of the current version; the skip rule (there is no position to skip
        // from) and the left stage's completion rules (no longer known) are waived for this move, the
        // target's rules are not.
        boolean stageLeftProcess = current.isEmpty();
        List<RuleCheck> waived = new ArrayList<>();
        if (stageLeftProcess) {
            RuleCheck leftProcess = new RuleCheck("stage-left-process", true, "'" + move.currentStage()
                    + "' is no longer a stage of process " + process.name()
                    + "; moving out of it waives the skip rule and its completion rules");
            checks.add(leftProcess);
            // recorded in the stage history and stage-changed like any other waiver
            waived.add(leftProcess);
        }
        boolean lostOrInvalid = to.type() == StageType.LOST || to.type() == StageType.INVALID;
        boolean bypassInProgressRules = lostOrInvalid && to.settingsOrDefault().ignoreInProgressRules();
        int fromIndex = stageLeftProcess ? -1 : inProgressPosition(process, current.get());
        int toIndex = inProgressPosition(process, to);
        boolean forward = !stageLeftProcess && toIndex > fromIndex;

        if (!bypassInProgressRules && (to.type() == StageType.IN_PROGRESS || to.type() == StageType.WON) && forward) {
            List<String> notSkippable = skipped(process, fromIndex, toIndex).stream()
                    .filter(s -> !s.settingsOrDefault().allowSkip()).map(Stage::key).toList();
            checks.add(new RuleCheck("skipped-stages-allow-skip", notSkippable.isEmpty(), notSkippable.isEmpty()
                    ? "no stage is skipped that forbids skipping"
                    : "the move skips " + notSkippable + ", which do not allow skipping"));
        }
        checks.addAll(entryConditions(to, move.facts() == null ? null : move.facts().subject()));
        Optional<String> approval = Optional.empty();
        if (forward) {
            // completion rules of the stage being left; a bypassing terminal target waives them
            List<RuleCheck> completion = new ArrayList<>();
            Stage from = current.get();
            for (String taskId : nonNull(from.settingsOrDefault().completionTaskIds())) {
                Optional<SalesProcessSnapshot.Task> task = from.tasksOrEmpty().stream().filter(t -> taskId.equals(t.id())).findFirst();
                boolean done = task.isPresent() && move.facts() != null && TaskStatus.done(task.get(), move.facts());
                completion.add(new RuleCheck("completion-task:" + taskId, done, "completing '" + from.key() + "' requires task '"
                        + task.map(SalesProcessSnapshot.Task::name).orElse(taskId) + "' to be done"));
            }
            SalesProcessSnapshot.Approval onCompletion = from.settingsOrDefault().approvalOnCompletion();
            boolean approvalRequired = onCompletion != null && onCompletion.required();
            if (!bypassInProgressRules) {
                checks.addAll(completion);
                if (approvalRequired) {
                    approval = Optional.ofNullable(onCompletion.flowId()).or(() -> Optional.of(""));
                }
            } else {
                waived.addAll(unmet(completion));
                if (approvalRequired) {
                    waived.add(new RuleCheck("completion-approval", false, "completing '" + from.key() + "' requires an approval"));
                }
            }
        }
        if (lostOrInvalid) {
            SalesProcessSnapshot.TerminalRequirements required = to.settingsOrDefault().requiredOnEntry();
            if (required != null) {
                String reason = move.reason() == null ? "" : move.reason().trim();
                if (required.reasonRequired()) {
                    checks.add(new RuleCheck("reason-required", !reason.isEmpty(), "entering '" + to.key() + "' requires a reason"));
                }
                List<String> allowed = nonNull(required.allowedReasons());
                if (!allowed.isEmpty() && (required.reasonRequired() || !reason.isEmpty())) {
                    checks.add(new RuleCheck("reason-allowed", allowed.contains(reason), "the reason must be one of " + allowed));
                }
                if (required.associatedRecordType() != null && !required.associatedRecordType().isBlank()) {
                    checks.add(new RuleCheck("associated-record:" + required.associatedRecordType(),
                            move.facts().associatedRecordTypes().contains(required.associatedRecordType()),
                            "entering '" + to.key() + "' requires an associated " + required.associatedRecordType()));
                }
            }
        }
        return new Decision(checks, approval, waived);
    }

    /**
     * The stage's entry conditions on the opportunity as it is or will be written. Moves check
     * them for the target; every other write that puts a deal in a stage or changes a deal in one
     * (create, import row, lead conversion, PATCH, line items, owner change, claim) checks them for
     * the deal's stage through {@link #stay}: the deal must keep meeting the conditions of the
     * stage it is in.
     */
    public List<RuleCheck> entryConditions(Stage stage, JsonNode subject) {
        List<RuleCheck> checks = new ArrayList<>();
        for (SalesProcessSnapshot.FieldCondition condition : nonNull(stage.settingsOrDefault().entryConditions())) {
            checks.add(new RuleCheck("entry-condition:" + condition.field(), FieldConditions.holds(condition, subject),
                    "entering '" + stage.key() + "' requires " + FieldConditions.describe(condition)));
        }
        return checks;
    }

    /**
     * The verdict on an opportunity being in {@code stageKey} with these fields: the stage's entry
     * conditions. A stage its process no longer has sets no conditions (the deal moves out of it).
     */
    public List<RuleCheck> stay(SalesProcessSnapshot process, String stageKey, JsonNode subject) {
        return process.stage(stageKey).map(stage -> entryConditions(stage, subject)).orElse(List.of());
    }

    /**
     * Reopening a closed deal: it must be Won, Lost or Invalid, and the target an in-progress stage
     * of its process whose entry conditions the deal meets. Skip rules and completion tasks do not
     * apply (the deal is coming back, not moving on).
     */
    public List<RuleCheck> reopen(SalesProcessSnapshot process, LifecycleStatus status, String toStage, JsonNode subject) {
        List<RuleCheck> checks = new ArrayList<>();
        boolean closed = status == LifecycleStatus.WON || status == LifecycleStatus.LOST || status == LifecycleStatus.INVALID;
        checks.add(new RuleCheck("opportunity-closed", closed, "the opportunity is " + status));
        Optional<Stage> target = process.stage(toStage);
        checks.add(new RuleCheck("target-in-process", target.isPresent(),
                "stage '" + toStage + "' " + (target.isPresent() ? "is" : "is not") + " a stage of process " + process.name()));
        boolean inProgress = target.isPresent() && target.get().type() == StageType.IN_PROGRESS;
        checks.add(new RuleCheck("target-in-progress", inProgress, "a deal reopens into an in-progress stage"));
        target.ifPresent(stage -> checks.addAll(entryConditions(stage, subject)));
        return checks;
    }

    /** Whether {@link #stay} looks at the opportunity's fields at all. */
    public boolean stayNeedsFacts(SalesProcessSnapshot process, String stageKey) {
        return process.stage(stageKey).map(stage -> !nonNull(stage.settingsOrDefault().entryConditions()).isEmpty()).orElse(false);
    }

    public static List<RuleCheck> unmet(List<RuleCheck> checks) {
        return checks.stream().filter(c -> !c.holds()).toList();
    }

    /** In-progress stages by their order; terminal stages come after all of them. */
    private static int inProgressPosition(SalesProcessSnapshot process, Stage stage) {
        if (stage.type() != StageType.IN_PROGRESS) {
            return Integer.MAX_VALUE;
        }
        return inProgress(process).indexOf(stage);
    }

    private static List<Stage> skipped(SalesProcessSnapshot process, int fromIndex, int toIndex) {
        List<Stage> inProgress = inProgress(process);
        int end = Math.min(toIndex, inProgress.size());
        return fromIndex + 1 >= end ? List.of() : inProgress.subList(fromIndex + 1, end);
    }

    private static List<Stage> inProgress(SalesProcessSnapshot process) {
        return process.stages().stream().filter(s -> s.type() == StageType.IN_PROGRESS).toList();
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
