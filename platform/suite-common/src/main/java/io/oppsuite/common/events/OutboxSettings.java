package io.oppsuite.common.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the outbox splits its rows and how the relay sends them ({@code suite.outbox.*}). */
@ConfigMapping(prefix = "suite.outbox")
public interface OutboxSettings {

    /**
     * Partitions of the outbox by aggregate id, each relayed by one replica at a time: the same value on
     * every replica of a service (the writer picks a row's partition, the relay locks partitions).
     */
    @WithDefault("8")
    int partitions();

    /** Rows a relay sends per pass. */
    @WithDefault("500")
    int batchSize();

    /** The fallback poll for a NOTIFY that was missed (read by {@link OutboxPoller}'s schedule). */
    @WithDefault("2s")
    Duration pollInterval();
}
