package io.oppsuite.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.testsupport.CloudEvents;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.oppsuite.pipeline.Api.admin;
import static io.oppsuite.pipeline.Api.as;
import static io.oppsuite.pipeline.Api.sales;
import static io.oppsuite.pipeline.Api.stage;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The stage catalogue over REST (admin writes, everyone reads) and its stage events on Kafka. */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_pipeline_test"))
class StageCatalogueTest {

    @Test
    void adminCreatesReadsUpdatesAndDeletesAStageAndEachChangeIsPublished() {
        String tenant = Api.newTenant("cat");
        Response created = admin(tenant).body(stage("discovery", "Discovery", "IN_PROGRESS", 20)).post("/stages");
        created.then().statusCode(201).header("ETag", "\"0\"").header("Location", org.hamcrest.Matchers.endsWith("/stages/" + created.path("id")))
                .body("key", equalTo("discovery")).body("type", equalTo("IN_PROGRESS")).body("defaultWinRate", equalTo(20));
        String id = created.path("id");

        // everyone in the tenant reads it
        sales(tenant).get("/stages/{id}", id).then().statusCode(200).header("ETag", "\"0\"").body("label", equalTo("Discovery"));

        admin(tenant).header("If-Match", "\"0\"").body(stage("discovery", "Discovery call", "IN_PROGRESS", 15))
                .put("/stages/{id}", id).then().statusCode(200).header("ETag", "\"1\"").body("label", equalTo("Discovery call"))
                .body("defaultWinRate", equalTo(15));
        // a write based on the old version is refused, nothing changes
        admin(tenant).header("If-Match", "\"0\"").body(stage("discovery", "Overwritten", "IN_PROGRESS", 99))
                .put("/stages/{id}", id).then().statusCode(412).contentType("application/problem+json").body("currentVersion", equalTo(1));
        sales(tenant).get("/stages/{id}", id).then().body("label", equalTo("Discovery call"));

        admin(tenant).header("If-Match", "\"1\"").delete("/stages/{id}", id).then().statusCode(204);
        sales(tenant).get("/stages/{id}", id).then().statusCode(404).contentType("application/problem+json");

        List<ConsumerRecord<String, String>> events = Api.events(id, 3);
        assertEquals(List.of("stage.upserted", "stage.upserted", "stage.deleted"), events.stream().map(Api::type).toList());
        assertEquals(tenant, CloudEvents.header(events.get(0), "ce_tenant"));
        JsonNode first = Api.json(events.get(0).value());
        assertEquals("discovery", first.get("key").asText());
        assertEquals("IN_PROGRESS", first.get("type").asText());
        assertEquals(20, first.get("defaultWinRate").asInt());
        assertEquals("Discovery call", Api.json(events.get(1).value()).get("label").asText());
        assertEquals(id, Api.json(events.get(2).value()).get("id").asText());
    }

    @Test
    void onlyAdminsWrite() {
        String tenant = Api.newTenant("cat");
        String proposal = Api.stageId(tenant, "proposal");
        sales(tenant).body(stage("x", "X", "IN_PROGRESS", 1)).post("/stages").then().statusCode(403);
        as(Tokens.issue(tenant, "mgr-1", "manager")).body(stage("x", "X", "IN_PROGRESS", 1)).post("/stages").then().statusCode(403);
        sales(tenant).body(stage("proposal", "P", "IN_PROGRESS", 1)).put("/stages/{id}", proposal).then().statusCode(403);
        sales(tenant).delete("/stages/{id}", proposal).then().statusCode(403);
        given().get("/stages").then().statusCode(401);
        as(Tokens.issue(tenant, "mgr-1", "manager")).get("/stages/{id}", proposal).then().statusCode(200);
    }

    @Test
    void anotherTenantsStageIsNotFound() {
        String tenant = Api.newTenant("cat");
        String id = Api.createStage(tenant, "secret", "IN_PROGRESS");
        String other = Api.newTenant("other");
        admin(other).get("/stages/{id}", id).then().statusCode(404);
        admin(other).header("If-Match", "\"0\"").body(stage("secret", "Mine", "IN_PROGRESS", 1)).put("/stages/{id}", id).then().statusCode(404);
        admin(other).header("If-Match", "\"0\"").delete("/stages/{id}", id).then().statusCode(404);
        admin(tenant).get("/stages/{id}", id).then().statusCode(200).body("label", equalTo("secret"));
        // keys are unique per tenant only
        admin(other).body(stage("secret", "Mine", "IN_PROGRESS", 1)).post("/stages").then().statusCode(201);
    }

    @Test
    void keyIsUniqueAndImmutable() {
        String tenant = Api.newTenant("cat");
        String id = Api.createStage(tenant, "demo", "IN_PROGRESS");
        admin(tenant).body(stage("demo", "Again", "IN_PROGRESS", 1)).post("/stages").then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("https://oppsuite.io/problems/stage-key-taken"))
                .body("id", equalTo(id));
        admin(tenant).header("If-Match", Api.etag(tenant, "/stages/{id}", id)).body(stage("demo-2", "Renamed", "IN_PROGRESS", 1)).put("/stages/{id}", id).then().statusCode(422)
                .body("rule", equalTo("stage-key-immutable"));
    }

    @Test
    void parallelCreatesOfOneKeyCreateOneStage() throws Exception {
        String tenant = Api.newTenant("cat");
        Api.stageId(tenant, "won");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        List<java.util.concurrent.Callable<Integer>> creates = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            creates.add(() -> admin(tenant).body(stage("racing", "Racing", "IN_PROGRESS", 5)).post("/stages").statusCode());
        }
        List<Integer> codes = new java.util.ArrayList<>();
        for (var f : pool.invokeAll(creates)) {
            codes.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, codes.stream().filter(c -> c == 201).count(), "codes: " + codes);
        assertEquals(5, codes.stream().filter(c -> c == 409).count(), "codes: " + codes);
        admin(tenant).get("/stages").then().body("total", equalTo(8));
    }

    @Test
    void idempotencyKeyReplaysTheFirstCreate() {
        String tenant = Api.newTenant("cat");
        String key = UUID.randomUUID().toString();
        String first = admin(tenant).header("Idempotency-Key", key).body(stage("retry", "Retry", "IN_PROGRESS", 5)).post("/stages")
                .then().statusCode(201).extract().path("id");
        admin(tenant).header("Idempotency-Key", key).body(stage("retry", "Retry", "IN_PROGRESS", 5)).post("/stages")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        admin(tenant).header("Idempotency-Key", key).body(stage("retry", "Other", "IN_PROGRESS", 5)).post("/stages")
                .then().statusCode(422);
        assertEquals(1, Api.events(first, 1).size());
    }

    @Test
    void aStageInAProcessCannotBeDeleted() {
        String tenant = Api.newTenant("cat");
        String proposal = Api.stageId(tenant, "proposal");
        admin(tenant).header("If-Match", Api.etag(tenant, "/stages/{id}", proposal)).delete("/stages/{id}", proposal).then().statusCode(409)
                .body("type", equalTo("https://oppsuite.io/problems/stage-in-process"))
                .body("processes", hasItem("Standard sales process"));
        sales(tenant).get("/stages/{id}/usage", proposal).then().statusCode(200).body("opportunities", equalTo(0))
                .body("processes", hasSize(1));
    }

    @Test
    void changingAStageRepublishesTheProcessesThatUseItWithANewVersion() {
        String tenant = Api.newTenant("cat");
        String processId = Api.defaultProcessId(tenant);
        long before = ((Number) admin(tenant).get("/sales-processes/{id}", processId).path("version")).longValue();
        String proposal = Api.stageId(tenant, "proposal");
        admin(tenant).header("If-Match", Api.etag(tenant, "/stages/{id}", proposal)).body(stage("proposal", "Offer", "IN_PROGRESS", 55)).put("/stages/{id}", proposal).then().statusCode(200);
        admin(tenant).get("/sales-processes/{id}", processId).then().statusCode(200)
                .header("ETag", "\"" + (before + 1) + "\"")
                .body("stages.find { it.key == 'proposal' }.label", equalTo("Offer"))
                .body("stages.find { it.key == 'proposal' }.defaultWinRate", equalTo(55));
        List<ConsumerRecord<String, String>> events = Api.events(processId, 2);
        JsonNode latest = Api.json(events.get(events.size() - 1).value());
        assertEquals(before + 1, latest.get("version").asLong());
        assertEquals("Offer", latest.at("/stages/2/label").asText());

        // a type change that would break the process is refused, nothing changes
        admin(tenant).header("If-Match", Api.etag(tenant, "/stages/{id}", proposal)).body(stage("proposal", "Offer", "WON", 55)).put("/stages/{id}", proposal).then().statusCode(422)
                .body("type", equalTo("https://oppsuite.io/problems/sales-process-invalid"));
        admin(tenant).get("/stages/{id}", proposal).then().body("type", equalTo("IN_PROGRESS"));
    }

    @Test
    void listingIsPaged() {
        String tenant = Api.newTenant("cat");
        admin(tenant).queryParam("page", 0).queryParam("size", 3).get("/stages").then().statusCode(200)
                .body("items", hasSize(3)).body("total", equalTo(7)).body("page", equalTo(0)).body("size", equalTo(3))
                .body("items[0].key", equalTo("qualification"));
        admin(tenant).queryParam("page", 2).queryParam("size", 3).get("/stages").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].key", equalTo("invalid"));
        admin(tenant).queryParam("size", 0).get("/stages").then().statusCode(400);
        admin(tenant).queryParam("size", 201).get("/stages").then().statusCode(400);
        admin(tenant).queryParam("page", -1).get("/stages").then().statusCode(400);
    }
}
