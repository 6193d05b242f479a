package io.oppsuite.common.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * Event types and data of {@code opportunity-events} (key = opportunity id). Every data
 * object has {@code "opportunity"}: the {@link OpportunityState} after the change.
 */
public final class OpportunityEvents {
    public static final String CREATED = "opportunity.created";
    public static final String UPDATED = "opportunity.updated";
    public static final String STAGE_CHANGED = "opportunity.stage-changed";
    public static final String OWNER_CHANGED = "opportunity.owner-changed";
    public static final String OVERDUE = "opportunity.overdue";
    public static final String WON = "opportunity.won";
    public static final String CLOSED = "opportunity.closed";
    public static final String DELETED = "opportunity.deleted";
    public static final String SALES_ORDER_REQUESTED = "sales-order.requested";
    public static final String SALES_TEAM_CHANGED = "opportunity.sales-team-changed";

    private OpportunityEvents() {
    }

    /**
     * created, updated, deleted. {@code changes}: on {@code opportunity.updated}, each member of the
     * state that changed with its old and new value (null on the other types).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Changed(OpportunityState opportunity, String by, List<FieldChange> changes) {

        public Changed(OpportunityState opportunity, String by) {
            this(opportunity, by, null);
        }

        /** An update: {@code after} with what differs from {@code before}. */
        public static Changed updated(OpportunityState before, OpportunityState after, String by) {
            return new Changed(after, by, FieldChange.between(before, after));
        }
    }

    /** One member of the opportunity's state that an update changed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FieldChange(String field, @JsonProperty("old") Object oldValue, @JsonProperty("new") Object newValue) {

        /** Bookkeeping members every write changes; they are not what the update was about. */
        private static final java.util.Set<String> BOOKKEEPING = java.util.Set.of("version");

        static List<FieldChange> between(OpportunityState before, OpportunityState after) {
            List<FieldChange> changes = new java.util.ArrayList<>();
            for (java.lang.reflect.RecordComponent component : OpportunityState.class.getRecordComponents()) {
                if (BOOKKEEPING.contains(component.getName())) {
                    continue;
                }
                Object old = value(component, before);
                Object now = value(component, after);
                if (!same(old, now)) {
                    changes.add(new FieldChange(component.getName(), old, now));
                }
            }
            return changes;
        }

        private static Object value(java.lang.reflect.RecordComponent component, OpportunityState state) {
            try {
                return state == null ? null : component.getAccessor().invoke(state);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component.getName(), e);
            }
        }

        private static boolean same(Object a, Object b) {
            if (a instanceof java.math.BigDecimal x && b instanceof java.math.BigDecimal y) {
                return x.compareTo(y) == 0;
            }
            return java.util.Objects.equals(a, b);
        }
    }

    /**
     * One stage move. {@code from} is null for the first stage (which {@code opportunity.created}
     * also implies). {@code enteredAt} is when the opportunity entered {@code to}. {@code reason}:
     * the reason given for the move (required for Lost/Invalid and for reopening a closed deal;
     * null when none was given); {@code waivedRules}: the rules the move set aside that did not hold
     * (empty otherwise). {@code previousEnteredAt} and {@code previousStaySeconds}: when the
     * opportunity entered {@code from} and how long it stayed there (null for the first stage).
     * {@code processVersion}: the version of the sales process the move was decided by.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StageChanged(OpportunityState opportunity, StageRef from, StageRef to, Instant enteredAt, String by,
                               String reason, List<WaivedRule> waivedRules, Instant previousEnteredAt, Long previousStaySeconds,
                               Long processVersion) {

        public StageChanged(OpportunityState opportunity, StageRef from, StageRef to, Instant enteredAt, String by) {
            this(opportunity, from, to, enteredAt, by, null, List.of(), null, null, null);
        }
    }

    /** A stage rule set aside by a Lost/Invalid stage that ignores in-progress rules: its stable name and why it did not hold. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WaivedRule(String name, String detail) {
    }

    /** A stage: its key, type and label (null when the stage is no longer in the process). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StageRef(String key, StageType type, String label) {

        public StageRef(String key, StageType type) {
            this(key, type, null);
        }
    }

    /**
     * An associated record the terminal stage entered requires (its settings' required record
     * type): every record of that type the opportunity has when it closes.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RequiredRecord(String id, String type, String name) {
    }

    /** Entered a Won stage: who, the reason given (if any) and the records the stage requires. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Won(OpportunityState opportunity, String by, String reason, List<RequiredRecord> requiredRecords) {
    }

    /**
     * Assign, change owner, return to a pool, claim from a pool. Returned to a pool: the state's
     * {@code ownerId} is null and its {@code poolId} names the pool, {@code reason} says why; holding
     * projections stop counting it for anyone. Claimed or assigned out of a pool:
     * {@code previousPoolId} names the pool it left ({@code previousOwnerId} is then null).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OwnerChanged(OpportunityState opportunity, String previousOwnerId, String previousDepartmentId, String by,
                               String previousPoolId, String reason) {

        public OwnerChanged(OpportunityState opportunity, String previousOwnerId, String previousDepartmentId, String by) {
            this(opportunity, previousOwnerId, previousDepartmentId, by, null, null);
        }
    }

    /**
     * {@code opportunity.overdue}: the stay in {@code stageKey} passed the stage's {@code duration} at
     * {@code dueAt} ({@code overdueSeconds} ago when sent). Sent once per stay, and only while the stage's
     * overdue reminder is enabled. {@code recipients}: the employee ids the reminder's settings name, resolved
     * (OWNER: the owner; OWNER_MANAGER: the manager of the owner's department in holding-service's directory,
     * else the owner's own manager); someone the directory does not know is left out.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Overdue(OpportunityState opportunity, String by, String stageKey, String duration, Instant dueAt,
                          long overdueSeconds, List<String> recipients) {
    }

    /** Entered Lost or Invalid, with the reason given and the records the stage requires. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Closed(OpportunityState opportunity, String reason, String by, List<RequiredRecord> requiredRecords) {

        public Closed(OpportunityState opportunity, String reason, String by) {
            this(opportunity, reason, by, List.of());
        }
    }

    /** What a sales team member may do with the deal: see it, or also change it (fields, line items, moves, tasks). */
    public enum TeamAccess { READ, EDIT }

    /** One member of a deal's sales team: the employee, their role on the deal (e.g. "Sales Engineer") and their access. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TeamMember(String employeeId, String role, TeamAccess access) {
    }

    /** How the team changed: a member added, their role or access changed, or removed. */
    public enum TeamChange { ADDED, UPDATED, REMOVED }

    /**
     * {@code opportunity.sales-team-changed}: the deal's whole sales team after one change
     * ({@code team}; a consumer replaces what it holds), the member the change was about as it is
     * now ({@code member}; as it was, for REMOVED), and who made it. Sent once per member on a create
     * that names a team. Adding the owner is refused; holding limits count owners only.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SalesTeamChanged(OpportunityState opportunity, List<TeamMember> team, TeamChange change, TeamMember member,
                                   String by) {
    }
}
