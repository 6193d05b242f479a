package io.oppsuite.analytics.rebuild;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Reads topics outside any consumer group, from given offsets (or the beginning) up to the
 * end offsets captured when the read starts. Blocking: call from a worker thread.
 */
public final class TopicReplay {

    /** One record as a CloudEvent: null id/type/tenant/time when the headers are missing (or the time unreadable). */
    public record RawEvent(String topic, String key, String id, String type, String tenant, Instant time, String json) {
    }

    private TopicReplay() {
    }

    /**
     * @param from start offsets per partition; partitions not in it start at the beginning
     * @return the end offsets read up to (the next {@code from} for a tail read)
     */
    public static Map<TopicPartition, Long> read(String bootstrap, List<String> topics, Map<TopicPartition, Long> from,
                                                 Consumer<RawEvent> sink) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos != null) {
                    infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                }
            }
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(10)));
            consumer.assign(partitions);
            for (TopicPartition partition : partitions) {
                Long start = from.get(partition);
                if (start == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, start);
                }
            }
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        sink.accept(new RawEvent(r.topic(), r.key(), header(r, "ce_id"), header(r, "ce_type"),
                                header(r, "ce_tenant"), time(header(r, "ce_time")), r.value()));
                    }
                }
            }
            return end;
        }
    }

    private static Instant time(String value) {
        try {
            return value == null ? null : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
