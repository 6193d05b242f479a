package io.oppsuite.analytics.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.common.events.Topics;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.SuiteInfra;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Publishes generated opportunity events as binary CloudEvents, exactly as
 * {@code io.oppsuite.testsupport.CloudEvents.publish} does, but through one producer so a
 * stream of hundreds of events does not open a connection each.
 */
public final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    public EventPublisher() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SuiteInfra.get().broker().bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        producer = new KafkaProducer<>(props);
    }

    public static String json(GeneratedEvent e) {
        ObjectNode data = SalesProcessFixtures.JSON.createObjectNode();
        data.set("opportunity", SalesProcessFixtures.JSON.valueToTree(e.state()));
        data.put("by", e.state().ownerId());
        if (e.type().equals(OpportunityEvents.STAGE_CHANGED)) {
            data.set("from", SalesProcessFixtures.JSON.valueToTree(Map.of("key", e.fromKey(), "type", e.fromType().name())));
            data.set("to", SalesProcessFixtures.JSON.valueToTree(Map.of("key", e.state().stageKey(), "type", e.state().stageType().name())));
            data.put("enteredAt", e.enteredAt().toString());
        }
        if (e.reason() != null) {
            data.put("reason", e.reason());
        }
        return data.toString();
    }

    public void publish(String tenant, GeneratedEvent e) {
        send(Topics.OPPORTUNITY_EVENTS, e.state().id(), e.id(), e.type(), tenant, json(e), e.occurredAt());
    }

    public void publishAll(String tenant, List<GeneratedEvent> events) {
        events.forEach(e -> publish(tenant, e));
        producer.flush();
    }

    public void send(String topic, String key, String id, String type, String tenant, String json) {
        send(topic, key, id, type, tenant, json, Instant.now());
    }

    /** @param time the CloudEvent time: when the change happened */
    public void send(String topic, String key, String id, String type, String tenant, String json, Instant time) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
        record.headers().add("ce_specversion", bytes("1.0"));
        record.headers().add("ce_id", bytes(id));
        record.headers().add("ce_type", bytes(type));
        record.headers().add("ce_source", bytes("/test"));
        record.headers().add("ce_time", bytes(time.toString()));
        record.headers().add("content-type", bytes("application/json"));
        record.headers().add("ce_tenant", bytes(tenant));
        producer.send(record);
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
