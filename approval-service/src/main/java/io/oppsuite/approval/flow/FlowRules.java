package io.oppsuite.approval.flow;

import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.contracts.ApprovalEvents.ApprovalMode;
import io.oppsuite.common.contracts.ApprovalEvents.Step;
import io.oppsuite.common.contracts.FieldConditions;
import io.oppsuite.common.contracts.SalesProcessSnapshot.FieldCondition;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** The rules a flow must meet to be saved; every broken rule is reported, not just the first. */
public final class FlowRules {

    private FlowRules() {
    }

    public static List<String> violations(FlowRequest flow) {
        List<String> errors = new ArrayList<>();
        if (flow.trigger() == ApprovalEvents.Trigger.STAGE_COMPLETION) {
            if (blank(flow.salesProcessId())) {
                errors.add("salesProcessId is required for a STAGE_COMPLETION flow");
            }
            if (blank(flow.stageKey())) {
                errors.add("stageKey is required for a STAGE_COMPLETION flow");
            }
        } else if (flow.trigger() == ApprovalEvents.Trigger.OPPORTUNITY_CREATION && !blank(flow.stageKey())) {
            errors.add("stageKey applies only to STAGE_COMPLETION flows");
        }
        List<FieldCondition> conditions = flow.conditions() == null ? List.of() : flow.conditions();
        for (int i = 0; i < conditions.size(); i++) {
            conditionViolation(conditions.get(i)).ifPresent(e -> errors.add(e));
        }
        List<Step> steps = flow.steps() == null ? List.of() : flow.steps();
        if (steps.isEmpty()) {
            errors.add("a flow needs at least one step");
        }
        for (int i = 0; i < steps.size(); i++) {
            String at = "steps[" + i + "]: ";
            Step step = steps.get(i);
            if (step == null || step.approverType() == null) {
                errors.add(at + "approverType is required (EMPLOYEES, ROLE or OWNER_MANAGER)");
                continue;
            }
            switch (step.approverType()) {
                case EMPLOYEES -> {
                    if (step.employeeIds() == null || step.employeeIds().isEmpty() || step.employeeIds().stream().anyMatch(FlowRules::blank)) {
                        errors.add(at + "EMPLOYEES needs a non-empty list of employeeIds");
                    }
                }
                case ROLE -> {
                    if (blank(step.role())) {
                        errors.add(at + "ROLE needs a role");
                    }
                    // Who holds a role is only known from each caller's token, so "everyone with the role"
                    // cannot be counted; refusing beats silently weakening the control to ANY.
                    if (step.mode() == ApprovalMode.ALL) {
                        errors.add(at + "ROLE steps are decided by any one holder of the role; use mode ANY");
                    }
                }
                case OWNER_MANAGER -> {
                    if (step.employeeIds() != null && !step.employeeIds().isEmpty() || !blank(step.role())) {
                        errors.add(at + "OWNER_MANAGER takes neither employeeIds nor role");
                    }
                }
            }
        }
        return errors;
    }

    /** Steps as stored: mode defaults to ANY, employee ids de-duplicated, unused fields dropped. */
    public static List<Step> normalized(List<Step> steps) {
        List<Step> result = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            String name = blank(s.name()) ? "Step " + (i + 1) : s.name().trim();
            ApprovalMode mode = s.mode() == null ? ApprovalMode.ANY : s.mode();
            List<String> ids = s.approverType() == ApprovalEvents.ApproverType.EMPLOYEES
                    ? List.copyOf(new LinkedHashSet<>(s.employeeIds())) : List.of();
            String role = s.approverType() == ApprovalEvents.ApproverType.ROLE ? s.role().trim() : null;
            result.add(new Step(name, s.approverType(), ids, role, mode));
        }
        return result;
    }

    private static java.util.Optional<String> conditionViolation(FieldCondition c) {
        if (c == null || blank(c.field())) {
            return java.util.Optional.of("every condition needs a field");
        }
        String op = c.operator() == null ? "EQ" : c.operator().toUpperCase(Locale.ROOT);
        if (!FieldConditions.OPERATORS.contains(op)) {
            return java.util.Optional.of("condition on " + c.field() + ": unknown operator " + c.operator()
                    + " (one of " + FieldConditions.OPERATORS + ")");
        }
        boolean needsValue = !op.equals("SET") && !op.equals("NOT_SET");
        if (needsValue && (c.value() == null || c.value().isNull())) {
            return java.util.Optional.of("condition on " + c.field() + ": " + op + " needs a value");
        }
        if (op.equals("IN") && !c.value().isArray()) {
            return java.util.Optional.of("condition on " + c.field() + ": IN needs a list value");
        }
        return java.util.Optional.empty();
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
