package io.oppsuite.common.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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

    @ConfigProperty(name = "suite.outbox.partitions", defaultValue = "8")
    int partitions;

    /** Must be called within {@code Panache.withTransaction} / {@code @WithTransaction}. */
    public Uni<String> append(DomainEvent event) {
        String id = UUID.randomUUID().toString();
        String payload;
        try {
            payload = mapper.writeValueAsString(event.data());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("event data not serializable", e));
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into outbox_event (event_id, topic, event_type, tenant_id, aggregate_id, partition_no, payload)
                        values (?1, ?2, ?3, ?4, ?5, ?6, cast(cast(?7 as text) as jsonb))""")
                .setParameter(1, id)
                .setParameter(2, event.topic())
                .setParameter(3, event.type())
                .setParameter(4, event.tenantId())
                .setParameter(5, event.aggregateId())
                .setParameter(6, partitionOf(event.aggregateId()))
                .setParameter(7, payload)
                .executeUpdate())
                .replaceWith(id);
    }

    int partitionOf(String aggregateId) {
        return Math.floorMod(aggregateId.hashCode(), partitions);
    }
}
