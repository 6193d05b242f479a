package io.oppsuite.analytics.transition;

/**
 * Filters of the analysis. {@code fromMillis} inclusive, {@code toMillis} exclusive; the range
 * applies to the opportunity's creation ({@code created}) or to its first entry into each
 * stage ({@code entered}). No filter at all means the precomputed aggregates answer.
 */
public record AnalyticsFilter(Long fromMillis, Long toMillis, DateField dateField, String ownerId, String departmentId) {

    public enum DateField { CREATED, ENTERED }

    public boolean isEmpty() {
        return fromMillis == null && toMillis == null && ownerId == null && departmentId == null;
    }
}
