package io.oppsuite.common.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/**
 * Data of {@code sales-process.upserted} on {@code pipeline-config-events} (key = process id):
 * the whole process as configured, so a consumer that starts late rebuilds it from the
 * compacted topic alone. {@code sales-process.deleted} carries {@code {"id": ...}}.
 * Consumers ignore fields they do not know (the contract may grow).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SalesProcessSnapshot(String id, String name, long version, List<Stage> stages) {

    public Optional<Stage> stage(String key) {
        return stages.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    public Optional<Stage> firstInProgress() {
        return stages.stream().filter(s -> s.type() == StageType.IN_PROGRESS).findFirst();
    }

    public int indexOf(String key) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** A stage of the process, in order, with its settings and tasks. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Stage(String key, String label, StageType type, Integer defaultWinRate, Settings settings, List<Task> tasks) {
        public Settings settingsOrDefault() {
            return settings == null ? Settings.NONE : settings;
        }

        public List<Task> tasksOrEmpty() {
            return tasks == null ? List.of() : tasks;
        }
    }

    /**
     * In-progress settings (duration as ISO-8601 e.g. P14D, overdue reminder, approval on
     * completion, skip, entry and completion conditions), terminal settings (ignore in-progress
     * rules, actions required on entry), and on any stage who may move a deal into it.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Settings(String duration,
                           OverdueReminder overdueReminder,
                           Approval approvalOnCompletion,
                           boolean allowSkip,
                           List<FieldCondition> entryConditions,
                           List<String> completionTaskIds,
                           boolean ignoreInProgressRules,
                           TerminalRequirements requiredOnEntry,
                           TransitionOwners transitionOwners) {
        public static final Settings NONE = new Settings(null, null, null, false, List.of(), List.of(), false, null);

        public Settings(String duration, OverdueReminder overdueReminder, Approval approvalOnCompletion, boolean allowSkip,
                        List<FieldCondition> entryConditions, List<String> completionTaskIds, boolean ignoreInProgressRules,
                        TerminalRequirements requiredOnEntry) {
            this(duration, overdueReminder, approvalOnCompletion, allowSkip, entryConditions, completionTaskIds, ignoreInProgressRules,
                    requiredOnEntry, null);
        }
    }

    /**
     * Who may move a deal into a stage (Zoho Blueprint's transition owners): callers with one of
     * the {@code roles} (admin, manager, sales) or members of one of the directory's
     * {@code userGroups}. Both empty (or no owners at all): anyone who may edit the deal.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TransitionOwners(List<String> roles, List<String> userGroups) {

        public boolean restricts() {
            return !(roles == null || roles.isEmpty()) || !(userGroups == null || userGroups.isEmpty());
        }

        public List<String> rolesOrEmpty() {
            return roles == null ? List.of() : roles;
        }

        public List<String> userGroupsOrEmpty() {
            return userGroups == null ? List.of() : userGroups;
        }
    }

    /** @param recipients OWNER and/or OWNER_MANAGER */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OverdueReminder(boolean enabled, List<String> recipients) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Approval(boolean required, String flowId) {
    }

    /**
     * A condition on an opportunity field. Operators: SET, EQ, NE, GT, GTE, LT, LTE, IN.
     * Fields are opportunity fields (amount, expectedCloseDate, accountId, ...) or
     * {@code customFields.<name>}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FieldCondition(String field, String operator, @io.oppsuite.common.web.BoundedJson JsonNode value) {
    }

    /** What entering a Lost/Invalid stage requires: a reason (from allowed values) and/or an associated record. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TerminalRequirements(boolean reasonRequired, List<String> allowedReasons, String associatedRecordType) {
    }

    /**
     * A stage task definition: EDIT_OBJECT (fields to fill), CREATE_ASSOCIATED_OBJECT
     * (recordType, e.g. quotation), BULK_EDIT_SUB_OBJECTS (line items).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Task(String id, String name, TaskType type, boolean required, List<String> fields, String recordType) {
    }

    public enum TaskType {
        EDIT_OBJECT, CREATE_ASSOCIATED_OBJECT, BULK_EDIT_SUB_OBJECTS
    }
}
