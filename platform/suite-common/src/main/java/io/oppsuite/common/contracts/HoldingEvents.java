package io.oppsuite.common.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * {@code holding-events} (holding-service). Besides
 * {@code holding.limit-exceeded} and {@code holding-rule.changed}, the directory is published as
 * {@code employee.upserted} / {@code employee.deleted} (key = employee id) so other services
 * (approval-service: the owner's manager) can read it without a call.
 */
public final class HoldingEvents {
    public static final String LIMIT_EXCEEDED = "holding.limit-exceeded";
    public static final String RULE_CHANGED = "holding-rule.changed";
    public static final String EMPLOYEE_UPSERTED = "employee.upserted";
    public static final String EMPLOYEE_DELETED = "employee.deleted";
    /** A department created or changed (key = department id): its manager is who "the owner's department manager" means. */
    public static final String DEPARTMENT_UPSERTED = "department.upserted";

    private HoldingEvents() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Employee(String id, String name, String departmentId, String managerId, List<String> userGroups,
                           Map<String, BigDecimal> attributes) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Department(String id, String name, String managerId) {
    }

    /** A refused reservation: which rule, its limit and the count it would have exceeded. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LimitExceeded(String ruleId, String ruleName, String ownerId, String opportunityId, long limit, long current) {
    }
}
