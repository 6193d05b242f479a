package io.oppsuite.opportunity.subscriber;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * An example subscriber of {@code opportunity-events} (docs/events.md), written as a subscriber
 * outside the suite would be: a plain Kafka consumer, the published contract, the snapshot API.
 * It keeps the current state of one tenant's opportunities, keyed by id.
 * <ul>
 * <li>{@link #fromBeginning}: everything the topic still holds (within the retention).</li>
 * <li>{@link #fromTime}: from the first event at or after an instant ({@code offsetsForTimes}).</li>
 * <li>{@link #resync}: when the subscriber is older than the retention. It takes the topic's end
 * offsets <em>first</em>, reads the snapshot, then follows the topic from those offsets. A change
 * committed before the snapshot read is in the snapshot; one relayed after the offsets were taken
 * is consumed again and applied only if its {@code opportunity.version} is newer.</li>
 * </ul>
 * Every event type of the topic that carries {@code opportunity} is applied the same way (newer
 * version wins, {@code opportunity.deleted} removes); other types (pool configuration) pass by.
 */
public final class OpportunityMirror implements AutoCloseable {

    public static final String TOPIC = "opportunity-events";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;
    private final String tenant;
    private final Map<String, JsonNode> opportunities = new HashMap<>();
    /** Versions of deleted opportunities: an older event replayed after the delete must not bring one back. */
    private final Map<String, Long> deleted = new HashMap<>();

    private OpportunityMirror(String bootstrap, String tenant) {
        this.tenant = tenant;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props);
        consumer.assign(consumer.partitionsFor(TOPIC).stream().map(p -> new TopicPartition(TOPIC, p.partition())).toList());
    }

    public static OpportunityMirror fromBeginning(String bootstrap, String tenant) {
        OpportunityMirror mirror = new OpportunityMirror(bootstrap, tenant);
        mirror.consumer.seekToBeginning(mirror.consumer.assignment());
        return mirror;
    }

    public static OpportunityMirror fromTime(String bootstrap, String tenant, Instant from) {
        OpportunityMirror mirror = new OpportunityMirror(bootstrap, tenant);
        Map<TopicPartition, Long> query = new HashMap<>();
        mirror.consumer.assignment().forEach(p -> query.put(p, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = mirror.consumer.offsetsForTimes(query);
        Map<TopicPartition, Long> end = mirror.consumer.endOffsets(mirror.consumer.assignment());
        // a partition with no record at or after the instant starts at its end
        mirror.consumer.assignment().forEach(p -> mirror.consumer.seek(p, found.get(p) == null ? end.get(p) : found.get(p).offset()));
        return mirror;
    }

    /** Snapshot first (remembering the offsets it is consistent with), then the topic from there. */
    public static OpportunityMirror resync(String bootstrap, String tenant, URI service, String bearerToken) {
        OpportunityMirror mirror = new OpportunityMirror(bootstrap, tenant);
        Map<TopicPartition, Long> end = mirror.consumer.endOffsets(mirror.consumer.assignment());
        mirror.loadSnapshot(service, bearerToken);
        end.forEach(mirror.consumer::seek);
        return mirror;
    }

    /** Applies what the topic holds until nothing new arrives for {@code quiet}. */
    public OpportunityMirror catchUp(Duration quiet) {
        long idleSince = System.nanoTime();
        while (System.nanoTime() - idleSince < quiet.toNanos()) {
            var records = consumer.poll(Duration.ofMillis(100));
            records.forEach(this::apply);
            if (!records.isEmpty()) {
                idleSince = System.nanoTime();
            }
        }
        return this;
    }

    public Map<String, JsonNode> opportunities() {
        return Map.copyOf(opportunities);
    }

    void apply(ConsumerRecord<String, String> record) {
        if (!tenant.equals(header(record, "ce_tenant")) || record.value() == null) {
            return;
        }
        JsonNode opportunity = read(record.value()).get("opportunity");
        if (opportunity == null) {
            return;
        }
        apply(opportunity, "opportunity.deleted".equals(header(record, "ce_type")));
    }

    private void apply(JsonNode opportunity, boolean delete) {
        String id = opportunity.get("id").asText();
        long version = opportunity.get("version").asLong();
        JsonNode held = opportunities.get(id);
        if (delete) {
            if (held == null || held.get("version").asLong() <= version) {
                opportunities.remove(id);
                deleted.merge(id, version, Math::max);
            }
            return;
        }
        if (deleted.getOrDefault(id, -1L) >= version) {
            return;
        }
        if (held == null || held.get("version").asLong() < version) {
            opportunities.put(id, opportunity);
        }
    }

    private void loadSnapshot(URI service, String bearerToken) {
        HttpClient http = HttpClient.newHttpClient();
        String after = null;
        do {
            String query = "?limit=200" + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
            HttpRequest request = HttpRequest.newBuilder(service.resolve("/snapshots/opportunities" + query))
                    .header("Authorization", "Bearer " + bearerToken).GET().build();
            JsonNode page;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("snapshot page: HTTP " + response.statusCode() + " " + response.body());
                }
                page = read(response.body());
            } catch (IOException e) {
                throw new IllegalStateException("snapshot page", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            page.get("opportunities").forEach(o -> apply(o, false));
            after = page.get("nextAfter").isNull() ? null : page.get("nextAfter").asText();
        } while (after != null);
    }

    public List<String> ids() {
        return opportunities.keySet().stream().sorted().toList();
    }

    @Override
    public void close() {
        consumer.close();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }
}
