package io.oppsuite.opportunity;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpServer;
import io.oppsuite.testsupport.CloudEvents;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.oppsuite.opportunity.Api.as;
import static io.oppsuite.opportunity.Api.createId;
import static io.oppsuite.opportunity.Api.move;
import static io.oppsuite.opportunity.Api.opportunity;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhooks against a local receiver that fails, times out and comes back: every event of the
 * tenant's opportunities arrives, signed per Standard Webhooks (checked with the spec's library),
 * none twice by webhook-id, each opportunity's in order; every attempt is logged; a delivery can
 * be sent again by id; a wrong secret does not verify.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_opportunity_test"))
@QuarkusTestResource(HoldingStub.class)
class WebhookDeliveryTest {

    /** What the receiver got: one entry per request it answered 2xx. */
    record Received(String id, String timestamp, String signature, String body) {
    }

    HttpServer receiver;
    final List<Received> accepted = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int n = requests.incrementAndGet();
            try {
                if (n <= 2) {
                    exchange.sendResponseHeaders(500, -1); // down for a moment
                } else if (n == 3) {
                    Thread.sleep(2500); // slower than the dispatcher's timeout (1 s in tests)
                    exchange.sendResponseHeaders(200, -1);
                } else {
                    accepted.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                            exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                            exchange.getRequestHeaders().getFirst("webhook-signature"), body));
                    exchange.sendResponseHeaders(204, -1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void everyEventArrivesSignedOnceAndInOrderPerOpportunityThroughFailuresAndTimeouts() throws Exception {
        String tenant = "hooks-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = Tokens.admin(tenant);
        String rep = Tokens.issue(tenant, "rep-1", "sales");
        String process = UUID.randomUUID().toString();
        Api.publishAndAwait(tenant, SalesProcessFixtures.standard(process, 1), rep);

        // refused registrations
        as(admin).body(Map.of("url", "ftp://127.0.0.1/hook", "eventTypes", List.of("*"))).post("/webhooks")
                .then().statusCode(422).body("type", equalTo("https://oppsuite.io/problems/invalid-webhook-url"));
        as(admin).body(Map.of("url", "http://u:p@127.0.0.1/hook", "eventTypes", List.of("*"))).post("/webhooks")
                .then().statusCode(422);
        as(admin).body(Map.of("url", "http://127.0.0.1/hook", "eventTypes", List.of("approval.approved"))).post("/webhooks")
                .then().statusCode(422).body("type", equalTo("https://oppsuite.io/problems/unknown-event-type"));
        as(rep).body(Map.of("url", "http://127.0.0.1/hook", "eventTypes", List.of("*"))).post("/webhooks").then().statusCode(403);

        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        JsonPath registered = as(admin).body(Map.of("url", url, "eventTypes", List.of("*"), "description", "sync"))
                .post("/webhooks").then().statusCode(201).body("secret", startsWith("whsec_")).extract().jsonPath();
        String webhook = registered.getString("id");
        String secret = registered.getString("secret");
        as(admin).get("/webhooks/{id}", webhook).then().statusCode(200).body("url", equalTo(url)).body("$", org.hamcrest.Matchers.not(
                org.hamcrest.Matchers.hasKey("secret")));
        // another tenant sees none of it
        as(Tokens.admin("other-" + tenant)).get("/webhooks/{id}", webhook).then().statusCode(404);

        // three deals, each created and moved twice: 9 events
        List<String> deals = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = createId(rep, opportunity("Hooked " + i + " " + UUID.randomUUID(), process));
            move(rep, id, "proposal", null).then().statusCode(200);
            move(rep, id, "negotiation", null).then().statusCode(200);
            deals.add(id);
        }
        Map<String, List<String>> published = new HashMap<>();
        for (String id : deals) {
            published.put(id, Api.events(id, 3).stream().map(r -> CloudEvents.header(r, "ce_type")).toList());
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> deals.stream().allMatch(id -> received(id).size() >= published.get(id).size()));

        Webhook verifier = new Webhook(secret);
        Map<String, Integer> perId = new HashMap<>();
        for (Received r : List.copyOf(accepted)) {
            perId.merge(r.id(), 1, Integer::sum);
            verifier.verify(r.body(), headers(r));
        }
        perId.forEach((id, n) -> assertEquals(1, n, "webhook-id " + id + " accepted " + n + " times"));
        for (String id : deals) {
            List<JsonNode> got = received(id);
            assertEquals(published.get(id), got.stream().map(b -> b.get("type").asText()).toList(), "order of " + id);
            long previous = -1;
            for (JsonNode b : got) {
                long version = b.at("/data/opportunity/version").asLong();
                assertTrue(version > previous, "versions in order for " + id + ": " + got);
                previous = version;
            }
        }
        assertTrue(requests.get() >= accepted.size() + 3, "the two failures and the timeout were retried");

        // a wrong secret does not verify
        Received any = accepted.get(0);
        assertThrows(WebhookVerificationException.class,
                () -> new Webhook("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24])).verify(any.body(), headers(any)));

        // every attempt is logged: a delivery that failed first shows its failures, then its success
        // (an attempt is recorded once every send of its round has answered or timed out)
        List<Map<String, Object>> deliveries = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            deliveries.clear();
            deliveries.addAll(as(admin).queryParam("limit", 1000).get("/webhooks/{id}/deliveries", webhook)
                    .then().statusCode(200).extract().jsonPath().getList("$"));
            assertTrue(deliveries.stream().allMatch(d -> "DELIVERED".equals(d.get("status"))), "all delivered: " + deliveries);
        });
        assertEquals(9, deliveries.size(), "one delivery per event: " + deliveries);
        Map<String, Object> retried = deliveries.stream().filter(d -> ((Number) d.get("attempts")).intValue() > 1).findFirst().orElseThrow();
        JsonPath detail = as(admin).get("/webhooks/{id}/deliveries/{d}", webhook, retried.get("id")).then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> attempts = detail.getList("attempts");
        assertEquals(((Number) retried.get("attempts")).intValue(), attempts.size());
        assertEquals(204, ((Number) attempts.get(attempts.size() - 1).get("statusCode")).intValue());
        assertTrue(attempts.subList(0, attempts.size() - 1).stream().noneMatch(a -> Integer.valueOf(204).equals(a.get("statusCode"))));

        // redelivery by id: the same webhook-id and body once more
        String again = (String) deliveries.get(0).get("id");
        int before = accepted.size();
        as(admin).post("/webhooks/{id}/deliveries/{d}/redelivery", webhook, again).then().statusCode(202).body("status", equalTo("PENDING"));
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted.size() > before);
        Received redelivered = accepted.get(accepted.size() - 1);
        assertEquals(again, redelivered.id());
        assertEquals(detail.getString("payload").isEmpty(), false);
        as(admin).get("/webhooks/{id}/deliveries/{d}", webhook, again).then().statusCode(200)
                .body("payload", equalTo(redelivered.body()));
        as(admin).post("/webhooks/{id}/deliveries/{d}/redelivery", webhook, UUID.randomUUID()).then().statusCode(404);

        // removal needs the version
        as(admin).delete("/webhooks/{id}", webhook).then().statusCode(428);
        as(admin).header("If-Match", "\"0\"").delete("/webhooks/{id}", webhook).then().statusCode(204);
        as(admin).get("/webhooks/{id}", webhook).then().statusCode(404);
    }

    /** The bodies the receiver accepted for one opportunity, in arrival order, first copy of each webhook-id. */
    private List<JsonNode> received(String opportunityId) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (Received r : List.copyOf(accepted)) {
            JsonNode body = Api.json(r.body());
            if (opportunityId.equals(body.at("/data/opportunity/id").asText())) {
                byId.putIfAbsent(r.id(), body);
            }
        }
        return new ArrayList<>(byId.values());
    }

    private static Map<String, List<String>> headers(Received r) {
        return Map.of("webhook-id", List.of(r.id()), "webhook-timestamp", List.of(r.timestamp()), "webhook-signature", List.of(r.signature()));
    }
}
