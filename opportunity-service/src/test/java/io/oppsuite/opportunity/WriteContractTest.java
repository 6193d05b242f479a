package io.oppsuite.opportunity;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.testsupport.CloudEvents;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.oppsuite.testsupport.TopicProbe;
import io.oppsuite.common.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.oppsuite.opportunity.Api.as;
import static io.oppsuite.opportunity.Api.createId;
import static io.oppsuite.opportunity.Api.etag;
import static io.oppsuite.opportunity.Api.move;
import static io.oppsuite.opportunity.Api.opportunity;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The write contract over REST and Kafka: PATCH as JSON Merge Patch (null clears, a no-op
 * writes nothing), If-Match on every write (428 / 412 / weak refused; 30 racing writes: one wins,
 * 29 are told 412 with the current version), closed deals deleted by admins only and reopened by
 * managers with a reason, stage history and stage-changed with the reason and the waived rules,
 * every answer the GET representation, the win rate of a move, holding limits on PATCH and move.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_opportunity_test"))
@QuarkusTestResource(HoldingStub.class)
class WriteContractTest {

    static final String TENANT = "writes";
    static final String STANDARD = UUID.randomUUID().toString();
    static final String GOVERNED = UUID.randomUUID().toString();
    static final String rep = Tokens.inDepartment(TENANT, "rep-w", "d-w", "sales");
    static final String manager = Tokens.inDepartment(TENANT, "boss-w", "d-w", "manager");
    static final String admin = Tokens.admin(TENANT);
    static final String PROBLEM = "https://oppsuite.io/problems/";

    static boolean published;

    @BeforeEach
    void processes() {
        if (!published) {
            Api.publishAndAwait(TENANT, SalesProcessFixtures.standard(STANDARD, 1), rep);
            Api.publishAndAwait(TENANT, Processes.governed(GOVERNED, null), rep);
            published = true;
        }
    }

    @AfterEach
    void stubBack() {
        System.clearProperty(HoldingStub.REFUSE_OWNER);
    }

    @Test
    void everyRefusalNamesAProblemTypeOfOursAndNoJavaClass() {
        String id = deal("typed problems");
        // a field PATCH does not take (the owner changes through its own endpoint): read like any body's unknown field
        String unknown = as(rep).header("If-Match", "\"0\"").body(Map.of("ownerId", "rep-x")).patch("/opportunities/{id}", id)
                .then().statusCode(400).body("type", equalTo(PROBLEM + "unreadable-body")).body("field", equalTo("ownerId"))
                .extract().asString();
        assertTrue(!unknown.contains("io.oppsuite") && !unknown.contains("UpdateOpportunity"), unknown);
        as(rep).header("If-Match", "\"0\"").body(Map.of("amount", "lots")).patch("/opportunities/{id}", id)
                .then().statusCode(400).body("type", equalTo(PROBLEM + "unreadable-body")).body("field", equalTo("amount"));
        // the merged document failing validation: the violations as for any body, each in the body
        as(rep).header("If-Match", "\"0\"").body(Map.of("amount", -5)).patch("/opportunities/{id}", id)
                .then().statusCode(400).body("type", equalTo(PROBLEM + "bad-request"))
                .body("violations[0].field", equalTo("amount")).body("violations[0].in", equalTo("body"));
        // what the framework answers itself: bean validation, an unknown path, a method or media type not taken
        as(rep).queryParam("size", 0).get("/opportunities").then().statusCode(400)
                .body("type", equalTo(PROBLEM + "bad-request")).body("violations[0].field", equalTo("size"));
        as(rep).body(Map.of()).post("/opportunities").then().statusCode(400).body("type", equalTo(PROBLEM + "bad-request"));
        as(rep).get("/no-such-path").then().statusCode(404).body("type", equalTo(PROBLEM + "not-found"));
        as(rep).delete("/opportunities").then().statusCode(405).body("type", equalTo(PROBLEM + "method-not-allowed"));
        as(rep).contentType("text/plain").body("x").post("/opportunities").then().statusCode(415)
                .body("type", equalTo(PROBLEM + "unsupported-media-type"));
    }

    static String deal(String name) {
        return createId(rep, opportunity(name + " " + UUID.randomUUID(), STANDARD, "contactName", "Ann", "expectedCloseDate", "2027-03-31",
                "customFields", Map.of("budget", 5000, "source", "fair")));
    }

    static List<String> types(String id) {
        return TopicProbe.all(Topics.OPPORTUNITY_EVENTS, TopicProbe.key(id), Duration.ofSeconds(2)).stream()
                .map(r -> CloudEvents.header(r, "ce_type")).toList();
    }

    /** The same members with the same values (numbers by value: 40 and 40.00 are one win rate). */
    static void sameJson(Response get, Response answer) {
        JsonNode expected = Api.json(get.asString());
        JsonNode actual = Api.json(answer.asString());
        java.util.Comparator<JsonNode> byValue = (a, b) -> a.isNumber() && b.isNumber()
                ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;
        assertTrue(expected.equals(byValue, actual), "GET " + expected + "\nanswer " + actual);
        assertEquals(get.header("ETag"), answer.header("ETag"));
    }

    /** Line items are in their deal's currency: they may repeat it, never name another, and answer with it. */
    @Test
    void lineItemsShareTheirDealsCurrency() {
        Map<String, Object> item = Map.of("productName", "Licence", "quantity", 2, "unitPrice", 100);
        String name = "Currency " + UUID.randomUUID();
        Api.create(rep, opportunity(name, STANDARD, "currency", "JPY", "lineItems", List.of(Map.of("productName", "Licence", "quantity", 2,
                        "unitPrice", 100, "currency", "EUR")))).then().statusCode(422)
                .body("type", equalTo(PROBLEM + "line-item-currency")).body("currency", equalTo("JPY"));
        String id = createId(rep, opportunity(name, STANDARD, "currency", "JPY", "lineItems", List.of(item,
                Map.of("productName", "Support", "quantity", 1, "unitPrice", 50, "currency", "JPY"))));
        as(rep).get("/opportunities/{id}", id).then().statusCode(200).body("lineItems.currency", equalTo(List.of("JPY", "JPY")))
                .body("currency", equalTo("JPY"));
        as(rep).header("If-Match", Api.etag(rep, id)).body(Map.of("lineItems", List.of(Map.of("productName", "X", "quantity", 1,
                "unitPrice", 1, "currency", "USD")))).put("/opportunities/{id}/line-items", id).then().statusCode(422)
                .body("type", equalTo(PROBLEM + "line-item-currency"));
        // the deal changes currency: its line items with it
        as(rep).contentType("application/merge-patch+json").header("If-Match", Api.etag(rep, id)).body(Map.of("currency", "EUR"))
                .patch("/opportunities/{id}", id).then().statusCode(200).body("lineItems.currency", equalTo(List.of("EUR", "EUR")));
    }

    @Test
    void patchIsAJsonMergePatchAndNullClears() {
        String id = deal("Merge");
        Map<String, Object> patch = new HashMap<>();
        patch.put("contactName", null);
        patch.put("expectedCloseDate", null);
        Map<String, Object> custom = new HashMap<>();
        custom.put("source", null);
        custom.put("tier", "gold");
        patch.put("customFields", custom);
        as(rep).header("If-Match", "\"0\"").contentType("application/merge-patch+json").body(patch).patch("/opportunities/{id}", id)
                .then().statusCode(200).header("ETag", "\"1\"")
                .body("contactName", nullValue()).body("expectedCloseDate", nullValue())
                .body("customFields.budget", equalTo(5000)).body("customFields.tier", equalTo("gold"))
                .body("customFields.source", nullValue()).body("lineItems", hasSize(0));
        as(rep).get("/opportunities/{id}", id).then().body("contactName", nullValue()).body("customFields.source", nullValue())
                .body("customFields.budget", equalTo(5000));
        // a required field cannot be cleared; server-owned and unknown members are refused; a patch is an object
        Map<String, Object> clearName = new HashMap<>();
        clearName.put("name", null);
        as(rep).header("If-Match", "\"1\"").body(clearName).patch("/opportunities/{id}", id).then().statusCode(400)
                .contentType("application/problem+json");
        as(rep).header("If-Match", "\"1\"").body(Map.of("stageKey", "won")).patch("/opportunities/{id}", id).then().statusCode(400);
        as(rep).header("If-Match", "\"1\"").body(Map.of("version", 7)).patch("/opportunities/{id}", id).then().statusCode(400);
        as(rep).header("If-Match", "\"1\"").body(List.of(1, 2)).patch("/opportunities/{id}", id).then().statusCode(400);
        as(rep).header("If-Match", "\"1\"").body(Map.of("customFields", "flat")).patch("/opportunities/{id}", id).then().statusCode(400);
        as(rep).header("If-Match", "\"1\"").body(Map.of("amount", "lots")).patch("/opportunities/{id}", id).then().statusCode(400);
        as(rep).get("/opportunities/{id}", id).then().header("ETag", "\"1\"");
    }

    @Test
    void aPatchThatChangesNothingKeepsTheVersionAndEmitsNothing() {
        String id = deal("Same");
        Api.events(id, 1);
        JsonNode before = Api.json(as(rep).get("/opportunities/{id}", id).asString());
        // the same values, one amount written differently (1000 and 1000.00 are one amount)
        as(rep).header("If-Match", "\"0\"").body(Map.of("amount", 1000.00, "currency", "EUR", "customFields", Map.of("budget", 5000)))
                .patch("/opportunities/{id}", id).then().statusCode(200).header("ETag", "\"0\"").body("version", equalTo(0));
        as(rep).header("If-Match", "\"0\"").body(Map.of()).patch("/opportunities/{id}", id).then().statusCode(200).header("ETag", "\"0\"");
        assertEquals(before, Api.json(as(rep).get("/opportunities/{id}", id).asString()));
        assertEquals(List.of("opportunity.created"), types(id));
        // a real change is one version and one event
        as(rep).header("If-Match", "\"0\"").body(Map.of("amount", 1001)).patch("/opportunities/{id}", id).then().statusCode(200)
                .header("ETag", "\"1\"");
        assertEquals(List.of("opportunity.created", "opportunity.updated"), Api.eventTypes(id, 2));
        // the update says what changed, old and new, in the events' one number form
        JsonNode changes = Api.json(Api.events(id, 2).get(1).value()).path("changes");
        assertEquals(1, changes.size(), changes.toString());
        assertEquals("amount", changes.get(0).path("field").asText());
        assertEquals("1000", changes.get(0).path("old").toString());
        assertEquals("1001", changes.get(0).path("new").toString());
    }

    @Test
    void everyWriteToADealNeedsAStrongIfMatch() {
        String id = deal("Guarded");
        String pool = as(admin).body(Map.of("name", "Guard pool " + UUID.randomUUID(), "memberDepartments", List.of("d-w"),
                "memberGroups", List.of())).post("/opportunity-pools").then().statusCode(201).extract().path("id");
        List<Response> unguarded = List.of(
                as(rep).body(Map.of("name", "x")).patch("/opportunities/{id}", id),
                as(rep).body(Map.of("toStage", "proposal")).post("/opportunities/{id}/stage-transitions", id),
                as(rep).body(Map.of("ownerId", "rep-x")).post("/opportunities/{id}/owner", id),
                as(rep).body(Map.of("poolId", pool)).post("/opportunities/{id}/return-to-pool", id),
                as(rep).body(Map.of("lineItems", List.of())).put("/opportunities/{id}/line-items", id),
                as(manager).body(Map.of("toStage", "qualification", "reason", "x")).post("/opportunities/{id}/reopen", id),
                as(rep).delete("/opportunities/{id}", id),
                as(rep).header("If-Match", "*").body(Map.of("name", "x")).patch("/opportunities/{id}", id));
        for (Response r : unguarded) {
            r.then().statusCode(428).contentType("application/problem+json").body("type", equalTo(PROBLEM + "precondition-required"));
        }
        as(rep).header("If-Match", "W/\"0\"").body(Map.of("name", "x")).patch("/opportunities/{id}", id).then().statusCode(412)
                .body("type", equalTo(PROBLEM + "weak-validator"));
        as(rep).header("If-Match", "0").body(Map.of("name", "x")).patch("/opportunities/{id}", id).then().statusCode(400);
        as(rep).header("If-Match", "\"9\"").delete("/opportunities/{id}", id).then().statusCode(412).body("currentVersion", equalTo(0));
        as(rep).get("/opportunities/{id}", id).then().statusCode(200).header("ETag", "\"0\"");
        // configuration too: a duplicate rule is deleted as the version the admin saw
        String otherAdmin = Tokens.admin("writes-config");
        String rule = as(otherAdmin).body(Map.of("name", "Same account", "action", "WARN", "appliesTo", "ALL",
                "matchers", List.of(Map.of("type", "ACCOUNT_EXACT")))).post("/duplicate-rules").then().statusCode(201).extract().path("id");
        as(otherAdmin).delete("/duplicate-rules/{id}", rule).then().statusCode(428);
        as(otherAdmin).header("If-Match", "\"3\"").delete("/duplicate-rules/{id}", rule).then().statusCode(412).body("currentVersion", equalTo(0));
        as(otherAdmin).header("If-Match", "\"0\"").delete("/duplicate-rules/{id}", rule).then().statusCode(204);
    }

    @Test
    void theOpenApiDocumentsIfMatchOnEveryWriteToADeal() {
        JsonNode api = Api.json(io.restassured.RestAssured.given().accept("application/json").get("/q/openapi?format=json").asString());
        for (String[] op : new String[][]{{"/opportunities/{id}", "patch"}, {"/opportunities/{id}", "delete"},
                {"/opportunities/{id}/stage-transitions", "post"}, {"/opportunities/{id}/reopen", "post"},
                {"/opportunities/{id}/owner", "post"}, {"/opportunities/{id}/return-to-pool", "post"},
                {"/opportunities/{id}/line-items", "put"}, {"/opportunity-pools/{id}", "put"}, {"/duplicate-rules/{id}", "delete"}}) {
            JsonNode operation = api.at("/paths/" + op[0].replace("/", "~1") + "/" + op[1]);
            JsonNode ifMatch = null;
            for (JsonNode p : operation.get("parameters")) {
                if ("If-Match".equals(p.get("name").asText())) {
                    ifMatch = p;
                }
            }
            assertTrue(ifMatch != null && ifMatch.get("required").asBoolean(), op[1] + " " + op[0] + " requires If-Match");
            assertTrue(operation.at("/responses/412").isObject() && operation.at("/responses/428").isObject(), op[1] + " " + op[0]);
        }
        JsonNode claim = api.at("/paths/~1opportunities~1{id}~1claim/post");
        assertTrue(claim.at("/responses/428").isMissingNode(), "a claim's If-Match stays optional");
    }

    @Test
    void thirtyParallelPatchesOnOneVersionOneWinsTheRestAreToldTheCurrentVersion() throws Exception {
        String id = deal("Contended");
        ExecutorService pool = Executors.newFixedThreadPool(30);
        List<Callable<Response>> patches = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int k = i;
            patches.add(() -> as(rep).header("If-Match", "\"0\"").body(Map.of("name", "Writer " + k)).patch("/opportunities/{id}", id));
        }
        List<Response> answers = new ArrayList<>();
        for (Future<Response> f : pool.invokeAll(patches)) {
            answers.add(f.get());
        }
        pool.shutdown();
        List<Integer> codes = answers.stream().map(Response::statusCode).toList();
        assertEquals(1, codes.stream().filter(c -> c == 200).count(), "codes " + codes);
        assertEquals(29, codes.stream().filter(c -> c == 412).count(), "codes " + codes);
        for (Response r : answers) {
            if (r.statusCode() == 412) {
                r.then().body("type", equalTo(PROBLEM + "stale-version")).body("currentVersion", equalTo(1));
            }
        }
        as(rep).get("/opportunities/{id}", id).then().header("ETag", "\"1\"");
        assertEquals(List.of("opportunity.created", "opportunity.updated"), Api.eventTypes(id, 2));
    }

    @Test
    void closedDealsAreDeletedByAdminsOnlyAndReopenedByManagersWithAReason() {
        String id = deal("Closing");
        move(rep, id, "proposal", null).then().statusCode(200);
        move(rep, id, "negotiation", null).then().statusCode(200);
        move(rep, id, "won", null).then().statusCode(200).body("status", equalTo("WON"));
        as(rep).header("If-Match", etag(rep, id)).delete("/opportunities/{id}", id).then().statusCode(403)
                .contentType("application/problem+json");
        as(manager).header("If-Match", etag(rep, id)).delete("/opportunities/{id}", id).then().statusCode(403);
        // reopening: managers and admins, into an in-progress stage, with a reason
        String version = etag(rep, id);
        as(rep).header("If-Match", version).body(Map.of("toStage", "negotiation", "reason", "customer came back"))
                .post("/opportunities/{id}/reopen", id).then().statusCode(403);
        as(manager).header("If-Match", version).body(Map.of("toStage", "negotiation")).post("/opportunities/{id}/reopen", id)
                .then().statusCode(400);
        as(manager).header("If-Match", version).body(Map.of("toStage", "won", "reason", "again")).post("/opportunities/{id}/reopen", id)
                .then().statusCode(422).body("unmetRules.name", equalTo(List.of("target-in-progress")));
        as(Tokens.inDepartment(TENANT, "boss-x", "d-other", "manager")).header("If-Match", version)
                .body(Map.of("toStage", "negotiation", "reason", "x")).post("/opportunities/{id}/reopen", id).then().statusCode(404);
        as(manager).header("If-Match", version).body(Map.of("toStage", "negotiation", "reason", "customer came back"))
                .post("/opportunities/{id}/reopen", id).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("stageKey", equalTo("negotiation")).body("winRate", equalTo(70))
                .body("lineItems", hasSize(0));
        as(rep).get("/opportunities/{id}/stage-history", id).then().body("$", hasSize(5))
                .body("[4].fromStage", equalTo("won")).body("[4].toStage", equalTo("negotiation"))
                .body("[4].reason", equalTo("customer came back")).body("[4].changedBy", equalTo("boss-w"));
        List<ConsumerRecord<String, String>> events = Api.events(id, 7);
        ConsumerRecord<String, String> reopened = events.get(events.size() - 1);
        assertEquals("opportunity.stage-changed", CloudEvents.header(reopened, "ce_type"));
        JsonNode data = Api.json(reopened.value());
        assertEquals("won", data.at("/from/key").asText());
        assertEquals("negotiation", data.at("/to/key").asText());
        assertEquals("customer came back", data.at("/reason").asText());
        assertEquals("ACTIVE", data.at("/opportunity/status").asText());
        // open again: a rep deletes it as before; reopening an open deal is refused
        as(manager).header("If-Match", etag(rep, id)).body(Map.of("toStage", "proposal", "reason", "x")).post("/opportunities/{id}/reopen", id)
                .then().statusCode(422).body("unmetRules.name", equalTo(List.of("opportunity-closed")));
        String lost = deal("Lost for good");
        move(rep, lost, "lost", "price").then().statusCode(200);
        as(admin).header("If-Match", etag(admin, lost)).delete("/opportunities/{id}", lost).then().statusCode(204);
        as(rep).header("If-Match", etag(rep, id)).delete("/opportunities/{id}", id).then().statusCode(204);
    }

    @Test
    void aTerminalBypassRecordsItsReasonAndTheRulesItWaived() {
        String id = createId(rep, opportunity("Bypass " + UUID.randomUUID(), GOVERNED));
        // qualification's task (close date + budget) is not done; lost ignores in-progress rules
        move(rep, id, "lost", "timing").then().statusCode(200).body("status", equalTo("LOST")).body("closeReason", equalTo("timing"));
        as(rep).get("/opportunities/{id}/stage-history", id).then().body("$", hasSize(2))
                .body("[0].reason", nullValue()).body("[0].waivedRules", nullValue())
                .body("[1].reason", equalTo("timing"))
                .body("[1].waivedRules.name", equalTo(List.of("completion-task:t-fields")));
        ConsumerRecord<String, String> changed = Api.events(id, 3).get(1);
        assertEquals("opportunity.stage-changed", CloudEvents.header(changed, "ce_type"));
        JsonNode data = Api.json(changed.value());
        assertEquals("timing", data.at("/reason").asText());
        assertEquals("completion-task:t-fields", data.at("/waivedRules/0/name").asText());
        assertTrue(data.at("/waivedRules/0/detail").asText().contains("Fill close date and budget"));
    }

    @Test
    void everyAnswerWithADealIsWhatGetAnswersAndAMoveSetsTheStagesWinRate() {
        String id = createId(rep, opportunity("Shape " + UUID.randomUUID(), STANDARD, "lineItems",
                List.of(Map.of("productName", "Widget", "quantity", 2, "unitPrice", 100))));
        Response moved = move(rep, id, "proposal", null);
        moved.then().statusCode(200).body("winRate", equalTo(40)).body("lineItems", hasSize(1));
        sameJson(as(rep).get("/opportunities/{id}", id), moved);
        // a win rate given with the move is kept
        as(rep).header("If-Match", etag(rep, id)).body(Map.of("toStage", "negotiation", "winRate", 55))
                .post("/opportunities/{id}/stage-transitions", id).then().statusCode(200).body("winRate", equalTo(55));
        as(rep).header("If-Match", etag(rep, id)).body(Map.of("toStage", "proposal", "winRate", 101))
                .post("/opportunities/{id}/stage-transitions", id).then().statusCode(400);
        move(rep, id, "proposal", null).then().statusCode(200).body("winRate", equalTo(40));
        Response owner = as(manager).header("If-Match", etag(rep, id)).body(Map.of("ownerId", "rep-w2")).post("/opportunities/{id}/owner", id);
        owner.then().statusCode(200).body("lineItems", hasSize(1));
        sameJson(as(admin).get("/opportunities/{id}", id), owner);
        Response patched = as(admin).header("If-Match", etag(admin, id)).body(Map.of("name", "Shape renamed")).patch("/opportunities/{id}", id);
        sameJson(as(admin).get("/opportunities/{id}", id), patched);
    }

    @Test
    void aPatchOrMoveThatWouldPassTheOwnersHoldingLimitIsRefusedAsACreateIs() {
        String id = createId(admin, opportunity("Held " + UUID.randomUUID(), STANDARD, "ownerId", "full-rep", "departmentId", "d-w"));
        System.setProperty(HoldingStub.REFUSE_OWNER, "full-rep");
        as(admin).header("If-Match", "\"0\"").body(Map.of("amount", 99_000)).patch("/opportunities/{id}", id).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo(PROBLEM + "holding-limit-exceeded"))
                .body("ruleName", equalTo("Three per rep"));
        move(admin, id, "proposal", null).then().statusCode(409).body("type", equalTo(PROBLEM + "holding-limit-exceeded"));
        as(admin).get("/opportunities/{id}", id).then().header("ETag", "\"0\"").body("amount", equalTo(1000.0f))
                .body("stageKey", equalTo("qualification"));
        assertTrue(Api.holdingCalls().contains("reserve full-rep bearer"));
        System.clearProperty(HoldingStub.REFUSE_OWNER);
        as(admin).header("If-Match", "\"0\"").body(Map.of("amount", 99_000)).patch("/opportunities/{id}", id).then().statusCode(200);
        // moving out to a terminal stage reserves nothing: it stops counting
        System.setProperty(HoldingStub.REFUSE_OWNER, "full-rep");
        move(admin, id, "lost", "price").then().statusCode(200);
    }
}
