package io.oppsuite.opportunity;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.common.events.Topics;
import io.oppsuite.testsupport.CloudEvents;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.SuiteInfra;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.oppsuite.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The event backbone through opportunity-service's public API, against real PostgreSQL and a
 * real KRaft broker: outbox in the write's transaction, ordered CloudEvents, tenancy, tokens,
 * problems, idempotent creates, optimistic locking and a broker outage.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_opportunity_test"))
@QuarkusTestResource(HoldingStub.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpportunityBackboneTest {

    static final String TENANT = "acme";
    static final String OTHER_TENANT = "globex";
    static final String PROCESS = UUID.randomUUID().toString();
    static final String salesToken = Tokens.issue(TENANT, "rep-1", "sales");
    static boolean processPublished;

    @BeforeEach
    void publishProcessOnce() {
        if (processPublished) {
            return;
        }
        processPublished = true;
        SalesProcessFixtures.publish(TENANT, SalesProcessFixtures.standard(PROCESS, 1));
        // the process reaches the service through its consumer; wait until creates accept it
        await().atMost(Duration.ofSeconds(30)).until(() -> create(salesToken, "probe " + UUID.randomUUID(), null).statusCode() == 201);
    }

    static Response create(String token, String name, String idempotencyKey) {
        var spec = given().auth().oauth2(token).contentType(ContentType.JSON);
        if (idempotencyKey != null) {
            spec = spec.header("Idempotency-Key", idempotencyKey);
        }
        return spec.body(Map.of("name", name, "accountId", "acc-1", "accountName", "Initech", "amount", 1000,
                        "currency", "EUR", "salesProcessId", PROCESS))
                .post("/opportunities");
    }

    @Test
    @Order(1)
    void createAndMoveEmitOrderedCloudEvents() {
        Response created = create(salesToken, "Big deal", null);
        created.then().statusCode(201).body("stageKey", equalTo("qualification")).body("winRate", equalTo(10))
                .header("ETag", "\"0\"").header("Location", notNullValue());
        String id = created.jsonPath().getString("id");

        given().auth().oauth2(salesToken).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("toStage", "proposal"))
                .post("/opportunities/{id}/stage-transitions", id)
                .then().statusCode(200).body("stageKey", equalTo("proposal")).header("ETag", "\"1\"");

        List<ConsumerRecord<String, String>> events = TopicProbe.await(Topics.OPPORTUNITY_EVENTS, TopicProbe.key(id), 2, Duration.ofSeconds(30));
        assertEquals("opportunity.created", CloudEvents.header(events.get(0), "ce_type"));
        assertEquals("opportunity.stage-changed", CloudEvents.header(events.get(1), "ce_type"));
        assertEquals(TENANT, CloudEvents.header(events.get(1), "ce_tenant"));
        assertEquals("1.0", CloudEvents.header(events.get(1), "ce_specversion"));
        JsonNode data = read(events.get(1).value());
        assertEquals("qualification", data.at("/from/key").asText(), events.get(1).value());
        assertEquals("proposal", data.at("/to/key").asText());
        assertEquals(PROCESS, data.at("/opportunity/salesProcessId").asText());
        assertEquals(1000, data.at("/opportunity/amount").asInt());

        given().auth().oauth2(salesToken).get("/opportunities/{id}/stage-history", id)
                .then().statusCode(200).body("$", hasSize(2)).body("[1].fromStage", equalTo("qualification"));
    }

    @Test
    @Order(2)
    void anotherTenantsOpportunityIsNotFound() {
        String id = create(salesToken, "Secret deal", null).then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.issue(OTHER_TENANT, "rep-1", "admin")).get("/opportunities/{id}", id)
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        // same tenant, another rep without manager rights: not theirs to see
        given().auth().oauth2(Tokens.issue(TENANT, "rep-2", "sales")).get("/opportunities/{id}", id)
                .then().statusCode(404);
        given().auth().oauth2(Tokens.admin(TENANT)).get("/opportunities/{id}", id).then().statusCode(200);
    }

    @Test
    @Order(3)
    void missingForgedOrExpiredTokensAre401() {
        given().get("/opportunities/{id}", UUID.randomUUID()).then().statusCode(401);
        given().auth().oauth2(Tokens.forged(TENANT, "rep-1", "admin")).get("/opportunities/{id}", UUID.randomUUID()).then().statusCode(401);
        given().auth().oauth2(Tokens.expired(TENANT, "rep-1", "admin")).get("/opportunities/{id}", UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    @Order(4)
    void badInputIsAProblemNeverA500() {
        given().auth().oauth2(salesToken).contentType(ContentType.JSON).body("{\"name\": ").post("/opportunities")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(salesToken).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "currency", "EUR", "salesProcessId", PROCESS, "stageKey", "won"))
                .post("/opportunities").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(salesToken).contentType(ContentType.JSON)
                .body(Map.of("name", "", "currency", "euro", "salesProcessId", PROCESS, "amount", -5))
                .post("/opportunities").then().statusCode(400).contentType("application/problem+json")
                .body("violations", hasSize(3));
        given().auth().oauth2(salesToken).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "currency", "EUR", "salesProcessId", "no-such-process"))
                .post("/opportunities").then().statusCode(422).body("salesProcessId", equalTo("no-such-process"));
        given().auth().oauth2(salesToken).get("/opportunities/not-a-uuid").then().statusCode(404);
    }

    @Test
    @Order(5)
    void idempotencyKeyReplaysTheFirstAnswer() {
        String key = UUID.randomUUID().toString();
        String first = create(salesToken, "Retried deal", key).then().statusCode(201).extract().path("id");
        create(salesToken, "Retried deal", key).then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(first));
        create(salesToken, "Another body", key).then().statusCode(422);
        TopicProbe.await(Topics.OPPORTUNITY_EVENTS, TopicProbe.key(first), 1, Duration.ofSeconds(30));
        assertEquals(1, TopicProbe.all(Topics.OPPORTUNITY_EVENTS, TopicProbe.key(first), Duration.ofSeconds(2)).size());
    }

    @Test
    @Order(6)
    void parallelMovesOnOneVersionExactlyOneWins() throws Exception {
        String id = create(salesToken, "Contended deal", null).then().statusCode(201).extract().path("id");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Callable<Integer>> moves = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String target = "proposal"; // the next stage: each request is allowed on its own
            moves.add(() -> given().auth().oauth2(salesToken).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                    .body(Map.of("toStage", target)).post("/opportunities/{id}/stage-transitions", id).statusCode());
        }
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(moves)) {
            codes.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, codes.stream().filter(c -> c == 200).count(), "codes: " + codes);
        // the losers are told their version is stale, with the version now current
        assertEquals(19, codes.stream().filter(c -> c == 412).count(), "codes: " + codes);
        given().auth().oauth2(salesToken).get("/opportunities/{id}/stage-history", id).then().body("$", hasSize(2));
        given().auth().oauth2(salesToken).get("/opportunities/{id}", id).then().header("ETag", "\"1\"");
    }

    @Test
    @Order(100)
    void brokerOutageDelaysEventsButLosesNone() {
        SuiteInfra.get().broker().stop();
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                ids.add(create(salesToken, "During outage " + i, null).then().statusCode(201).extract().path("id"));
            }
        } finally {
            SuiteInfra.get().broker().start();
        }
        for (String id : ids) {
            TopicProbe.await(Topics.OPPORTUNITY_EVENTS, TopicProbe.key(id), 1, Duration.ofSeconds(60));
            // at-least-once on the wire: a copy may exist if an ack was lost, but it is the same event
            // (same ce_id), which idempotent consumers count once
            var copies = TopicProbe.all(Topics.OPPORTUNITY_EVENTS, TopicProbe.key(id), Duration.ofSeconds(1));
            assertEquals(1, copies.stream().map(r -> CloudEvents.header(r, "ce_id")).distinct().count(),
                    "one created event for " + id);
        }
    }

    private static JsonNode read(String json) {
        try {
            return SalesProcessFixtures.JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
