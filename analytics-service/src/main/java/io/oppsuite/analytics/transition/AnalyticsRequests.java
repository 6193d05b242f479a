package io.oppsuite.analytics.transition;

import io.oppsuite.common.problem.Problems;
import io.oppsuite.common.web.DateBounds;
import io.oppsuite.common.tenancy.Caller;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Turns query parameters and the caller's role into a filter; bad input is a 400, another's scope a 403. */
public final class AnalyticsRequests {

    private AnalyticsRequests() {
    }

    public static AnalyticsFilter filter(Caller caller, String from, String to, String dateField, String ownerId, String departmentId) {
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
        // Record-level visibility (Caller.canSee): a manager sees the department, a rep their own deals.
        if (!caller.isAdmin()) {
            if (caller.isManager() && caller.departmentId() != null) {
                if (department != null && !department.equals(caller.departmentId())) {
                    throw Problems.forbidden("a manager sees the analysis of their own department only");
                }
                department = caller.departmentId();
            } else {
                if (owner != null && !owner.equals(caller.employeeId())) {
                    throw Problems.forbidden("a sales rep sees the analysis of their own deals only");
                }
                owner = caller.employeeId();
            }
        }
        return new AnalyticsFilter(fromMillis, toMillis, field, owner, department);
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
