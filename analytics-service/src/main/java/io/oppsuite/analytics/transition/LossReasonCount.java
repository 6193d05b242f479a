package io.oppsuite.analytics.transition;

/** Deals whose last exit from {@code stageKey} went to Lost or Invalid with {@code reason} (null: none given). */
public record LossReasonCount(String stageKey, String reason, long count) {
}
