package io.oppsuite.analytics.transition;

import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.web.DateBounds;
import io.oppsuite.common.tenancy.Caller;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Turns query parameters and the caller's role into a filter; bad input is a 400, a rep naming another team member a 403. */
public final class AnalyticsRequests {

    private AnalyticsRequests() {
    }

    /** Without a team member filter. */
    public static AnalyticsFilter filter(Caller caller, String from, String to, String dateField, String ownerId, String departmentId) {
        return filter(caller, from, to, dateField, ownerId, departmentId, null);
    }

    /**
     * The caller's scope (Caller.canSee, widened by the sales teams they are on): an admin every deal, a manager
     * their department's deals or those whose team they are on, a rep their own deals or those whose team they
     * are on. {@code ownerId}, {@code departmentId} and {@code teamMemberId} narrow within that scope, so naming
     * another owner or department answers only the deals of theirs the caller may see (their teams'), never a
     * 403. A rep may name only themselves as {@code teamMemberId}: who else is on which team is not theirs to ask.
     */
    public static AnalyticsFilter filter(Caller caller, String from, String to, String dateField, String ownerId, String departmentId,
                                         String teamMemberId) {
        AnalyticsFilter.DateField field;
        if (dateField == null || dateField.isBlank() || dateField.equals("created")) {
            field = AnalyticsFilter.DateField.CREATED;
        } else if (dateField.equals("entered")) {
            field = AnalyticsFilter.DateField.ENTERED;
        } else {
            throw Problems.badRequest("dateField must be 'created' or 'entered'");
        }
        Long fromMillis = blank(from) ? null : instant("from", from, false).toEpochMilli();
        Long toMillis = blank(to) ? null : instant("to", to, true).toEpochMilli();
        if (fromMillis != null && toMillis != null && fromMillis > toMillis) {
            throw Problems.badRequest("from must not be after to");
        }
        String owner = blank(ownerId) ? null : ownerId;
        String department = blank(departmentId) ? null : departmentId;
        String member = blank(teamMemberId) ? null : teamMemberId;
        AnalyticsFilter.Scope scope = null;
        if (!caller.isAdmin()) {
            if (caller.isManager() && caller.departmentId() != null) {
                scope = new AnalyticsFilter.Scope(null, caller.departmentId(), caller.employeeId());
            } else {
                if (member != null && !member.equals(caller.employeeId())) {
                    throw Problems.forbidden("a sales rep may ask only for the deals whose sales team they are on themselves");
                }
                scope = new AnalyticsFilter.Scope(caller.employeeId(), null, caller.employeeId());
            }
        }
        return new AnalyticsFilter(fromMillis, toMillis, field, owner, department, member, scope);
    }

    /** An ISO instant, or an ISO date meaning its start (or, as an upper bound, the start of the next day) in UTC. */
    static Instant instant(String name, String value, boolean upperBound) {
        try {
            try {
                return DateBounds.check(Instant.parse(value));
            } catch (DateTimeParseException notInstant) {
                LocalDate date = DateBounds.check(LocalDate.parse(value));
                return (upperBound ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw Problems.badParameter(name, name + " must be an ISO date (2026-01-31) or instant (2026-01-31T10:00:00Z) in years "
                    + DateBounds.MIN_YEAR + "-" + DateBounds.MAX_YEAR);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
