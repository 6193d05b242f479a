package io.oppsuite.opportunity;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.testsupport.CloudEvents;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.oppsuite.testsupport.TopicProbe;
import io.oppsuite.common.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.oppsuite.opportunity.Api.as;
import static io.oppsuite.opportunity.Api.create;
import static io.oppsuite.opportunity.Api.createId;
import static io.oppsuite.opportunity.Api.etag;
import static io.oppsuite.opportunity.Api.eventTypes;
import static io.oppsuite.opportunity.Api.json;
import static io.oppsuite.opportunity.Api.move;
import static io.oppsuite.opportunity.Api.opportunity;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An opportunity's life over REST and Kafka: fields, list, PATCH, stage rules, readiness, tasks, history, won, lost, overdue, roles. */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_opportunity_test"))
@QuarkusTestResource(HoldingStub.class)
class OpportunityLifecycleTest {

    static final String TENANT = "lifecycle";
    static final String GOVERNED = UUID.randomUUID().toString();
    static final String TIMED = UUID.randomUUID().toString();
    static final String rep = Tokens.inDepartment(TENANT, "rep-a", "d-1", "sales");
    static final String admin = Tokens.admin(TENANT);

    static boolean published;

    @BeforeEach
    void processes() {
        if (published) {
            return;
        }
        published = true;
        Api.publishAndAwait(TENANT, Processes.governed(GOVERNED, null), rep);
        Api.publishAndAwait(TENANT, Processes.timed(TIMED, "PT1S"), rep);
    }

    @Test
    void createReadPatchWithEtagAndCustomFieldsAndLineItems() {
        var body = opportunity("Fields deal", GOVERNED, "expectedCloseDate", "2027-03-31", "contactName", "Ann",
                "customFields", Map.of("budget", 5000, "source", "fair"),
                "lineItems", List.of(Map.of("productName", "Widget", "productLine", "hardware", "quantity", 3, "unitPrice", 100, "discountPercent", 10),
                        Map.of("productName", "Support", "quantity", 1, "unitPrice", 50)));
        var created = create(rep, body).then().statusCode(201)
                .body("name", equalTo("Fields deal")).body("accountName", equalTo("Account Fields deal"))
                .body("ownerId", equalTo("rep-a")).body("departmentId", equalTo("d-1"))
                .body("amount", equalTo(320.0f)).body("currency", equalTo("EUR")).body("winRate", equalTo(10))
                .body("stageKey", equalTo("qualification")).body("status", equalTo("ACTIVE"))
                .body("customFields.source", equalTo("fair")).body("lineItems", hasSize(2))
                .body("lineItems[0].amount", equalTo(270.0f)).header("ETag", "\"0\"").extract();
        String id = created.path("id");

        as(rep).get("/opportunities/{id}", id).then().statusCode(200).header("ETag", "\"0\"")
                .body("expectedCloseDate", equalTo("2027-03-31")).body("lineItems", hasSize(2));

        as(rep).header("If-Match", "\"0\"").body(Map.of("name", "Fields deal renamed", "winRate", 25))
                .patch("/opportunities/{id}", id).then().statusCode(200).header("ETag", "\"1\"")
                .body("name", equalTo("Fields deal renamed")).body("winRate", equalTo(25)).body("amount", equalTo(320.0f));
        // stale If-Match: 412, nothing changed
        as(rep).header("If-Match", "\"0\"").body(Map.of("name", "lost update")).patch("/opportunities/{id}", id)
                .then().statusCode(412).contentType("application/problem+json");
        // the amount comes from the line items
        as(rep).header("If-Match", "\"1\"").body(Map.of("amount", 5)).patch("/opportunities/{id}", id).then().statusCode(422);
        // custom fields: any JSON, but bounded in size
        as(rep).header("If-Match", "\"1\"").body(Map.of("customFields", Map.of("blob", "x".repeat(20_000))))
                .patch("/opportunities/{id}", id).then().statusCode(400);
        as(rep).get("/opportunities/{id}", id).then().body("name", equalTo("Fields deal renamed")).header("ETag", "\"1\"");

        // line items replaced in one call (BULK_EDIT_SUB_OBJECTS); the amount follows
        as(rep).header("If-Match", "\"1\"").body(Map.of("lineItems", List.of(Map.of("productName", "Gadget", "quantity", 2, "unitPrice", 400))))
                .put("/opportunities/{id}/line-items", id).then().statusCode(200).body("amount", equalTo(800.0f)).body("lineItems", hasSize(1));

        as(rep).header("If-Match", "\"2\"").delete("/opportunities/{id}", id).then().statusCode(204);
        as(rep).get("/opportunities/{id}", id).then().statusCode(404);
        assertEquals(List.of("opportunity.created", "opportunity.updated", "opportunity.updated", "opportunity.deleted"), eventTypes(id, 4));
    }

    @Test
    void serverOwnedFieldsCannotBeMassAssigned() {
        for (String field : List.of("stageKey", "status", "tenantId", "createdAt", "version", "id", "overdue")) {
            create(rep, opportunity("Mass " + field, GOVERNED, field, "WON")).then().statusCode(400).contentType("application/problem+json");
        }
        String id = createId(rep, opportunity("Mass patch", GOVERNED));
        for (String field : List.of("stageKey", "status", "tenantId", "createdAt", "ownerId", "leadId")) {
            as(rep).header("If-Match", "\"0\"").body(Map.of(field, "x")).patch("/opportunities/{id}", id).then().statusCode(400);
        }
        as(rep).get("/opportunities/{id}", id).then().body("stageKey", equalTo("qualification")).body("status", equalTo("ACTIVE"))
                .header("ETag", "\"0\"");
    }

    @Test
    void listFiltersSortsAndPages() {
        String tenant = "list-" + UUID.randomUUID().toString().substring(0, 8);
        String listAdmin = Tokens.admin(tenant);
        String process = UUID.randomUUID().toString();
        Api.publishAndAwait(tenant, io.oppsuite.testsupport.SalesProcessFixtures.standard(process, 1), listAdmin);
        // the probe created by publishAndAwait is owned by admin-1; ours have explicit owners
        String a = createId(listAdmin, opportunity("Alpha", process, "ownerId", "o-1", "departmentId", "d-1", "expectedCloseDate", "2027-01-10", "amount", 300));
        String b = createId(listAdmin, opportunity("Bravo", process, "ownerId", "o-2", "departmentId", "d-2", "expectedCloseDate", "2027-02-10", "amount", 100));
        String c = createId(listAdmin, opportunity("Charlie", process, "ownerId", "o-1", "departmentId", "d-1", "expectedCloseDate", "2027-03-10", "amount", 200));
        move(listAdmin, c, "proposal", null).then().statusCode(200);
        move(listAdmin, b, "lost", null).then().statusCode(200);

        as(listAdmin).get("/opportunities?owner=o-1&sort=-amount").then().statusCode(200)
                .body("total", equalTo(2)).body("items.id", org.hamcrest.Matchers.contains(a, c));
        as(listAdmin).get("/opportunities?stage=proposal").then().body("items.id", org.hamcrest.Matchers.contains(c));
        as(listAdmin).get("/opportunities?department=d-2").then().body("items.id", org.hamcrest.Matchers.contains(b));
        as(listAdmin).get("/opportunities?status=LOST").then().body("items.id", org.hamcrest.Matchers.contains(b));
        as(listAdmin).get("/opportunities?closeFrom=2027-02-01&closeTo=2027-03-31&sort=expectedCloseDate").then()
                .body("items.id", org.hamcrest.Matchers.contains(b, c));
        as(listAdmin).get("/opportunities?overdue=true").then().body("total", equalTo(0));
        as(listAdmin).get("/opportunities?owner=o-1&sort=name&size=1&page=1").then()
                .body("items.id", org.hamcrest.Matchers.contains(c)).body("total", equalTo(2)).body("page", equalTo(1));
        as(listAdmin).get("/opportunities?sort=tenantId").then().statusCode(400);
        as(listAdmin).get("/opportunities?size=0").then().statusCode(400);
    }

    @Test
    void stageRulesDecideEveryMoveAndReadinessListsThem() {
        String id = createId(rep, opportunity("Governed deal", GOVERNED, "amount", 0));

        // skipping proposal (no skip allowed) and leaving qualification with its task open
        as(rep).get("/opportunities/{id}/stage-readiness?to=negotiation", id).then().statusCode(200)
                .body("ready", equalTo(false))
                .body("rules.findAll { !it.holds }.name", containsInAnyOrder("skipped-stages-allow-skip", "completion-task:t-fields"));
        move(rep, id, "negotiation", null).then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://oppsuite.io/problems/stage-transition-refused"))
                .body("unmetRules.name", containsInAnyOrder("skipped-stages-allow-skip", "completion-task:t-fields"));
        move(rep, id, "proposal", null).then().statusCode(422)
                .body("unmetRules.name", containsInAnyOrder("completion-task:t-fields", "entry-condition:amount"));
        move(rep, id, "nowhere", null).then().statusCode(422).body("unmetRules.name", hasItem("target-in-process"));
        as(rep).get("/opportunities/{id}", id).then().body("stageKey", equalTo("qualification")).header("ETag", "\"0\"");
        as(rep).get("/opportunities/{id}/tasks", id).then().statusCode(200)
                .body("find { it.stageKey == 'qualification' }.tasks[0].done", equalTo(false))
                .body("find { it.stageKey == 'qualification' }.current", equalTo(true));

        // EDIT_OBJECT: the named fields become set
        as(rep).header("If-Match", "\"0\"").body(Map.of("amount", 900, "expectedCloseDate", "2027-06-30", "customFields", Map.of("budget", 900)))
                .patch("/opportunities/{id}", id).then().statusCode(200);
        as(rep).get("/opportunities/{id}/tasks", id).then().body("find { it.stageKey == 'qualification' }.tasks[0].done", equalTo(true));
        as(rep).get("/opportunities/{id}/stage-readiness?to=proposal", id).then().body("ready", equalTo(true))
                .body("rules.name", hasItems("completion-task:t-fields", "entry-condition:amount"))
                .body("rules.holds", everyItem(equalTo(true)));
        move(rep, id, "proposal", null).then().statusCode(200).body("stageKey", equalTo("proposal")).body("winRate", equalTo(40));

        // CREATE_ASSOCIATED_OBJECT: a quotation linked to the opportunity
        move(rep, id, "negotiation", null).then().statusCode(422).body("unmetRules.name", containsInAnyOrder("completion-task:t-quote"));
        as(rep).body(Map.of("recordType", "quotation", "name", "Q-2027-001", "data", Map.of("total", 900)))
                .post("/opportunities/{id}/associated-records", id).then().statusCode(201).body("id", notNullValue());
        as(rep).get("/opportunities/{id}/associated-records", id).then().body("$", hasSize(1))
                .body("[0].recordType", equalTo("quotation")).body("[0].data.total", equalTo(900));
        move(rep, id, "negotiation", null).then().statusCode(200);

        // BULK_EDIT_SUB_OBJECTS: line items in one call
        move(rep, id, "won", null).then().statusCode(422).body("unmetRules.name", containsInAnyOrder("completion-task:t-items"));
        as(rep).header("If-Match", etag(rep, id)).body(Map.of("lineItems", List.of(
                        Map.of("productId", "p-1", "productName", "Widget", "quantity", 3, "unitPrice", 300))))
                .put("/opportunities/{id}/line-items", id).then().statusCode(200).body("amount", equalTo(900.0f));
        as(rep).get("/opportunities/{id}/tasks", id).then().body("find { it.stageKey == 'negotiation' }.tasks[0].done", equalTo(true));
        move(rep, id, "won", null).then().statusCode(200).body("status", equalTo("WON")).body("stageType", equalTo("WON"));
        move(rep, id, "lost", "price").then().statusCode(422).body("unmetRules.name", hasItem("opportunity-open"));

        // history: every move with from, to, at, by and the stay's length
        as(rep).get("/opportunities/{id}/stage-history", id).then().statusCode(200).body("$", hasSize(4))
                .body("toStage", org.hamcrest.Matchers.contains("qualification", "proposal", "negotiation", "won"))
                .body("fromStage", org.hamcrest.Matchers.contains(null, "qualification", "proposal", "negotiation"))
                .body("changedBy", everyItem(equalTo("rep-a"))).body("[1].secondsInFromStage", notNullValue())
                .body("[0].secondsInFromStage", nullValue()).body("enteredAt", everyItem(notNullValue()));

        // won: opportunity.won and sales-order.requested with the line items, ordered after the moves
        List<ConsumerRecord<String, String>> events = Api.events(id, 8);
        List<String> types = events.stream().map(r -> CloudEvents.header(r, "ce_type")).toList();
        assertEquals(List.of("opportunity.created", "opportunity.updated", "opportunity.stage-changed", "opportunity.stage-changed",
                "opportunity.updated", "opportunity.stage-changed", "opportunity.won", "sales-order.requested"), types);
        JsonNode order = json(events.get(7).value());
        assertEquals("p-1", order.at("/lineItems/0/productId").asText(), order.toString());
        assertEquals(3, order.at("/lineItems/0/quantity").asInt());
        assertEquals("WON", order.at("/opportunity/status").asText());
        JsonNode lastMove = json(events.get(5).value());
        assertEquals("negotiation", lastMove.at("/from/key").asText());
        assertEquals("won", lastMove.at("/to/key").asText());
        assertEquals("rep-a", lastMove.at("/opportunity/ownerId").asText());
        assertTrue(lastMove.at("/enteredAt").isTextual());
    }

    @Test
    void lostAndInvalidBypassInProgressRulesButNotTheirOwn() {
        String lost = createId(rep, opportunity("To lose", GOVERNED, "amount", 0));
        move(rep, lost, "lost", null).then().statusCode(422).body("unmetRules.name", containsInAnyOrder("reason-required", "reason-allowed"));
        move(rep, lost, "lost", "bored").then().statusCode(422).body("unmetRules.name", containsInAnyOrder("reason-allowed"));
        move(rep, lost, "lost", "price").then().statusCode(200).body("status", equalTo("LOST")).body("closeReason", equalTo("price"));
        JsonNode closed = json(Api.events(lost, 3).get(2).value());
        assertEquals("opportunity.closed", CloudEvents.header(Api.events(lost, 3).get(2), "ce_type"));
        assertEquals("price", closed.at("/reason").asText());
        // a closed opportunity no longer changes: 422 naming its status (as opportunityStatus: "status" is the problem's own)
        as(rep).header("If-Match", etag(rep, lost)).body(Map.of("name", "after the loss")).patch("/opportunities/{id}", lost).then().statusCode(422)
                .contentType("application/problem+json").body("type", equalTo("https://oppsuite.io/problems/opportunity-closed"))
                .body("opportunityStatus", equalTo("LOST"));

        String invalid = createId(rep, opportunity("To invalidate", GOVERNED));
        move(rep, invalid, "invalid", null).then().statusCode(422)
                .body("unmetRules.name", containsInAnyOrder("associated-record:invalidity-proof"));
        as(rep).body(Map.of("recordType", "invalidity-proof", "name", "Customer closed down"))
                .post("/opportunities/{id}/associated-records", invalid).then().statusCode(201);
        move(rep, invalid, "invalid", null).then().statusCode(200).body("status", equalTo("INVALID"));
    }

    @Test
    void overdueIsReportedOncePerStay() {
        String id = createId(rep, opportunity("Slow deal", TIMED));
        await().atMost(Duration.ofSeconds(30)).until(() -> as(rep).get("/opportunities/{id}", id).then().extract().<Boolean>path("overdue"));
        as(rep).get("/opportunities?overdue=true&stage=qualification").then().body("items.id", hasItem(id));
        // more scheduler ticks pass: still one reminder for this stay
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
        List<ConsumerRecord<String, String>> events = TopicProbe.all(Topics.OPPORTUNITY_EVENTS, TopicProbe.key(id), Duration.ofSeconds(2));
        assertEquals(1, events.stream().filter(r -> "opportunity.overdue".equals(CloudEvents.header(r, "ce_type"))).count());
        // a new stay is not overdue; proposal has no duration
        move(rep, id, "proposal", null).then().statusCode(200).body("overdue", equalTo(false));
        as(rep).get("/opportunities?overdue=true").then().body("items.id", not(hasItem(id)));
    }

    @Test
    void salesSeeOwnManagersTheirDepartmentAdminsAll() {
        String mine = createId(rep, opportunity("Rep A deal", GOVERNED));
        String otherDept = createId(admin, opportunity("D2 deal", GOVERNED, "ownerId", "rep-z", "departmentId", "d-2"));
        String repB = Tokens.inDepartment(TENANT, "rep-b", "d-1", "sales");
        String manager1 = Tokens.inDepartment(TENANT, "boss-1", "d-1", "manager");

        as(repB).get("/opportunities/{id}", mine).then().statusCode(404);
        as(repB).header("If-Match", "\"0\"").body(Map.of("name", "hijack")).patch("/opportunities/{id}", mine).then().statusCode(404);
        as(repB).get("/opportunities").then().body("items.id", not(hasItem(mine)));
        as(manager1).get("/opportunities/{id}", mine).then().statusCode(200);
        as(manager1).get("/opportunities/{id}", otherDept).then().statusCode(404);
        as(manager1).get("/opportunities").then().body("items.id", hasItem(mine)).body("items.id", not(hasItem(otherDept)));
        as(admin).get("/opportunities").then().body("items.id", hasItems(mine, otherDept));
        as(Tokens.admin("elsewhere")).get("/opportunities/{id}", mine).then().statusCode(404);
        // a rep creates for themselves only
        create(rep, opportunity("For someone else", GOVERNED, "ownerId", "rep-b")).then().statusCode(403);

        // a rep hands no deal to a colleague (the owner rule); their manager does. owner-changed is emitted and
        // the previous owner no longer sees it
        as(rep).header("If-Match", "\"0\"").body(Map.of("ownerId", "rep-b")).post("/opportunities/{id}/owner", mine)
                .then().statusCode(403).contentType("application/problem+json");
        as(manager1).header("If-Match", "\"0\"").body(Map.of("ownerId", "rep-b")).post("/opportunities/{id}/owner", mine)
                .then().statusCode(200).body("ownerId", equalTo("rep-b"));
        as(rep).get("/opportunities/{id}", mine).then().statusCode(404);
        as(repB).get("/opportunities/{id}", mine).then().statusCode(200);
        JsonNode changed = json(Api.events(mine, 2).get(1).value());
        assertEquals("rep-a", changed.at("/previousOwnerId").asText());
        assertEquals("rep-b", changed.at("/opportunity/ownerId").asText());
    }

    @Test
    void leadConvertsOnceThroughTheCreatePath() {
        String leadId = "lead-" + UUID.randomUUID();
        Map<String, Object> lead = Map.of("leadId", leadId, "account", Map.of("id", "acc-lead", "name", "Lead Corp"),
                "contact", Map.of("id", "c-1", "name", "Bob"), "amount", 4200, "currency", "EUR", "salesProcessId", GOVERNED);
        String id = as(rep).body(lead).post("/opportunities/lead-conversions").then().statusCode(201)
                .body("leadId", equalTo(leadId)).body("name", equalTo("Lead Corp")).body("contactName", equalTo("Bob"))
                .body("stageKey", equalTo("qualification")).extract().path("id");
        as(rep).body(lead).post("/opportunities/lead-conversions").then().statusCode(409)
                .body("type", equalTo("https://oppsuite.io/problems/lead-already-converted"));
        assertEquals("opportunity.created", eventTypes(id, 1).get(0));
        as(rep).body(Map.of("leadId", "x")).post("/opportunities/lead-conversions").then().statusCode(400);
    }
}
