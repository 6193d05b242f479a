package io.oppsuite.opportunity.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How webhook deliveries are made and retried (opportunity.webhooks.*; docs/operations.md). */
@ConfigMapping(prefix = "opportunity.webhooks")
public interface WebhookSettings {

    /** Whether endpoints may point at loopback, private or link-local addresses (tests and local runs only). */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /** Attempts per delivery before it is FAILED (a redelivery starts a new round). */
    @WithDefault("8")
    int maxAttempts();

    /** Wait after the first failed attempt; doubled after each further one, up to {@link #maxBackoff()}. */
    @WithDefault("5s")
    Duration initialBackoff();

    @WithDefault("10m")
    Duration maxBackoff();

    /** How long a receiver may take to answer one attempt. */
    @WithDefault("10s")
    Duration timeout();

    /** Deliveries sent per dispatcher tick. */
    @WithDefault("100")
    int batch();
}
