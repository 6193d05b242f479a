package io.oppsuite.common.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the event inbox retries a failing event and how long it remembers processed ids. */
@ConfigMapping(prefix = "suite.inbox")
public interface InboxConfig {

    /**
     * Retries of an event (or a poll's batch) after a transient failure, before it goes to the
     * dead-letter topic; with the default backoff, 8 retries wait about 16 s in all, enough for a
     * database restart.
     */
    @WithDefault("8")
    int maxRetries();

    /** The wait before the first retry; each further retry waits twice as long as the one before. */
    @WithDefault("100ms")
    Duration initialBackoff();

    /** The longest wait between two retries. */
    @WithDefault("5s")
    Duration maxBackoff();

    /** How long consumers remember processed event ids; keep it above the event topics' retention. */
    @WithDefault("14d")
    Duration retention();
}
