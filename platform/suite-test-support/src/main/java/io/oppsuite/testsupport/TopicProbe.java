package io.oppsuite.testsupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

/** Reads a topic from the beginning, outside any consumer group, as an auditing subscriber would. */
public final class TopicProbe {

    private TopicProbe() {
    }

    /** Waits until at least {@code count} records match, then returns every match seen so far. */
    public static List<ConsumerRecord<String, String>> await(String topic, Predicate<ConsumerRecord<String, String>> match,
                                                             int count, Duration timeout) {
        List<ConsumerRecord<String, String>> matches = readAll(topic, match, count, timeout);
        if (matches.size() < count) {
            throw new AssertionError("expected " + count + " matching records on " + topic + " within " + timeout + ", saw " + matches.size());
        }
        return matches;
    }

    /** Everything matching that is on the topic now (reads until {@code quiet} passes without new records). */
    public static List<ConsumerRecord<String, String>> all(String topic, Predicate<ConsumerRecord<String, String>> match, Duration quiet) {
        return readAll(topic, match, Integer.MAX_VALUE, quiet);
    }

    /** The same against another broker than the test infrastructure's (e.g. a launched suite's). */
    public static List<ConsumerRecord<String, String>> all(String bootstrap, String topic, Predicate<ConsumerRecord<String, String>> match,
                                                           Duration quiet) {
        return readAll(bootstrap, topic, match, Integer.MAX_VALUE, quiet);
    }

    public static Predicate<ConsumerRecord<String, String>> key(String key) {
        return r -> key.equals(r.key());
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic, Predicate<ConsumerRecord<String, String>> match,
                                                                int count, Duration timeout) {
        return readAll(SuiteInfra.get().broker().bootstrapServers(), topic, match, count, timeout);
    }

    private static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic, Predicate<ConsumerRecord<String, String>> match,
                                                                int count, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> matches = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (matches.size() < count && System.nanoTime() < deadline) {
                var records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, String> record : records) {
                    if (match.test(record)) {
                        matches.add(record);
                    }
                }
                if (count == Integer.MAX_VALUE && !records.isEmpty()) {
                    deadline = System.nanoTime() + timeout.toNanos();
                }
            }
        }
        return matches;
    }
}
