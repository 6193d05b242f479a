package io.oppsuite.opportunity.webhook;

import java.time.Instant;
import java.util.List;

/** A registered webhook endpoint (its secret is shown only when it is registered). */
public record WebhookView(String id, String url, List<String> eventTypes, String description, boolean active, Instant createdAt,
                          String createdBy, long version) {
}
