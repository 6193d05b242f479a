package io.oppsuite.opportunity.webhook;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One try to deliver: the receiver's status code, or why there was none, and how long it took. */
@Entity
@Table(name = "webhook_attempt")
public class WebhookAttempt extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public UUID deliveryId;
    public Instant attemptedAt;
    public Integer statusCode;
    public String error;
    public long durationMs;

    public static Uni<List<WebhookAttempt>> of(UUID deliveryId) {
        return list("deliveryId = ?1 order by id", deliveryId);
    }
}
