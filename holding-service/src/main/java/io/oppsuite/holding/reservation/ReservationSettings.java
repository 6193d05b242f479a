package io.oppsuite.holding.reservation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long a reservation holds its place ({@code holding.reservation.*}). */
@ConfigMapping(prefix = "holding.reservation")
public interface ReservationSettings {

    /** An unconfirmed reservation lapses after this (a request may ask for less or more, 1-600 s). */
    @WithDefault("PT30S")
    Duration ttl();

    /** A confirmed reservation counts at most this long, until the deal's own event takes over. */
    @WithDefault("PT5M")
    Duration confirmedTtl();
}
