package io.oppsuite.opportunity.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oppsuite.common.events.EventEnvelope;
import io.oppsuite.common.events.EventInbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Turns each event of {@code opportunity-events} into one delivery per subscribed endpoint of its
 * tenant, in the inbox's transaction: a redelivered event is skipped by the inbox, and
 * {@code (endpoint, event)} is unique besides, so no endpoint gets an event twice. An endpoint
 * receives the events that happened after it was registered.
 */
@ApplicationScoped
public class WebhookFanOut {

    static final String CONSUMER = "opportunity-service.webhooks";

    @Inject
    EventInbox inbox;

    @Inject
    WebhookEndpoints endpoints;

    @Inject
    ObjectMapper mapper;

    @Incoming("webhook-fanout")
    public Uni<Void> onEvent(Message<String> message) {
        return inbox.consume(CONSUMER, message, this::fanOut);
    }

    Uni<Void> fanOut(EventEnvelope event) {
        if (event.tenantId() == null) {
            return Uni.createFrom().voidItem();
        }
        return WebhookEndpoint.activeOf(event.tenantId()).chain(all -> {
            List<WebhookEndpoint> subscribed = all.stream()
                    .filter(e -> endpoints.subscribes(e, event.type()) && (event.time() == null || !event.time().isBefore(e.createdAt)))
                    .toList();
            if (subscribed.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            String payload = payload(event);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return EventInbox.inTurn(subscribed, endpoint -> Panache.getSession().chain(s -> s.createNativeQuery("""
                            insert into webhook_delivery (id, tenant_id, endpoint_id, event_id, event_type, order_key, payload,
                                                          status, attempts, next_attempt_at, created_at)
                            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'PENDING', 0, ?8, ?8)
                            on conflict (endpoint_id, event_id) do nothing""")
                    .setParameter(1, UUID.randomUUID())
                    .setParameter(2, event.tenantId())
                    .setParameter(3, endpoint.id)
                    .setParameter(4, event.id())
                    .setParameter(5, event.type())
                    .setParameter(6, event.key() == null ? event.id() : event.key())
                    .setParameter(7, payload)
                    .setParameter(8, now)
                    .executeUpdate()).replaceWithVoid());
        });
    }

    /** The Standard Webhooks payload: {@code type}, {@code timestamp} (the event's time) and the event's {@code data}. */
    private String payload(EventEnvelope event) {
        ObjectNode body = mapper.createObjectNode();
        body.put("type", event.type());
        body.put("timestamp", (event.time() == null ? Instant.now() : event.time()).toString());
        body.set("data", event.data());
        try {
            return mapper.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
