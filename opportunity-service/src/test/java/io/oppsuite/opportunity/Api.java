package io.oppsuite.opportunity;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.common.events.Topics;
import io.oppsuite.testsupport.CloudEvents;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.TopicProbe;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Small helpers shared by the module's tests: requests with a token, event reading, the holding stub's call log. */
final class Api {

    private Api() {
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static Map<String, Object> opportunity(String name, String processId, Object... more) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "accountId", "acc-" + name.hashCode(), "accountName", "Account " + name,
                "amount", 1000, "currency", "EUR", "salesProcessId", processId));
        for (int i = 0; i + 1 < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    static Response create(String token, Map<String, Object> body) {
        return as(token).body(body).post("/opportunities");
    }

    static String createId(String token, Map<String, Object> body) {
        return create(token, body).then().statusCode(201).extract().path("id");
    }

    static String etag(String token, String id) {
        return as(token).get("/opportunities/{id}", id).then().statusCode(200).extract().header("ETag");
    }

    static Response move(String token, String id, String toStage, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("toStage", toStage);
        if (reason != null) {
            body.put("reason", reason);
        }
        return as(token).header("If-Match", etag(token, id)).body(body).post("/opportunities/{id}/stage-transitions", id);
    }

    /** Publishes the process and waits until a create in it is accepted (the consumer has cached it). */
    static void publishAndAwait(String tenant, io.oppsuite.common.contracts.SalesProcessSnapshot process, String token) {
        SalesProcessFixtures.publish(tenant, process);
        // the consumer joins its group slowly on a loaded machine
        await().atMost(Duration.ofSeconds(120)).until(() -> create(token, opportunity("probe " + UUID.randomUUID(), process.id(), "accountId", "probe-" + UUID.randomUUID()))
                .statusCode() == 201);
    }

    static List<String> eventTypes(String id, int atLeast) {
        return TopicProbe.await(Topics.OPPORTUNITY_EVENTS, TopicProbe.key(id), atLeast, Duration.ofSeconds(30)).stream()
                .map(r -> CloudEvents.header(r, "ce_type")).toList();
    }

    static List<ConsumerRecord<String, String>> events(String id, int atLeast) {
        return TopicProbe.await(Topics.OPPORTUNITY_EVENTS, TopicProbe.key(id), atLeast, Duration.ofSeconds(30));
    }

    static JsonNode json(String text) {
        try {
            return SalesProcessFixtures.JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The owner's reservations the holding stub holds open (reserved and not released). */
    static int openReservations(String owner) {
        String url = ConfigProvider.getConfig().getValue("quarkus.rest-client.holding.url", String.class);
        return Integer.parseInt(given().baseUri(url).get("/__open/{owner}", owner).then().statusCode(200).extract().asString());
    }

    static List<String> holdingCalls() {
        String url = ConfigProvider.getConfig().getValue("quarkus.rest-client.holding.url", String.class);
        String body = given().baseUri(url).get("/__calls").then().statusCode(200).extract().asString();
        return body.isEmpty() ? List.of() : Arrays.asList(body.split("\n"));
    }

    /** Publishes a directory event on holding-events, as holding-service would (employee.upserted etc.). */
    static void directory(String tenant, String type, String key, Object data) {
        try {
            io.oppsuite.testsupport.CloudEvents.publish(io.oppsuite.testsupport.SuiteInfra.get().broker().bootstrapServers(), "holding-events",
                    key, UUID.randomUUID().toString(), type, tenant, SalesProcessFixtures.JSON.writeValueAsString(data));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An employee in holding-service's directory, with department and user groups. */
    static void employee(String tenant, String id, String department, String... userGroups) {
        directory(tenant, io.oppsuite.common.contracts.HoldingEvents.EMPLOYEE_UPSERTED, id,
                new io.oppsuite.common.contracts.HoldingEvents.Employee(id, id, department, null, List.of(userGroups), Map.of()));
    }
}
