package io.oppsuite.pipeline;

import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.SuiteTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.oppsuite.pipeline.Api.admin;
import static io.oppsuite.pipeline.Api.createProcess;
import static io.oppsuite.pipeline.Api.sales;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Stage settings, terminal settings and task definitions round-trip and reach the process snapshot. */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_pipeline_test"))
class StageSettingsTest {

    static Map<String, Object> qualification() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("duration", "P14D");
        settings.put("overdueReminder", Map.of("enabled", true, "recipients", List.of("OWNER", "OWNER_MANAGER")));
        settings.put("approvalOnCompletion", Map.of("required", true, "flowId", "discount-approval"));
        settings.put("allowSkip", true);
        settings.put("entryConditions", List.of(Map.of("field", "amount", "operator", "gt", "value", 0),
                Map.of("field", "expectedCloseDate", "operator", "SET"),
                Map.of("field", "customFields.region", "operator", "IN", "value", List.of("EMEA", "APAC"))));
        settings.put("completionTaskIds", List.of("fill-budget", "quote"));
        return Map.of("key", "qualification", "settings", settings, "tasks", List.of(
                Map.of("id", "fill-budget", "name", "Fill in the budget", "type", "EDIT_OBJECT", "required", true,
                        "fields", List.of("amount", "expectedCloseDate")),
                Map.of("id", "quote", "name", "Send a quotation", "type", "CREATE_ASSOCIATED_OBJECT", "required", true,
                        "recordType", "quotation"),
                Map.of("id", "line-items", "name", "Price the line items", "type", "BULK_EDIT_SUB_OBJECTS", "required", false)));
    }

    static Map<String, Object> fullProcess(String name) {
        return Map.of("name", name, "stages", List.of(qualification(), Map.of("key", "proposal"), Map.of("key", "won"),
                Map.of("key", "lost", "settings", Map.of("ignoreInProgressRules", true,
                        "requiredOnEntry", Map.of("reasonRequired", true, "allowedReasons", List.of("price", "competitor", "no-budget")))),
                Map.of("key", "invalid", "settings", Map.of("ignoreInProgressRules", true,
                        "requiredOnEntry", Map.of("reasonRequired", false, "associatedRecordType", "invalidation-note")))));
    }

    @Test
    void settingsAndTasksRoundTripAndArePublishedInTheSnapshot() throws Exception {
        String tenant = Api.newTenant("set");
        Response created = createProcess(tenant, fullProcess("Governed"));
        created.then().statusCode(201);
        String id = created.path("id");

        sales(tenant).get("/sales-processes/{id}/stages/{key}", id, "qualification").then().statusCode(200).header("ETag", "\"0\"")
                .body("type", equalTo("IN_PROGRESS"))
                .body("settings.duration", equalTo("P14D"))
                .body("settings.overdueReminder.enabled", equalTo(true))
                .body("settings.overdueReminder.recipients", contains("OWNER", "OWNER_MANAGER"))
                .body("settings.approvalOnCompletion.required", equalTo(true))
                .body("settings.approvalOnCompletion.flowId", equalTo("discount-approval"))
                .body("settings.allowSkip", equalTo(true))
                .body("settings.entryConditions.operator", contains("GT", "SET", "IN"))
                .body("settings.entryConditions[0].value", equalTo(0))
                .body("settings.entryConditions[2].value", contains("EMEA", "APAC"))
                .body("settings.completionTaskIds", contains("fill-budget", "quote"))
                .body("tasks.type", contains("EDIT_OBJECT", "CREATE_ASSOCIATED_OBJECT", "BULK_EDIT_SUB_OBJECTS"))
                .body("tasks[0].fields", contains("amount", "expectedCloseDate"))
                .body("tasks[1].recordType", equalTo("quotation"))
                .body("tasks.required", contains(true, true, false));
        sales(tenant).get("/sales-processes/{id}/stages/{key}", id, "lost").then()
                .body("settings.ignoreInProgressRules", equalTo(true))
                .body("settings.requiredOnEntry.reasonRequired", equalTo(true))
                .body("settings.requiredOnEntry.allowedReasons", contains("price", "competitor", "no-budget"));
        sales(tenant).get("/sales-processes/{id}/stages/{key}", id, "invalid").then()
                .body("settings.requiredOnEntry.associatedRecordType", equalTo("invalidation-note"));
        sales(tenant).get("/sales-processes/{id}/stages/{key}", id, "nope").then().statusCode(404);

        // what opportunity-service caches is exactly what the API shows
        SalesProcessSnapshot shown = SalesProcessFixtures.JSON.readValue(
                sales(tenant).get("/sales-processes/{id}", id).asString(), SalesProcessSnapshot.class);
        SalesProcessSnapshot published = SalesProcessFixtures.JSON.readValue(Api.events(id, 1).get(0).value(), SalesProcessSnapshot.class);
        assertEquals(shown, published);
        SalesProcessSnapshot.Stage lost = published.stage("lost").orElseThrow();
        assertEquals(List.of("price", "competitor", "no-budget"), lost.settings().requiredOnEntry().allowedReasons());
        assertEquals(3, published.stage("qualification").orElseThrow().tasks().size());

        // reordering moves settings and tasks with their stage
        admin(tenant).header("If-Match", "\"0\"").body(Map.of("stageKeys", List.of("proposal", "qualification", "won", "lost", "invalid")))
                .put("/sales-processes/{id}/stages/order", id).then().statusCode(200)
                .body("stages[1].key", equalTo("qualification")).body("stages[1].tasks", hasSize(3))
                .body("stages[1].settings.duration", equalTo("P14D")).body("stages[0].tasks", hasSize(0));
    }

    @Test
    void oneStagesSettingsAndTasksAreChangedOnTheirOwnBumpingTheVersion() {
        String tenant = Api.newTenant("set");
        String id = createProcess(tenant, fullProcess("Governed")).then().statusCode(201).extract().path("id");

        admin(tenant).header("If-Match", "\"0\"")
                .body(Map.of("duration", "PT36H", "allowSkip", false, "entryConditions", List.of(Map.of("field", "amount", "operator", "GTE", "value", 1000))))
                .put("/sales-processes/{id}/stages/{key}/settings", id, "proposal").then().statusCode(200).header("ETag", "\"1\"")
                .body("key", equalTo("proposal")).body("settings.duration", equalTo("PT36H"))
                .body("settings.entryConditions[0].value", equalTo(1000));
        admin(tenant).header("If-Match", "\"1\"")
                .body(List.of(Map.of("name", "Confirm the decision maker", "type", "EDIT_OBJECT", "required", true, "fields", List.of("customFields.decisionMaker"))))
                .put("/sales-processes/{id}/stages/{key}/tasks", id, "proposal").then().statusCode(200).header("ETag", "\"2\"")
                .body("tasks", hasSize(1)).body("tasks[0].id", notNullValue());
        // a stale version is refused
        admin(tenant).header("If-Match", "\"1\"").body(Map.of("allowSkip", true))
                .put("/sales-processes/{id}/stages/{key}/settings", id, "proposal").then().statusCode(412);
        // a task that completion conditions need cannot simply disappear
        admin(tenant).header("If-Match", Api.etag(tenant, "/sales-processes/{id}", id)).body(List.of()).put("/sales-processes/{id}/stages/{key}/tasks", id, "qualification").then().statusCode(422)
                .body("rule", equalTo("completion-task-unknown"));
        admin(tenant).header("If-Match", Api.etag(tenant, "/sales-processes/{id}", id)).body(Map.of()).put("/sales-processes/{id}/stages/{key}/settings", id, "nope").then().statusCode(404);
        sales(tenant).body(Map.of()).put("/sales-processes/{id}/stages/{key}/settings", id, "proposal").then().statusCode(403);

        var events = Api.events(id, 3);
        assertEquals(2, Api.json(events.get(2).value()).get("version").asInt());
        assertEquals("Confirm the decision maker", Api.json(events.get(2).value()).at("/stages/1/tasks/0/name").asText());
        assertEquals("PT36H", Api.json(events.get(2).value()).at("/stages/1/settings/duration").asText());
    }

    @Test
    void inconsistentSettingsAndTasksAre422NamingTheRule() {
        String tenant = Api.newTenant("set");
        String id = Api.defaultProcessId(tenant);
        assertSettingsRefused(tenant, id, "qualification", Map.of("duration", "two weeks"), "duration-invalid");
        assertSettingsRefused(tenant, id, "qualification", Map.of("duration", "P0D"), "duration-invalid");
        assertSettingsRefused(tenant, id, "qualification", Map.of("overdueReminder", Map.of("enabled", true, "recipients", List.of("OWNER"))),
                "overdue-reminder-invalid");
        assertSettingsRefused(tenant, id, "qualification",
                Map.of("duration", "P3D", "overdueReminder", Map.of("enabled", true, "recipients", List.of("CEO"))), "overdue-reminder-invalid");
        assertSettingsRefused(tenant, id, "qualification", Map.of("approvalOnCompletion", Map.of("required", true)), "approval-flow-required");
        assertSettingsRefused(tenant, id, "qualification",
                Map.of("entryConditions", List.of(Map.of("field", "amount", "operator", "LIKE", "value", 1))), "entry-condition-invalid");
        assertSettingsRefused(tenant, id, "qualification",
                Map.of("entryConditions", List.of(Map.of("field", "amount", "operator", "GT"))), "entry-condition-invalid");
        assertSettingsRefused(tenant, id, "qualification", Map.of("completionTaskIds", List.of("ghost")), "completion-task-unknown");
        assertSettingsRefused(tenant, id, "qualification", Map.of("ignoreInProgressRules", true), "setting-not-for-stage-type");
        assertSettingsRefused(tenant, id, "lost", Map.of("duration", "P1D"), "setting-not-for-stage-type");
        assertSettingsRefused(tenant, id, "won", Map.of("requiredOnEntry", Map.of("reasonRequired", true)), "setting-not-for-stage-type");

        assertTasksRefused(tenant, id, List.of(Map.of("id", "t", "name", "Edit", "type", "EDIT_OBJECT", "required", true)), "task-invalid");
        assertTasksRefused(tenant, id, List.of(Map.of("id", "t", "name", "Quote", "type", "CREATE_ASSOCIATED_OBJECT", "required", true)),
                "task-invalid");
        assertTasksRefused(tenant, id, List.of(
                Map.of("id", "t", "name", "A", "type", "BULK_EDIT_SUB_OBJECTS", "required", true),
                Map.of("id", "t", "name", "B", "type", "BULK_EDIT_SUB_OBJECTS", "required", false)), "task-repeated");
        admin(tenant).get("/sales-processes/{id}", id).then().header("ETag", "\"0\"");
    }

    private static void assertSettingsRefused(String tenant, String id, String key, Object settings, String rule) {
        admin(tenant).header("If-Match", Api.etag(tenant, "/sales-processes/{id}", id)).body(settings).put("/sales-processes/{id}/stages/{key}/settings", id, key).then().statusCode(422)
                .contentType("application/problem+json").body("violations.rule", hasItem(rule));
    }

    private static void assertTasksRefused(String tenant, String id, Object tasks, String rule) {
        admin(tenant).header("If-Match", Api.etag(tenant, "/sales-processes/{id}", id)).body(tasks).put("/sales-processes/{id}/stages/{key}/tasks", id, "proposal").then().statusCode(422)
                .body("violations.rule", hasItem(rule));
    }
}
