package io.oppsuite.common.events;

import java.util.List;

/** The suite's four topics, one per producing service (docs/architecture.md "Events"). */
public final class Topics {
    public static final String OPPORTUNITY_EVENTS = "opportunity-events";
    public static final String PIPELINE_CONFIG_EVENTS = "pipeline-config-events";
    public static final String APPROVAL_EVENTS = "approval-events";
    public static final String HOLDING_EVENTS = "holding-events";

    /** Config topics are compacted: key = id, the latest value per key is the state. */
    public static final List<String> COMPACTED = List.of(PIPELINE_CONFIG_EVENTS);

    public static final List<String> ALL = List.of(OPPORTUNITY_EVENTS, PIPELINE_CONFIG_EVENTS, APPROVAL_EVENTS, HOLDING_EVENTS);

    /** Dead-letter topic of one consumer: {@code <service>.dlq}. */
    public static String deadLetter(String service) {
        return service + ".dlq";
    }

    private Topics() {
    }
}
