package io.oppsuite.testsupport;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Publishes binary-mode CloudEvents the way another service would, and reads their headers back. */
public final class CloudEvents {

    /** {@code ce_source} of the events tests publish themselves (not a service's, so not checked by {@link EventContractCheck}). */
    public static final String TEST_SOURCE = "/test";

    private CloudEvents() {
    }

    public static void publish(String bootstrap, String topic, String key, String id, String type, String tenant, String json) {
        publishRaw(bootstrap, new ProducerRecord<>(topic, key, json), id, type, tenant);
    }

    /** Anything at all, e.g. a poison message without CloudEvent headers. */
    public static void publishRaw(String bootstrap, ProducerRecord<String, String> record, String id, String type, String tenant) {
        if (id != null) {
            record.headers().add("ce_specversion", bytes("1.0"));
            record.headers().add("ce_id", bytes(id));
            record.headers().add("ce_type", bytes(type));
            record.headers().add("ce_source", bytes(TEST_SOURCE));
            record.headers().add("ce_time", bytes(Instant.now().toString()));
            record.headers().add("content-type", bytes("application/json"));
            if (tenant != null) {
                record.headers().add("ce_tenant", bytes(tenant));
            }
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("publish failed", e);
        }
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
