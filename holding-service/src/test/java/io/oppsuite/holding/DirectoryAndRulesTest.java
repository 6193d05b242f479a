package io.oppsuite.holding;

import io.oppsuite.common.events.Topics;
import io.oppsuite.testsupport.CloudEvents;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.oppsuite.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.oppsuite.holding.HoldingApi.admin;
import static io.oppsuite.holding.HoldingApi.employee;
import static io.oppsuite.holding.HoldingApi.newTenant;
import static io.oppsuite.holding.HoldingApi.sync;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The directory and the holding configuration over REST, with their events on holding-events. */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_holding_test"))
class DirectoryAndRulesTest {

    static boolean ofTenant(ConsumerRecord<String, String> r, String tenant, String type) {
        return tenant.equals(CloudEvents.header(r, "ce_tenant")) && type.equals(CloudEvents.header(r, "ce_type"));
    }

    @Test
    void bulkSyncUpsertsAndPublishesOnlyWhatChanged() {
        String tenant = newTenant();
        Map<String, Object> body = Map.of(
                "departments", List.of(Map.of("id", "d-1", "name", "Sales", "managerId", "boss")),
                "userGroups", List.of(Map.of("id", "g-1", "name", "Key accounts")),
                "employees", List.of(employee("boss", "d-1", List.of(), Map.of("level", 5)),
                        employee("rep-1", "d-1", List.of("g-1"), Map.of("quota", 12))));
        sync(tenant, body).then().statusCode(200).body("departments", equalTo(1)).body("userGroups", equalTo(1)).body("employees", equalTo(2));
        sync(tenant, body).then().statusCode(200).body("departments", equalTo(0)).body("employees", equalTo(0));

        String reader = Tokens.issue(tenant, "rep-1", "sales");
        given().auth().oauth2(reader).get("/directory/employees/rep-1").then().statusCode(200)
                .body("departmentId", equalTo("d-1")).body("userGroups", equalTo(List.of("g-1"))).body("attributes.quota", equalTo(12));
        given().auth().oauth2(reader).get("/directory/employees?departmentId=d-1").then().statusCode(200).body("$", hasSize(2));
        given().auth().oauth2(reader).get("/directory/employees?userGroupId=g-1").then().statusCode(200).body("$", hasSize(1));
        given().auth().oauth2(reader).get("/directory/departments").then().statusCode(200).body("[0].managerId", equalTo("boss"));
        given().auth().oauth2(reader).get("/directory/user-groups").then().statusCode(200).body("[0].name", equalTo("Key accounts"));
        given().auth().oauth2(admin(newTenant())).get("/directory/employees/rep-1").then().statusCode(404);

        List<ConsumerRecord<String, String>> upserts = TopicProbe.await(Topics.HOLDING_EVENTS,
                r -> ofTenant(r, tenant, "employee.upserted"), 2, Duration.ofSeconds(30));
        assertEquals(2, TopicProbe.all(Topics.HOLDING_EVENTS, r -> ofTenant(r, tenant, "employee.upserted"), Duration.ofSeconds(2)).size());
        ConsumerRecord<String, String> rep = upserts.stream().filter(r -> r.key().equals("rep-1")).findFirst().orElseThrow();
        assertEquals("d-1", HoldingApi.json(rep.value()).get("departmentId").asText());
        assertEquals(12, HoldingApi.json(rep.value()).at("/attributes/quota").asInt());
        // departments too (key = department id): who manages the owner's department, for overdue reminders
        ConsumerRecord<String, String> department = TopicProbe.await(Topics.HOLDING_EVENTS,
                r -> ofTenant(r, tenant, "department.upserted"), 1, Duration.ofSeconds(30)).get(0);
        assertEquals("d-1", department.key());
        assertEquals("boss", HoldingApi.json(department.value()).get("managerId").asText());
        assertEquals(1, TopicProbe.all(Topics.HOLDING_EVENTS, r -> ofTenant(r, tenant, "department.upserted"), Duration.ofSeconds(2)).size());

        given().auth().oauth2(admin(tenant)).delete("/directory/employees/rep-1").then().statusCode(204);
        given().auth().oauth2(admin(tenant)).delete("/directory/employees/rep-1").then().statusCode(404);
        TopicProbe.await(Topics.HOLDING_EVENTS, r -> ofTenant(r, tenant, "employee.deleted") && r.key().equals("rep-1"), 1, Duration.ofSeconds(30));
    }

    @Test
    void aLargeSyncIsOneTransactionWithOneEventPerEmployee() {
        String tenant = newTenant();
        List<Map<String, Object>> employees = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            employees.add(employee("e-" + i, null, List.of(), Map.of("quota", i % 7)));
        }
        sync(tenant, Map.of("employees", employees)).then().statusCode(200).body("employees", equalTo(400));
        TopicProbe.await(Topics.HOLDING_EVENTS, r -> ofTenant(r, tenant, "employee.upserted"), 400, Duration.ofSeconds(60));

        List<Map<String, Object>> tooMany = new java.util.ArrayList<>();
        for (int i = 0; i < 5001; i++) {
            tooMany.add(Map.of("id", "x-" + i, "name", "x"));
        }
        sync(newTenant(), Map.of("employees", tooMany)).then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void badDirectoryBatchesChangeNothing() {
        String tenant = newTenant();
        sync(tenant, Map.of("employees", List.of(employee("a", "nowhere", List.of("ghosts"), Map.of()))))
                .then().statusCode(422).contentType("application/problem+json")
                .body("unknownDepartments", equalTo(List.of("nowhere"))).body("unknownUserGroups", equalTo(List.of("ghosts")));
        sync(tenant, Map.of("employees", List.of(employee("a", null, List.of(), Map.of()), employee("a", null, List.of(), Map.of()))))
                .then().statusCode(422).body("duplicateIds", equalTo(List.of("a")));
        sync(tenant, Map.of("employees", List.of(Map.of("id", "", "name", "x")))).then().statusCode(400)
                .contentType("application/problem+json");
        sync(tenant, Map.of("employees", List.of(Map.of("id", "a", "name", "x", "attributes", Map.of("quota", "many")))))
                .then().statusCode(400);
        given().auth().oauth2(admin(tenant)).get("/directory/employees").then().statusCode(200).body("$", hasSize(0));
        given().auth().oauth2(Tokens.issue(tenant, "rep-1", "sales")).contentType(ContentType.JSON).body(Map.of())
                .put("/directory").then().statusCode(403);
    }

    @Test
    void rulesAreAdminConfiguredVersionedAndPublished() {
        String tenant = newTenant();
        String token = admin(tenant);
        var created = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "Per rep", "scope", "EMPLOYEES", "limit", 5)).post("/holding-rules")
                .then().statusCode(201).header("ETag", "\"0\"").extract();
        String id = created.path("id");
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("name", "Per rep by quota", "scope", "EMPLOYEES", "limitField", "quota")).put("/holding-rules/{id}", id)
                .then().statusCode(200).header("ETag", "\"1\"").body("limitField", equalTo("quota"));
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("name", "Stale", "scope", "EMPLOYEES", "limit", 1)).put("/holding-rules/{id}", id)
                .then().statusCode(412).contentType("application/problem+json");
        given().auth().oauth2(Tokens.issue(tenant, "rep-1", "sales")).get("/holding-rules").then().statusCode(200).body("$", hasSize(1));
        given().auth().oauth2(Tokens.issue(tenant, "rep-1", "sales")).contentType(ContentType.JSON)
                .body(Map.of("name", "Mine", "scope", "EMPLOYEES", "limit", 500)).post("/holding-rules").then().statusCode(403);
        given().auth().oauth2(admin(newTenant())).get("/holding-rules/{id}", id).then().statusCode(404);
        given().auth().oauth2(token).delete("/holding-rules/{id}", id).then().statusCode(428).contentType("application/problem+json");
        given().auth().oauth2(token).header("If-Match", "W/\"1\"").delete("/holding-rules/{id}", id).then().statusCode(412)
                .body("type", equalTo("https://oppsuite.io/problems/weak-validator"));
        given().auth().oauth2(token).header("If-Match", "\"0\"").delete("/holding-rules/{id}", id).then().statusCode(412)
                .body("currentVersion", equalTo(1));
        given().auth().oauth2(token).header("If-Match", "\"1\"").delete("/holding-rules/{id}", id).then().statusCode(204);
        given().auth().oauth2(token).get("/holding-rules/{id}", id).then().statusCode(404);

        List<ConsumerRecord<String, String>> changes = TopicProbe.await(Topics.HOLDING_EVENTS,
                r -> ofTenant(r, tenant, "holding-rule.changed"), 3, Duration.ofSeconds(30));
        assertTrue(HoldingApi.json(changes.get(2).value()).get("deleted").asBoolean(), changes.get(2).value());
        assertEquals("Per rep by quota", HoldingApi.json(changes.get(1).value()).at("/rule/name").asText());
    }

    @Test
    void inconsistentRulesAreRefused() {
        String token = admin(newTenant());
        List<Map<String, Object>> bad = List.of(
                Map.of("name", "both", "scope", "EMPLOYEES", "limit", 1, "limitField", "quota"),
                Map.of("name", "neither", "scope", "EMPLOYEES"),
                Map.of("name", "no dept", "scope", "DEPARTMENT", "limit", 1),
                Map.of("name", "variable dept", "scope", "DEPARTMENT", "scopeId", "d-1", "limitField", "quota"),
                Map.of("name", "bad op", "scope", "EMPLOYEES", "limit", 1,
                        "opportunityConditions", List.of(Map.of("field", "amount", "operator", "LIKE", "value", 1))),
                Map.of("name", "bad in", "scope", "EMPLOYEES", "limit", 1,
                        "employeeConditions", List.of(Map.of("field", "departmentId", "operator", "IN", "value", "d-1"))));
        for (Map<String, Object> rule : bad) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(rule).post("/holding-rules")
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("type", equalTo("https://oppsuite.io/problems/invalid-holding-rule"));
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", "x", "scope", "PLANET", "limit", 1))
                .post("/holding-rules").then().statusCode(400);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", "x", "scope", "EMPLOYEES", "limit", -1))
                .post("/holding-rules").then().statusCode(400);
        given().auth().oauth2(token).get("/holding-rules").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void theHoldingDefinitionDecidesWhatCounts() {
        String tenant = newTenant();
        String token = admin(tenant);
        given().auth().oauth2(token).get("/holding-definition").then().statusCode(200).body("standard", equalTo(true))
                .body("conditions", hasSize(2));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("conditions", List.of(Map.of("field", "status", "operator", "eq", "value", "ACTIVE"))))
                .put("/holding-definition").then().statusCode(200).body("standard", equalTo(false)).body("conditions[0].operator", equalTo("EQ"));
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"7\"")
                .body(Map.of("conditions", List.of())).put("/holding-definition").then().statusCode(412);
        // once it exists, changing it names the version changed
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("conditions", List.of())).put("/holding-definition").then().statusCode(428);
        given().auth().oauth2(Tokens.issue(tenant, "rep-1", "sales")).contentType(ContentType.JSON)
                .body(Map.of("conditions", List.of())).put("/holding-definition").then().statusCode(403);

        HoldingApi.rule(tenant, Map.of("name", "One", "scope", "EMPLOYEES", "limit", 1));
        // now an ACTIVE opportunity in any stage type counts
        Map<String, Object> closing = HoldingApi.activeOpportunity(java.util.UUID.randomUUID().toString(), "rep-1", null, 0);
        closing.put("stageType", "WON");
        HoldingApi.reserve(tenant, "rep-1", null, closing).then().statusCode(201).body("counted", equalTo(true));
        HoldingApi.reserve(tenant, "rep-1", null, HoldingApi.activeOpportunity(java.util.UUID.randomUUID().toString(), "rep-1", null, 0))
                .then().statusCode(409);
    }
}
