package io.oppsuite.testsupport;

import io.oppsuite.common.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * After every test class, checks every event the services published on the suite's four topics
 * since the last check against the contract ({@link EventContract}), and fails the class on the
 * first mismatch. Registered for every test of a module that depends on suite-test-support through
 * JUnit's extension auto-detection (the parent pom turns it on), so every event that any test makes
 * a service emit is checked, without a line in the tests.
 * <p>
 * The broker is the one the test JVM's services publish to: {@link #BOOTSTRAP_PROPERTY}, set by
 * {@link SuiteTestResource} (module tests) or the e2e launcher. Events a test publishes itself
 * ({@link CloudEvents}, source {@code /test}) and records that are no CloudEvent (poison pills) are
 * not the services' and pass unchecked.
 */
public class EventContractCheck implements AfterAllCallback {

    public static final String BOOTSTRAP_PROPERTY = "oppsuite.test.kafka-bootstrap";
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration MAX_WAIT = Duration.ofSeconds(5);
    private static final int MAX_REPORTED = 20;

    /** Where the previous check stopped, per broker and partition: each event is checked once. */
    private static final Map<String, Map<TopicPartition, Long>> CHECKED = new HashMap<>();

    @Override
    public void afterAll(ExtensionContext context) {
        String bootstrap = System.getProperty(BOOTSTRAP_PROPERTY);
        if (bootstrap == null) {
            return;
        }
        // Kafka instantiates its plugins through the context class loader; under @QuarkusTest that is
        // Quarkus' loader, whose Kafka classes are not this class's
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        List<String> problems;
        thread.setContextClassLoader(EventContractCheck.class.getClassLoader());
        try {
            problems = checkNewEvents(bootstrap, Topics.ALL);
        } finally {
            thread.setContextClassLoader(previous);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("events that break the published contract (suite-common schemas/events, EventSchemas), seen after "
                    + context.getDisplayName() + ":\n  " + String.join("\n  ", problems));
        }
    }

    /** Checks the events published on {@code topics} since the last call; returns the violations found. */
    static synchronized List<String> checkNewEvents(String bootstrap, List<String> topics) {
        Map<TopicPartition, Long> checked = CHECKED.computeIfAbsent(bootstrap, b -> new HashMap<>());
        List<String> problems = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties(bootstrap))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = settledEndOffsets(consumer, partitions);
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, checked.getOrDefault(partition, 0L));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!reached(consumer, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition())) || !fromAService(record)) {
                        continue;
                    }
                    List<String> violations = EventContract.violations(record);
                    if (!violations.isEmpty() && problems.size() < MAX_REPORTED) {
                        problems.add(record.topic() + "@" + record.partition() + ":" + record.offset() + " "
                                + CloudEvents.header(record, "ce_type") + " from " + CloudEvents.header(record, "ce_source") + ": "
                                + violations + "\n    data: " + record.value());
                    }
                }
            }
            checked.putAll(end);
        }
        return problems;
    }

    /** End offsets once no new record arrived for {@link #QUIET}: the relays of the class's last writes have caught up. */
    private static Map<TopicPartition, Long> settledEndOffsets(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions) {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(QUIET.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            Map<TopicPartition, Long> again = consumer.endOffsets(partitions);
            if (again.equals(end)) {
                break;
            }
            end = again;
        }
        return end;
    }

    private static boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static boolean fromAService(ConsumerRecord<String, String> record) {
        String source = CloudEvents.header(record, "ce_source");
        return CloudEvents.header(record, "ce_specversion") != null && !CloudEvents.TEST_SOURCE.equals(source);
    }

    private static Properties properties(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        return props;
    }
}
