package io.oppsuite.opportunity.webhook;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One event for one endpoint: its id is the {@code webhook-id} of every attempt, so a receiver
 * deduplicates retries and redeliveries on it. {@code orderKey} is the event's key (the
 * opportunity id): only the oldest pending delivery of a key is sent, so an endpoint sees one
 * opportunity's events in order.
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {

    public enum Status { PENDING, DELIVERED, FAILED }

    @Id
    public UUID id;
    @Column(insertable = false, updatable = false)
    public Long seq;
    public String tenantId;
    public UUID endpointId;
    public String eventId;
    public String eventType;
    public String orderKey;
    /** The exact body sent and signed. */
    public String payload;
    @Enumerated(EnumType.STRING)
    public Status status;
    public int attempts;
    public Instant nextAttemptAt;
    public Instant createdAt;
    public Instant deliveredAt;
    public String lastError;

    public static Uni<WebhookDelivery> findOf(String tenantId, UUID endpointId, UUID id) {
        return find("tenantId = ?1 and endpointId = ?2 and id = ?3", tenantId, endpointId, id).firstResult();
    }
}
