package io.oppsuite.approval.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.testsupport.CloudEvents;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.oppsuite.approval.ApprovalFixtures.awaitEvents;
import static io.oppsuite.approval.ApprovalFixtures.creationFlow;
import static io.oppsuite.approval.ApprovalFixtures.data;
import static io.oppsuite.approval.ApprovalFixtures.employees;
import static io.oppsuite.approval.ApprovalFixtures.ownerManager;
import static io.oppsuite.approval.ApprovalFixtures.role;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Per-tenant approval flows, configured by admins, published for opportunity-service. */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_approval_test"))
@QuarkusTestResource(io.oppsuite.approval.PipelineConfigStub.class)
class ApprovalFlowsTest {

    @Test
    void aFlowNamesOnlyAProcessAndStageOfTheCallersTenant() {
        String tenant = UUID.randomUUID().toString();
        String admin = Tokens.admin(tenant);
        // pipeline-config-service does not know the process in this tenant (another tenant's id looks the same)
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "Elsewhere", "trigger", "STAGE_COMPLETION",
                        "salesProcessId", "someone-elses-process", "stageKey", "proposal", "steps", List.of(role("manager"))))
                .post("/approval-flows").then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://oppsuite.io/problems/unknown-sales-process"))
                .body("salesProcessId", equalTo("someone-elses-process"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "No such stage", "trigger", "STAGE_COMPLETION",
                        "salesProcessId", "process-1", "stageKey", "closing", "steps", List.of(role("manager"))))
                .post("/approval-flows").then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://oppsuite.io/problems/unknown-stage")).body("stageKey", equalTo("closing"));
        // nothing was written; the process and stage it has are accepted
        given().auth().oauth2(admin).get("/approval-flows").then().statusCode(200).body("$", hasSize(0));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "Proposal", "trigger", "STAGE_COMPLETION",
                        "salesProcessId", "process-1", "stageKey", "proposal", "steps", List.of(role("manager"))))
                .post("/approval-flows").then().statusCode(201);
    }

    @Test
    void flowLifecycleIsPublishedOnApprovalEvents() {
        String tenant = UUID.randomUUID().toString();
        String admin = Tokens.admin(tenant);
        Map<String, Object> flow = creationFlow("Big deals", List.of(ownerManager(), employees("ALL", "cfo", "controller"), role("legal")));

        var created = given().auth().oauth2(admin).contentType(ContentType.JSON).body(flow).post("/approval-flows");
        created.then().statusCode(201).header("ETag", "\"0\"").header("Location", notNullValue())
                .body("trigger", equalTo("OPPORTUNITY_CREATION")).body("active", equalTo(true))
                .body("steps", hasSize(3)).body("steps[1].mode", equalTo("ALL")).body("conditions[0].operator", equalTo("GTE"));
        String id = created.jsonPath().getString("id");

        ConsumerRecord<String, String> upserted = awaitEvents(id, ApprovalEvents.FLOW_UPSERTED, 1).get(0);
        assertEquals(tenant, CloudEvents.header(upserted, "ce_tenant"));
        JsonNode snapshot = data(upserted);
        assertEquals(id, snapshot.get("id").asText());
        assertEquals("OPPORTUNITY_CREATION", snapshot.get("trigger").asText());
        assertEquals(100000, snapshot.at("/conditions/0/value").asInt());
        assertEquals("OWNER_MANAGER", snapshot.at("/steps/0/approverType").asText());
        assertEquals("controller", snapshot.at("/steps/1/employeeIds/1").asText());
        assertEquals(0, snapshot.get("version").asLong());

        // a stage-completion flow replaces it, guarded by If-Match
        Map<String, Object> replacement = Map.of("name", "Proposal sign-off", "trigger", "STAGE_COMPLETION",
                "salesProcessId", "process-1", "stageKey", "proposal", "steps", List.of(role("manager")), "active", false);
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(replacement)
                .put("/approval-flows/{id}", id)
                .then().statusCode(200).header("ETag", "\"1\"").body("stageKey", equalTo("proposal")).body("active", equalTo(false));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(replacement)
                .put("/approval-flows/{id}", id)
                .then().statusCode(412).contentType("application/problem+json").body("currentVersion", equalTo(1));
        JsonNode second = data(awaitEvents(id, ApprovalEvents.FLOW_UPSERTED, 2).get(1));
        assertEquals(1, second.get("version").asLong());
        assertEquals("STAGE_COMPLETION", second.get("trigger").asText());
        assertEquals(false, second.get("active").asBoolean());

        given().auth().oauth2(admin).get("/approval-flows").then().statusCode(200).body("$", hasSize(1)).body("id", hasItem(id));
        given().auth().oauth2(admin).header("If-Match", "\"1\"").delete("/approval-flows/{id}", id).then().statusCode(204);
        assertEquals(id, data(awaitEvents(id, ApprovalEvents.FLOW_DELETED, 1).get(0)).get("id").asText());
        given().auth().oauth2(admin).get("/approval-flows/{id}", id).then().statusCode(404);
    }

    @Test
    void onlyAdminsConfigureAndTenantsAreApart() {
        String tenant = UUID.randomUUID().toString();
        Map<String, Object> flow = creationFlow("Named", List.of(employees("ANY", "cfo")));
        given().auth().oauth2(Tokens.issue(tenant, "boss", "manager")).contentType(ContentType.JSON).body(flow)
                .post("/approval-flows").then().statusCode(403);
        String id = given().auth().oauth2(Tokens.admin(tenant)).contentType(ContentType.JSON).body(flow)
                .post("/approval-flows").then().statusCode(201).extract().path("id");
        String otherAdmin = Tokens.admin(UUID.randomUUID().toString());
        given().auth().oauth2(otherAdmin).get("/approval-flows/{id}", id).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(otherAdmin).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(flow).put("/approval-flows/{id}", id)
                .then().statusCode(404);
        given().auth().oauth2(otherAdmin).header("If-Match", "\"0\"").delete("/approval-flows/{id}", id).then().statusCode(404);
        // writes name the version they are based on: none is 428, a weak validator 412
        given().auth().oauth2(Tokens.admin(tenant)).contentType(ContentType.JSON).body(flow).put("/approval-flows/{id}", id)
                .then().statusCode(428).contentType("application/problem+json");
        given().auth().oauth2(Tokens.admin(tenant)).header("If-Match", "W/\"0\"").delete("/approval-flows/{id}", id)
                .then().statusCode(412).body("type", org.hamcrest.Matchers.endsWith("/weak-validator"));
        given().auth().oauth2(otherAdmin).get("/approval-flows").then().statusCode(200).body("id", org.hamcrest.Matchers.not(hasItem(id)));
        // sales and managers may read the configuration
        given().auth().oauth2(Tokens.issue(tenant, "rep-1", "sales")).get("/approval-flows/{id}", id).then().statusCode(200);
    }

    @Test
    void idempotencyKeyCreatesOnce() {
        String tenant = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();
        Map<String, Object> flow = creationFlow("Retried", List.of(employees("ANY", "cfo")));
        String first = given().auth().oauth2(Tokens.admin(tenant)).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(flow).post("/approval-flows").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.admin(tenant)).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(flow).post("/approval-flows").then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        given().auth().oauth2(Tokens.admin(tenant)).get("/approval-flows").then().body("$", hasSize(1));
    }

    @Test
    void badFlowsAreProblemsAndWriteNothing() {
        String tenant = UUID.randomUUID().toString();
        String admin = Tokens.admin(tenant);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"name\": ").post("/approval-flows")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "", "trigger", "OPPORTUNITY_CREATION"))
                .post("/approval-flows").then().statusCode(400).contentType("application/problem+json").body("violations", hasSize(2));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "trigger", "WHENEVER", "steps", List.of(employees("ANY", "cfo"))))
                .post("/approval-flows").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "trigger", "STAGE_COMPLETION",
                        "conditions", List.of(Map.of("field", "amount", "operator", "ABOUT", "value", 1)),
                        "steps", List.of(Map.of("approverType", "EMPLOYEES", "employeeIds", List.of()),
                                Map.of("approverType", "ROLE", "role", "legal", "mode", "ALL"))))
                .post("/approval-flows").then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://oppsuite.io/problems/invalid-approval-flow")).body("errors", hasSize(5));
        given().auth().oauth2(admin).get("/approval-flows").then().statusCode(200).body("$", hasSize(0));
        given().auth().oauth2(admin).get("/approval-flows/not-a-uuid").then().statusCode(404);
        given().auth().oauth2(admin).header("If-Match", "seven").delete("/approval-flows/{id}", UUID.randomUUID()).then().statusCode(400);
    }
}
