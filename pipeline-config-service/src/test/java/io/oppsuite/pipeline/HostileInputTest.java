package io.oppsuite.pipeline;

import io.oppsuite.testsupport.SuiteTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.oppsuite.pipeline.Api.admin;
import static io.oppsuite.pipeline.Api.stage;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile input is a 400/422 problem, never a 500, and nothing is written; OpenAPI documents every endpoint. */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_pipeline_test"))
class HostileInputTest {

    @Test
    void malformedOrUnexpectedJsonIs400() {
        String tenant = Api.newTenant("bad");
        String processId = Api.defaultProcessId(tenant);
        badRequest(tenant, "/stages", "{\"key\": ");
        badRequest(tenant, "/stages", "");
        badRequest(tenant, "/stages", "[1, 2]");
        badRequest(tenant, "/stages", "{\"key\": \"x\", \"label\": \"X\", \"type\": \"IN_PROGRESS\", \"defaultWinRate\": 5, \"admin\": true}");
        badRequest(tenant, "/stages", "{\"key\": \"x\", \"label\": \"X\", \"type\": \"IN_PROGRESS\", \"defaultWinRate\": \"lots\"}");
        badRequest(tenant, "/stages", "{\"key\": \"x\", \"label\": \"X\", \"type\": \"ALMOST_WON\", \"defaultWinRate\": 5}");
        badRequest(tenant, "/stages", "{\"key\": [\"x\"], \"label\": \"X\", \"type\": \"IN_PROGRESS\", \"defaultWinRate\": 5}");
        badRequest(tenant, "/sales-processes", "{\"name\": \"P\", \"stages\": [{\"key\": \"won\", \"colour\": \"red\"}]}");
        admin(tenant).body("{\"key\": \"x\", \"label\": \"X\", \"type\": \"IN_PROGRESS\", \"defaultWinRate\": 5, \"admin\": true}")
                .post("/stages").then().statusCode(400).body("detail", containsString("admin"));
        badRequest(tenant, "/sales-processes", "{\"name\": \"P\", \"stages\": \"qualification,won\"}");
        badRequest(tenant, "/sales-processes", "{\"name\": \"P\", \"stages\": [{\"key\": \"qualification\", \"tasks\": "
                + "[{\"name\": \"T\", \"type\": \"PHONE_CALL\", \"required\": true}]}]}");
        badRequest(tenant, "/sales-processes", "{\"name\": \"P\", \"stages\": [{\"key\": \"qualification\", \"settings\": "
                + "{\"allowSkip\": \"perhaps\"}}]}");
        admin(tenant).header("If-Match", Api.etag(tenant, "/sales-processes/{id}", processId)).body("{\"duration\": 14}").put("/sales-processes/{id}/stages/{key}/settings", processId, "qualification")
                .then().statusCode(422).body("rule", equalTo("duration-invalid"));
        admin(tenant).header("If-Match", Api.etag(tenant, "/sales-processes/{id}", processId)).body("{\"nope\": 1}").put("/sales-processes/{id}/stages/{key}/settings", processId, "qualification")
                .then().statusCode(400).contentType("application/problem+json");
        admin(tenant).header("If-Match", Api.etag(tenant, "/sales-processes/{id}", processId)).body("{\"stageKeys\": null}").put("/sales-processes/{id}/stages/order", processId)
                .then().statusCode(400).contentType("application/problem+json");
        admin(tenant).get("/stages").then().body("total", equalTo(7));
        admin(tenant).get("/sales-processes").then().body("total", equalTo(1));
    }

    @Test
    void outOfRangeAndOversizedValuesAre400WithViolations() {
        String tenant = Api.newTenant("big");
        violations(tenant, "/stages", stage("x", "X", "IN_PROGRESS", 101), 1);
        violations(tenant, "/stages", stage("x", "X", "IN_PROGRESS", -1), 1);
        violations(tenant, "/stages", stage("Not A Key!", "", "IN_PROGRESS", 5), 2);
        violations(tenant, "/stages", stage("k".repeat(65), "l".repeat(10_000), "IN_PROGRESS", 5), 2);

        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add(Map.of("key", "s" + i));
        }
        violations(tenant, "/sales-processes", Map.of("name", "Huge", "stages", many), 1);
        violations(tenant, "/sales-processes", Map.of("name", "n".repeat(201), "stages", List.of(Map.of("key", "won"))), 1);
        violations(tenant, "/sales-processes", Map.of("name", "  ", "stages", List.of()), 1);
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            reasons.add("reason " + i);
        }
        Map<String, Object> lost = new HashMap<>();
        lost.put("key", "lost");
        lost.put("settings", Map.of("requiredOnEntry", Map.of("reasonRequired", true, "allowedReasons", reasons)));
        violations(tenant, "/sales-processes", Map.of("name", "Reasons", "stages", List.of(lost)), 1);

        String processId = Api.defaultProcessId(tenant);
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tasks.add(Map.of("name", "Task " + i, "type", "BULK_EDIT_SUB_OBJECTS", "required", false));
        }
        admin(tenant).header("If-Match", Api.etag(tenant, "/sales-processes/{id}", processId)).body(tasks).put("/sales-processes/{id}/stages/{key}/tasks", processId, "proposal").then().statusCode(400)
                .contentType("application/problem+json");
        admin(tenant).header("If-Match", Api.etag(tenant, "/sales-processes/{id}", processId)).body(List.of(Map.of("id", "bad id!", "name", "", "type", "EDIT_OBJECT", "required", true, "fields", List.of("amount"))))
                .put("/sales-processes/{id}/stages/{key}/tasks", processId, "proposal").then().statusCode(400).body("violations.size()", equalTo(2));
        admin(tenant).header("If-Match", Api.etag(tenant, "/sales-processes/{id}", processId)).body(Map.of("duration", "P" + "1".repeat(50) + "D")).put("/sales-processes/{id}/stages/{key}/settings", processId, "proposal")
                .then().statusCode(400).body("violations.size()", equalTo(1));
        admin(tenant).header("If-Match", Api.etag(tenant, "/sales-processes/{id}", processId)).body(Map.of("stageKeys", many.stream().map(m -> m.get("key")).toList()))
                .put("/sales-processes/{id}/stages/order", processId).then().statusCode(400).body("violations.size()", equalTo(1));
        admin(tenant).get("/sales-processes/{id}", processId).then().header("ETag", "\"0\"");

        // far beyond the body limit: refused before it is read
        int status = admin(tenant).body("{\"key\": \"x\", \"label\": \"" + "x".repeat(3 * 1024 * 1024) + "\"}").post("/stages").statusCode();
        assertTrue(status == 413 || status == 400, "status " + status);
        admin(tenant).get("/stages").then().body("total", equalTo(7));
    }

    @Test
    void unknownIdsAreNotFound() {
        String tenant = Api.newTenant("unknown");
        admin(tenant).get("/stages/{id}", "not-a-uuid").then().statusCode(404);
        admin(tenant).get("/sales-processes/{id}", java.util.UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void openApiDescribesEveryEndpointWithASummary() {
        JsonPath api = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = api.getMap("paths");
        for (String path : List.of("/stages", "/stages/{id}", "/stages/{id}/usage", "/sales-processes", "/sales-processes/{id}",
                "/sales-processes/{id}/stages/order", "/sales-processes/{id}/stages/{key}", "/sales-processes/{id}/stages/{key}/settings",
                "/sales-processes/{id}/stages/{key}/tasks")) {
            assertTrue(paths.containsKey(path), "documented: " + path + " in " + paths.keySet());
        }
        int operations = 0;
        for (var path : paths.entrySet()) {
            for (var operation : path.getValue().entrySet()) {
                Object summary = operation.getValue().get("summary");
                assertTrue(summary != null && !summary.toString().isBlank(), operation.getKey() + " " + path.getKey() + " has a summary");
                operations++;
            }
        }
        assertEquals(15, operations, paths.keySet().toString());
        String json = given().queryParam("format", "json").get("/q/openapi").asString();
        assertTrue(json.contains("in-progress-after-terminal"), "the 422 example names a rule");
        assertTrue(json.contains("CREATE_ASSOCIATED_OBJECT"), "the task example is there");
        assertFalse(api.getMap("components.schemas").isEmpty());
    }

    private static void badRequest(String tenant, String path, String body) {
        admin(tenant).body(body).post(path).then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
    }

    private static void violations(String tenant, String path, Object body, int count) {
        admin(tenant).body(body).post(path).then().statusCode(400).contentType("application/problem+json")
                .body("violations.size()", equalTo(count));
    }
}
