package io.oppsuite.opportunity.webhook;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A URL a tenant registered to receive opportunity events, with the secret its deliveries are signed with. */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint extends PanacheEntityBase {

    @Id
    public UUID id;
    public String tenantId;
    public String url;
    /** {@code whsec_} + base64 of the HMAC key (Standard Webhooks). */
    public String secret;
    /** JSON array of event types; {@code "*"} for all. */
    public String eventTypes;
    public String description;
    public boolean active;
    public Instant createdAt;
    public String createdBy;
    @Version
    public long version;

    public static Uni<WebhookEndpoint> findInTenant(String tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResult();
    }

    public static Uni<List<WebhookEndpoint>> activeOf(String tenantId) {
        return list("tenantId = ?1 and active = true", tenantId);
    }
}
