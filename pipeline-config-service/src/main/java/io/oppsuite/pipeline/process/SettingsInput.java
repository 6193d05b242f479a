package io.oppsuite.pipeline.process;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.common.web.BoundedJson;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * Settings of one stage of a process. In-progress stages: duration, overdue reminder,
 * approval on completion, skip, entry and completion conditions. Lost/Invalid stages:
 * ignore in-progress rules, actions required on entry.
 */
@Schema(example = """
        {"duration": "P14D", "overdueReminder": {"enabled": true, "recipients": ["OWNER", "OWNER_MANAGER"]},
         "approvalOnCompletion": {"required": true, "flowId": "discount-approval"}, "allowSkip": false,
         "entryConditions": [{"field": "amount", "operator": "GT", "value": 0}, {"field": "expectedCloseDate", "operator": "SET"}],
         "completionTaskIds": ["send-quote"]}""")
public record SettingsInput(
        @Size(max = 40) String duration,
        @Valid Reminder overdueReminder,
        @Valid Approval approvalOnCompletion,
        Boolean allowSkip,
        @Size(max = 100) List<@Valid Condition> entryConditions,
        @Size(max = 100) List<@NotBlank @Size(max = 100) String> completionTaskIds,
        Boolean ignoreInProgressRules,
        @Valid TerminalRequirements requiredOnEntry,
        @Schema(description = "Who may move a deal into this stage: callers with one of the roles, or members of one of the "
                + "directory's user groups (holding-service). Absent or both empty: anyone who may edit the deal.")
        @Valid TransitionOwners transitionOwners) {

    public record Reminder(boolean enabled, @Size(max = 2) List<@NotBlank @Size(max = 40) String> recipients) {
    }

    public record Approval(boolean required, @Size(max = 100) String flowId) {
    }

    public record Condition(@NotBlank @Size(max = 200) String field, @NotBlank @Size(max = 20) String operator, @BoundedJson JsonNode value) {
    }

    public record TerminalRequirements(boolean reasonRequired,
                                       @Size(max = 100) List<@NotBlank @Size(max = 200) String> allowedReasons,
                                       @Size(max = 100) String associatedRecordType) {
    }

    public record TransitionOwners(@Size(max = 3) List<@NotBlank @jakarta.validation.constraints.Pattern(regexp = "admin|manager|sales") String> roles,
                                   @Size(max = 50) List<@NotBlank @Size(max = 100) String> userGroups) {
    }

    public SalesProcessSnapshot.Settings toContract() {
        return new SalesProcessSnapshot.Settings(
                duration,
                overdueReminder == null ? null
                        : new SalesProcessSnapshot.OverdueReminder(overdueReminder.enabled(), list(overdueReminder.recipients())),
                approvalOnCompletion == null ? null
                        : new SalesProcessSnapshot.Approval(approvalOnCompletion.required(), approvalOnCompletion.flowId()),
                Boolean.TRUE.equals(allowSkip),
                entryConditions == null ? List.of()
                        : entryConditions.stream().map(c -> new SalesProcessSnapshot.FieldCondition(c.field(),
                        c.operator() == null ? null : c.operator().trim().toUpperCase(java.util.Locale.ROOT), c.value())).toList(),
                list(completionTaskIds),
                Boolean.TRUE.equals(ignoreInProgressRules),
                requiredOnEntry == null ? null
                        : new SalesProcessSnapshot.TerminalRequirements(requiredOnEntry.reasonRequired(),
                        list(requiredOnEntry.allowedReasons()), requiredOnEntry.associatedRecordType()),
                transitionOwners == null ? null
                        : new SalesProcessSnapshot.TransitionOwners(list(transitionOwners.roles()), list(transitionOwners.userGroups())));
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
