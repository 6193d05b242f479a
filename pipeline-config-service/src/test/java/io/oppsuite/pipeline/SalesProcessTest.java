package io.oppsuite.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.testsupport.CloudEvents;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.oppsuite.pipeline.Api.admin;
import static io.oppsuite.pipeline.Api.as;
import static io.oppsuite.pipeline.Api.createProcess;
import static io.oppsuite.pipeline.Api.process;
import static io.oppsuite.pipeline.Api.sales;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Process structure rules, versions, events, optimistic locking; and the default process. */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_pipeline_test"))
class SalesProcessTest {

    @Test
    void aNewTenantStartsWithTheDefaultProcessSeededOnceEvenUnderConcurrentFirstUse() throws Exception {
        String tenant = Api.newTenant("seed");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String path = i % 2 == 0 ? "/sales-processes" : "/stages";
            calls.add(() -> sales(tenant).get(path).statusCode());
        }
        for (Future<Integer> f : pool.invokeAll(calls)) {
            assertEquals(200, f.get());
        }
        pool.shutdown();
        sales(tenant).get("/sales-processes").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].name", equalTo("Standard sales process")).body("items[0].version", equalTo(0))
                .body("items[0].stages.key", contains("qualification", "needs-analysis", "proposal", "negotiation", "won", "lost", "invalid"))
                .body("items[0].stages.type", contains("IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "WON", "LOST", "INVALID"));
        sales(tenant).get("/stages").then().body("total", equalTo(7));

        // the seed went out through the outbox too: a late consumer sees the catalogue and the process
        String processId = Api.defaultProcessId(tenant);
        SalesProcessSnapshot published = SalesProcessFixtures.JSON.readValue(Api.events(processId, 1).get(0).value(), SalesProcessSnapshot.class);
        assertEquals("Standard sales process", published.name());
        assertEquals(7, published.stages().size());

        // an admin who deletes the default process does not get it back
        admin(tenant).header("If-Match", Api.etag(tenant, "/sales-processes/{id}", processId)).delete("/sales-processes/{id}", processId).then().statusCode(204);
        sales(tenant).get("/sales-processes").then().body("total", equalTo(0));
    }

    @Test
    void theDefaultProcessIsFoundWithDefaultTrueAndOnlyIt() {
        String tenant = Api.newTenant("dflt");
        createProcess(tenant, process("Second", "qualification", "proposal", "won", "lost", "invalid")).then().statusCode(201);
        sales(tenant).get("/sales-processes").then().statusCode(200).body("total", equalTo(2));
        sales(tenant).queryParam("default", true).get("/sales-processes").then().statusCode(200)
                .body("total", equalTo(1)).body("items", hasSize(1)).body("items[0].name", equalTo("Standard sales process"));
        sales(tenant).queryParam("default", "maybe").get("/sales-processes").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aValidProcessIsSavedVersionedAndPublishedAsTheWholeSnapshot() {
        String tenant = Api.newTenant("proc");
        Response created = createProcess(tenant, process("Enterprise", "qualification", "proposal", "won", "lost", "invalid"));
        created.then().statusCode(201).header("ETag", "\"0\"").body("version", equalTo(0))
                .body("stages.key", contains("qualification", "proposal", "won", "lost", "invalid"))
                .body("stages[1].label", equalTo("Proposal")).body("stages[1].defaultWinRate", equalTo(50));
        String id = created.path("id");
        sales(tenant).get("/sales-processes/{id}", id).then().statusCode(200).header("ETag", "\"0\"").body("name", equalTo("Enterprise"));

        admin(tenant).header("If-Match", "\"0\"").body(process("Enterprise deals", "qualification", "needs-analysis", "proposal", "won", "lost", "invalid"))
                .put("/sales-processes/{id}", id).then().statusCode(200).header("ETag", "\"1\"").body("version", equalTo(1))
                .body("stages", hasSize(6));
        admin(tenant).header("If-Match", "\"1\"").body(Map.of("stageKeys", List.of("needs-analysis", "qualification", "proposal", "won", "lost", "invalid")))
                .put("/sales-processes/{id}/stages/order", id).then().statusCode(200).header("ETag", "\"2\"")
                .body("stages.key", contains("needs-analysis", "qualification", "proposal", "won", "lost", "invalid"));
        // a reader that has the current version is told so without the process (opportunity-service's cache check)
        sales(tenant).header("If-None-Match", "\"2\"").get("/sales-processes/{id}", id).then().statusCode(304).header("ETag", "\"2\"");
        sales(tenant).header("If-None-Match", "\"1\"").get("/sales-processes/{id}", id).then().statusCode(200).body("version", equalTo(2));
        Api.sales(Api.newTenant("other")).header("If-None-Match", "\"2\"").get("/sales-processes/{id}", id).then().statusCode(404);

        List<ConsumerRecord<String, String>> events = Api.events(id, 3);
        assertEquals(List.of("sales-process.upserted", "sales-process.upserted", "sales-process.upserted"),
                events.stream().map(Api::type).toList());
        assertEquals(tenant, CloudEvents.header(events.get(2), "ce_tenant"));
        JsonNode latest = Api.json(events.get(2).value());
        assertEquals(2, latest.get("version").asLong());
        assertEquals("Enterprise deals", latest.get("name").asText());
        assertEquals("needs-analysis", latest.at("/stages/0/key").asText());
        assertEquals("IN_PROGRESS", latest.at("/stages/0/type").asText());
        assertEquals(100, latest.at("/stages/3/defaultWinRate").asInt());

        admin(tenant).header("If-Match", "\"2\"").delete("/sales-processes/{id}", id).then().statusCode(204);
        sales(tenant).get("/sales-processes/{id}", id).then().statusCode(404);
        List<ConsumerRecord<String, String>> all = Api.events(id, 4);
        assertEquals("sales-process.deleted", Api.type(all.get(3)));
        assertEquals(id, Api.json(all.get(3).value()).get("id").asText());
    }

    @Test
    void structureRulesAreRefusedWith422NamingTheRuleAndNothingIsWritten() {
        String tenant = Api.newTenant("rules");
        assertRefused(tenant, process("No progress", "won", "lost", "invalid"), "in-progress-stage-required");
        assertRefused(tenant, process("No lost", "qualification", "won", "invalid"), "terminal-stages-required");
        assertRefused(tenant, process("No terminal", "qualification", "proposal"), "terminal-stages-required");
        assertRefused(tenant, process("Late progress", "qualification", "won", "proposal", "lost", "invalid"), "in-progress-after-terminal");
        assertRefused(tenant, process("Twice", "qualification", "qualification", "won", "lost", "invalid"), "stage-repeated");
        assertRefused(tenant, process("Unknown", "qualification", "no-such-stage", "won", "lost", "invalid"), "stage-unknown");
        Api.createStage(tenant, "won-2", "WON");
        assertRefused(tenant, process("Two wins", "qualification", "won", "won-2", "lost", "invalid"), "stage-repeated");
        admin(tenant).get("/sales-processes").then().body("total", equalTo(1));

        // every violation is listed at once
        createProcess(tenant, process("Many", "won", "qualification", "qualification", "nope")).then().statusCode(422)
                .body("rules", hasItem("in-progress-after-terminal")).body("rules", hasItem("stage-repeated"))
                .body("rules", hasItem("stage-unknown")).body("rules", hasItem("terminal-stages-required"));

        // the same rules hold for edits and reorders; the stored process is untouched
        String id = Api.defaultProcessId(tenant);
        admin(tenant).header("If-Match", Api.etag(tenant, "/sales-processes/{id}", id)).body(process("Standard sales process", "qualification", "won", "lost")).put("/sales-processes/{id}", id)
                .then().statusCode(422).body("rule", equalTo("terminal-stages-required"));
        admin(tenant).header("If-Match", Api.etag(tenant, "/sales-processes/{id}", id)).body(Map.of("stageKeys", List.of("won", "qualification", "needs-analysis", "proposal", "negotiation", "lost", "invalid")))
                .put("/sales-processes/{id}/stages/order", id).then().statusCode(422).body("rule", equalTo("in-progress-after-terminal"));
        admin(tenant).header("If-Match", Api.etag(tenant, "/sales-processes/{id}", id)).body(Map.of("stageKeys", List.of("qualification", "won", "lost", "invalid")))
                .put("/sales-processes/{id}/stages/order", id).then().statusCode(422).body("rule", equalTo("reorder-keys-mismatch"));
        admin(tenant).get("/sales-processes/{id}", id).then().header("ETag", "\"0\"").body("stages", hasSize(7));
    }

    private static void assertRefused(String tenant, Object body, String rule) {
        createProcess(tenant, body).then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://oppsuite.io/problems/sales-process-invalid"))
                .body("rule", equalTo(rule)).body("violations.rule", hasItem(rule));
    }

    @Test
    void namesAreUniquePerTenantIgnoringCase() {
        String tenant = Api.newTenant("name");
        createProcess(tenant, process("Channel", "qualification", "won", "lost", "invalid")).then().statusCode(201);
        createProcess(tenant, process("CHANNEL", "proposal", "won", "lost", "invalid")).then().statusCode(409)
                .body("type", equalTo("https://oppsuite.io/problems/sales-process-name-taken"));
        createProcess(Api.newTenant("name"), process("Channel", "qualification", "won", "lost", "invalid")).then().statusCode(201);
    }

    @Test
    void parallelCreatesWithOneNameCreateOneProcess() throws Exception {
        String tenant = Api.newTenant("dup");
        Api.defaultProcessId(tenant);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Callable<Integer>> creates = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            creates.add(() -> createProcess(tenant, process("Partner", "qualification", "won", "lost", "invalid")).statusCode());
        }
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(creates)) {
            codes.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, codes.stream().filter(c -> c == 201).count(), "codes: " + codes);
        assertEquals(5, codes.stream().filter(c -> c == 409).count(), "codes: " + codes);
        admin(tenant).get("/sales-processes").then().body("total", equalTo(2));
    }

    @Test
    void idempotencyKeyReplaysTheFirstProcessCreate() {
        String tenant = Api.newTenant("idem");
        String key = UUID.randomUUID().toString();
        Object body = process("Retried", "qualification", "won", "lost", "invalid");
        String first = admin(tenant).header("Idempotency-Key", key).body(body).post("/sales-processes").then().statusCode(201)
                .extract().path("id");
        admin(tenant).header("Idempotency-Key", key).body(body).post("/sales-processes").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first));
        admin(tenant).get("/sales-processes").then().body("total", equalTo(2));
    }

    @Test
    void onlyAdminsWriteAndOtherTenantsSeeNothing() {
        String tenant = Api.newTenant("sec");
        String id = Api.defaultProcessId(tenant);
        sales(tenant).body(process("Mine", "qualification", "won", "lost", "invalid")).post("/sales-processes").then().statusCode(403);
        as(Tokens.issue(tenant, "mgr", "manager")).body(process("Mine", "qualification", "won", "lost", "invalid"))
                .put("/sales-processes/{id}", id).then().statusCode(403);
        sales(tenant).delete("/sales-processes/{id}", id).then().statusCode(403);
        sales(tenant).body(Map.of("stageKeys", List.of("a"))).put("/sales-processes/{id}/stages/order", id).then().statusCode(403);
        String other = Api.newTenant("sec");
        admin(other).get("/sales-processes/{id}", id).then().statusCode(404);
        admin(other).header("If-Match", "\"0\"").body(process("Mine", "qualification", "won", "lost", "invalid")).put("/sales-processes/{id}", id).then().statusCode(404);
        admin(other).header("If-Match", "\"0\"").delete("/sales-processes/{id}", id).then().statusCode(404);
        sales(tenant).get("/sales-processes/{id}", id).then().statusCode(200).header("ETag", "\"0\"");
    }

    @Test
    void aStaleIfMatchIs412() {
        String tenant = Api.newTenant("stale");
        String id = Api.defaultProcessId(tenant);
        admin(tenant).header("If-Match", "\"0\"").body(process("Renamed", "qualification", "won", "lost", "invalid"))
                .put("/sales-processes/{id}", id).then().statusCode(200);
        admin(tenant).header("If-Match", "\"0\"").body(process("Overwrite", "proposal", "won", "lost", "invalid"))
                .put("/sales-processes/{id}", id).then().statusCode(412).body("currentVersion", equalTo(1));
        admin(tenant).header("If-Match", "\"0\"").body(Map.of("stageKeys", List.of("qualification", "won", "lost", "invalid")))
                .put("/sales-processes/{id}/stages/order", id).then().statusCode(412);
        admin(tenant).header("If-Match", "\"0\"").delete("/sales-processes/{id}", id).then().statusCode(412);
        admin(tenant).header("If-Match", "not-an-etag").delete("/sales-processes/{id}", id).then().statusCode(400);
        // no If-Match: 428; a weak validator never matches a write
        admin(tenant).delete("/sales-processes/{id}", id).then().statusCode(428).contentType("application/problem+json");
        admin(tenant).header("If-Match", "W/\"1\"").delete("/sales-processes/{id}", id).then().statusCode(412)
                .body("type", equalTo("https://oppsuite.io/problems/weak-validator"));
        admin(tenant).get("/sales-processes/{id}", id).then().body("name", equalTo("Renamed")).header("ETag", "\"1\"");
    }

    @Test
    void parallelEditsOnOneVersionExactlyOneWinsNoSilentOverwrite() throws Exception {
        String tenant = Api.newTenant("race");
        String id = Api.defaultProcessId(tenant);
        int writers = 12;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Callable<Integer>> edits = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String name = "Edit " + i;
            edits.add(() -> admin(tenant).header("If-Match", "\"0\"").body(process(name, "qualification", "proposal", "won", "lost", "invalid"))
                    .put("/sales-processes/{id}", id).statusCode());
        }
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(edits)) {
            codes.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, codes.stream().filter(c -> c == 200).count(), "codes: " + codes);
        // a loser is told its version is stale, whether the check caught it on read or at the write
        assertEquals(writers - 1, codes.stream().filter(c -> c == 412).count(), "codes: " + codes);
        String winner = admin(tenant).get("/sales-processes/{id}", id).then().header("ETag", "\"1\"").extract().path("name");
        assertTrue(winner.startsWith("Edit "), winner);
        // exactly one change was published after the seed
        List<ConsumerRecord<String, String>> events = Api.events(id, 2);
        assertEquals(2, io.oppsuite.testsupport.TopicProbe.all(io.oppsuite.common.events.Topics.PIPELINE_CONFIG_EVENTS,
                io.oppsuite.testsupport.TopicProbe.key(id), java.time.Duration.ofSeconds(2)).size());
        assertEquals(winner, Api.json(events.get(1).value()).get("name").asText());
    }

    @Test
    void aLateConsumerRebuildsTheWholeConfigurationFromTheTopic() {
        String tenant = Api.newTenant("late");
        String processId = Api.defaultProcessId(tenant);
        String extra = Api.createStage(tenant, "demo", "IN_PROGRESS");
        String gone = Api.createStage(tenant, "temp", "IN_PROGRESS");
        admin(tenant).header("If-Match", Api.etag(tenant, "/stages/{id}", gone)).delete("/stages/{id}", gone).then().statusCode(204);
        admin(tenant).header("If-Match", Api.etag(tenant, "/sales-processes/{id}", processId)).body(process("Standard sales process", "qualification", "demo", "won", "lost", "invalid"))
                .put("/sales-processes/{id}", processId).then().statusCode(200);
        Api.events(gone, 2);
        Api.events(processId, 2);

        Map<String, ConsumerRecord<String, String>> latest = Api.latestPerKey(tenant);
        // 7 default stages + demo + temp (deleted) + the process
        assertEquals(10, latest.size(), latest.keySet().toString());
        assertEquals("stage.deleted", Api.type(latest.get(gone)));
        assertEquals("stage.upserted", Api.type(latest.get(extra)));
        JsonNode process = Api.json(latest.get(processId).value());
        assertEquals(1, process.get("version").asLong());
        assertEquals("demo", process.at("/stages/1/key").asText());
        assertEquals(UUID.fromString(processId).toString(), process.get("id").asText());
    }
}
