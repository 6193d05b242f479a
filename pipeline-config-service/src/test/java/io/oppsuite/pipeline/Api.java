package io.oppsuite.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.common.events.Topics;
import io.oppsuite.testsupport.CloudEvents;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.Tokens;
import io.oppsuite.testsupport.TopicProbe;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Calls of the public API the tests share; every test works in a tenant of its own. */
final class Api {

    private Api() {
    }

    static String newTenant(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static RequestSpecification admin(String tenant) {
        return as(Tokens.admin(tenant));
    }

    static RequestSpecification sales(String tenant) {
        return as(Tokens.issue(tenant, "rep-1", "sales"));
    }

    /** The current ETag of a record ({@code path} e.g. "/sales-processes/{id}"): every write names the version it is based on. */
    static String etag(String tenant, String path, String id) {
        return admin(tenant).get(path, id).then().statusCode(200).extract().header("ETag");
    }

    static Map<String, Object> stage(String key, String label, String type, int winRate) {
        return Map.of("key", key, "label", label, "type", type, "defaultWinRate", winRate);
    }

    static String createStage(String tenant, String key, String type) {
        return admin(tenant).body(stage(key, key, type, 30)).post("/stages").then().statusCode(201).extract().path("id");
    }

    /** Id of the tenant's catalogue stage with that key (the default catalogue has qualification ... invalid). */
    static String stageId(String tenant, String key) {
        List<Map<String, Object>> items = admin(tenant).queryParam("size", 200).get("/stages").then().statusCode(200)
                .extract().path("items");
        return items.stream().filter(s -> key.equals(s.get("key"))).map(s -> (String) s.get("id")).findFirst()
                .orElseThrow(() -> new AssertionError("no stage " + key + " in " + items));
    }

    /** A process body from stage keys, no settings. */
    static Map<String, Object> process(String name, String... keys) {
        List<Map<String, Object>> stages = new ArrayList<>();
        for (String key : keys) {
            stages.add(Map.of("key", key));
        }
        return Map.of("name", name, "stages", stages);
    }

    static Response createProcess(String tenant, Object body) {
        return admin(tenant).body(body).post("/sales-processes");
    }

    static String defaultProcessId(String tenant) {
        return admin(tenant).get("/sales-processes").then().statusCode(200).extract().path("items[0].id");
    }

    /** Every record of pipeline-config-events for the key, oldest first, once at least {@code count} are there. */
    static List<ConsumerRecord<String, String>> events(String key, int count) {
        return TopicProbe.await(Topics.PIPELINE_CONFIG_EVENTS, TopicProbe.key(key), count, Duration.ofSeconds(30));
    }

    /** What a consumer starting late rebuilds from the compacted topic: the latest event per key of one tenant. */
    static Map<String, ConsumerRecord<String, String>> latestPerKey(String tenant) {
        Map<String, ConsumerRecord<String, String>> latest = new LinkedHashMap<>();
        TopicProbe.all(Topics.PIPELINE_CONFIG_EVENTS, r -> tenant.equals(CloudEvents.header(r, "ce_tenant")), Duration.ofSeconds(2))
                .forEach(r -> latest.put(r.key(), r));
        return latest;
    }

    static JsonNode json(String value) {
        try {
            return SalesProcessFixtures.JSON.readTree(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String type(ConsumerRecord<String, String> record) {
        return CloudEvents.header(record, "ce_type");
    }
}
