package io.oppsuite.pipeline.process;

import io.oppsuite.common.contracts.FieldConditions;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.contracts.StageType;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What makes a sales process valid: its structure
 * (in-progress stages, then Won, Lost and Invalid, each once, all from the catalogue) and
 * the consistency of each stage's settings and tasks. Returns every violation, so an admin
 * fixes them in one go.
 */
public final class SalesProcessRules {

    public static final int MAX_STAGES = 50;

    public static final String IN_PROGRESS_REQUIRED = "in-progress-stage-required";
    public static final String TERMINAL_REQUIRED = "terminal-stages-required";
    public static final String IN_PROGRESS_AFTER_TERMINAL = "in-progress-after-terminal";
    public static final String STAGE_REPEATED = "stage-repeated";
    public static final String STAGE_UNKNOWN = "stage-unknown";
    public static final String DURATION_INVALID = "duration-invalid";
    public static final String REMINDER_INVALID = "overdue-reminder-invalid";
    public static final String APPROVAL_FLOW_REQUIRED = "approval-flow-required";
    public static final String CONDITION_INVALID = "entry-condition-invalid";
    public static final String COMPLETION_TASK_UNKNOWN = "completion-task-unknown";
    public static final String TASK_INVALID = "task-invalid";
    public static final String TASK_REPEATED = "task-repeated";
    public static final String SETTING_NOT_FOR_STAGE_TYPE = "setting-not-for-stage-type";

    static final Set<String> RECIPIENTS = Set.of("OWNER", "OWNER_MANAGER");

    private SalesProcessRules() {
    }

    public record Violation(String rule, String stageKey, String message) {
    }

    /** @param catalogue the tenant's stage types by key */
    public static List<Violation> check(List<ProcessStage> stages, Map<String, StageType> catalogue) {
        List<Violation> violations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<StageType> types = new HashSet<>();
        boolean terminalSeen = false;
        for (ProcessStage stage : stages) {
            if (!seen.add(stage.key())) {
                violations.add(new Violation(STAGE_REPEATED, stage.key(), "stage '" + stage.key() + "' appears more than once"));
                continue;
            }
            StageType type = catalogue.get(stage.key());
            if (type == null) {
                violations.add(new Violation(STAGE_UNKNOWN, stage.key(), "stage '" + stage.key() + "' is not in the stage catalogue"));
                continue;
            }
            if (type.isTerminal()) {
                if (types.contains(type)) {
                    violations.add(new Violation(STAGE_REPEATED, stage.key(), "the process already has a " + type + " stage"));
                }
                terminalSeen = true;
            } else if (terminalSeen) {
                violations.add(new Violation(IN_PROGRESS_AFTER_TERMINAL, stage.key(),
                        "in-progress stage '" + stage.key() + "' comes after a terminal stage"));
            }
            types.add(type);
            checkSettings(stage, type, violations);
        }
        if (!types.contains(StageType.IN_PROGRESS)) {
            violations.add(new Violation(IN_PROGRESS_REQUIRED, null, "a process needs at least one in-progress stage"));
        }
        for (StageType terminal : List.of(StageType.WON, StageType.LOST, StageType.INVALID)) {
            if (!types.contains(terminal)) {
                violations.add(new Violation(TERMINAL_REQUIRED, null, "a process needs a " + terminal + " stage"));
            }
        }
        return violations;
    }

    private static void checkSettings(ProcessStage stage, StageType type, List<Violation> violations) {
        String key = stage.key();
        SalesProcessSnapshot.Settings s = stage.settings();
        Set<String> taskIds = new HashSet<>();
        for (SalesProcessSnapshot.Task task : stage.tasks()) {
            if (!taskIds.add(task.id())) {
                violations.add(new Violation(TASK_REPEATED, key, "task id '" + task.id() + "' is used twice in stage '" + key + "'"));
            }
            if (task.type() == SalesProcessSnapshot.TaskType.EDIT_OBJECT && (task.fields() == null || task.fields().isEmpty())) {
                violations.add(new Violation(TASK_INVALID, key, "EDIT_OBJECT task '" + task.id() + "' must name the fields to fill"));
            }
            if (task.type() == SalesProcessSnapshot.TaskType.CREATE_ASSOCIATED_OBJECT && isBlank(task.recordType())) {
                violations.add(new Violation(TASK_INVALID, key, "CREATE_ASSOCIATED_OBJECT task '" + task.id() + "' must name a recordType"));
            }
        }
        if (s.duration() != null && !validDuration(s.duration())) {
            violations.add(new Violation(DURATION_INVALID, key, "duration '" + s.duration() + "' is not a positive ISO-8601 duration such as P14D"));
        }
        if (s.overdueReminder() != null && s.overdueReminder().enabled()) {
            List<String> recipients = s.overdueReminder().recipients();
            if (recipients == null || recipients.isEmpty() || !RECIPIENTS.containsAll(recipients)) {
                violations.add(new Violation(REMINDER_INVALID, key, "an enabled overdue reminder needs recipients from " + RECIPIENTS));
            }
            if (s.duration() == null) {
                violations.add(new Violation(REMINDER_INVALID, key, "an overdue reminder needs a stage duration"));
            }
        }
        if (s.approvalOnCompletion() != null && s.approvalOnCompletion().required() && isBlank(s.approvalOnCompletion().flowId())) {
            violations.add(new Violation(APPROVAL_FLOW_REQUIRED, key, "approval on completion needs an approval flow id"));
        }
        for (SalesProcessSnapshot.FieldCondition condition : s.entryConditions()) {
            String problem = conditionProblem(condition);
            if (problem != null) {
                violations.add(new Violation(CONDITION_INVALID, key, problem));
            }
        }
        for (String taskId : s.completionTaskIds()) {
            if (!taskIds.contains(taskId)) {
                violations.add(new Violation(COMPLETION_TASK_UNKNOWN, key, "completion task '" + taskId + "' is not a task of stage '" + key + "'"));
            }
        }
        if (type == StageType.IN_PROGRESS && (s.ignoreInProgressRules() || s.requiredOnEntry() != null)) {
            violations.add(new Violation(SETTING_NOT_FOR_STAGE_TYPE, key,
                    "ignoreInProgressRules and requiredOnEntry apply to Lost and Invalid stages only"));
        }
        if (type.isTerminal() && (s.duration() != null || s.allowSkip() || !s.entryConditions().isEmpty()
                || !s.completionTaskIds().isEmpty() || (s.overdueReminder() != null && s.overdueReminder().enabled())
                || (s.approvalOnCompletion() != null && s.approvalOnCompletion().required()))) {
            violations.add(new Violation(SETTING_NOT_FOR_STAGE_TYPE, key,
                    "duration, reminders, approval, skip and conditions apply to in-progress stages only"));
        }
        if (type == StageType.WON && (s.ignoreInProgressRules() || s.requiredOnEntry() != null)) {
            violations.add(new Violation(SETTING_NOT_FOR_STAGE_TYPE, key,
                    "ignoreInProgressRules and requiredOnEntry apply to Lost and Invalid stages only"));
        }
    }

    private static String conditionProblem(SalesProcessSnapshot.FieldCondition c) {
        String op = c.operator() == null ? "" : c.operator().toUpperCase(Locale.ROOT);
        if (!FieldConditions.OPERATORS.contains(op)) {
            return "operator '" + c.operator() + "' on '" + c.field() + "' is not one of " + FieldConditions.OPERATORS;
        }
        if (op.equals("SET") || op.equals("NOT_SET")) {
            return null;
        }
        if (c.value() == null || c.value().isNull()) {
            return "condition " + op + " on '" + c.field() + "' needs a value";
        }
        if (op.equals("IN") && !c.value().isArray()) {
            return "condition IN on '" + c.field() + "' needs a list of values";
        }
        if (!op.equals("IN") && c.value().isContainerNode()) {
            return "condition " + op + " on '" + c.field() + "' needs a single value";
        }
        return null;
    }

    static boolean validDuration(String value) {
        try {
            if (value.contains("T")) {
                Duration d = Duration.parse(value);
                return !d.isNegative() && !d.isZero();
            }
            Period p = Period.parse(value);
            return !p.isNegative() && !p.isZero();
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
