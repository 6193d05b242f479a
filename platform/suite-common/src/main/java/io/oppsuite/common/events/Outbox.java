package io.oppsuite.common.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.annotation.PostConstruct;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Writes events into the service's {@code outbox_event} table inside the caller's reactive
 * transaction, so a change and its event commit or roll back together. {@link OutboxRelay}
 * publishes them.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    ObjectMapper mapper;

    /** The application's mapper with one JSON form for decimals ({@link CanonicalDecimalSerializer}). */
    private ObjectMapper eventMapper;

    @Inject
    OutboxSettings settings;

    @PostConstruct
    void init() {
        eventMapper = mapper.copy().registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("suite-event-numbers")
                .addSerializer(BigDecimal.class, new CanonicalDecimalSerializer()));
    }

    /**
     * Must be called within {@code Panache.withTransaction} / {@code @WithTransaction}. The row's
     * {@code created_at} is the event's time (when the change happened), which the relay sends as {@code ce_time}.
     */
    public Uni<String> append(DomainEvent event) {
        String id = UUID.randomUUID().toString();
        String payload;
        try {
            payload = eventMapper.writeValueAsString(event.data());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("event data not serializable", e));
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into outbox_event (event_id, topic, event_type, tenant_id, aggregate_id, partition_no, payload, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, cast(cast(?7 as text) as jsonb), ?8)""")
                .setParameter(1, id)
                .setParameter(2, event.topic())
                .setParameter(3, event.type())
                .setParameter(4, event.tenantId())
                .setParameter(5, event.aggregateId())
                .setParameter(6, partitionOf(event.aggregateId()))
                .setParameter(7, payload)
                .setParameter(8, (event.time() == null ? java.time.Instant.now() : event.time()).atOffset(ZoneOffset.UTC))
                .executeUpdate())
                .replaceWith(id);
    }

    int partitionOf(String aggregateId) {
        return Math.floorMod(aggregateId.hashCode(), settings.partitions());
    }
}
