package io.oppsuite.opportunity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.testsupport.CloudEvents;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.SuiteInfra;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.oppsuite.opportunity.Api.as;
import static io.oppsuite.opportunity.Api.create;
import static io.oppsuite.opportunity.Api.createId;
import static io.oppsuite.opportunity.Api.json;
import static io.oppsuite.opportunity.Api.opportunity;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Creation approval without dead ends (issue 19 point 5), driven by approval-events as
 * approval-service publishes them: a rejected deal is edited and resubmitted (a new approval
 * request), a withdrawn one becomes an editable DRAFT and is resubmitted too; while a request waits,
 * the fields its flow's conditions read are locked (409); unsubmitted deals block no duplicate; a
 * converted lead whose deal was rejected is pointed at that deal.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_opportunity_test"))
@QuarkusTestResource(HoldingStub.class)
class CreationApprovalDeadEndsTest {

    static final String TENANT = "dead-ends";
    static final String PROCESS = UUID.randomUUID().toString();
    static final String rep = Tokens.issue(TENANT, "rep-d", "sales");
    static boolean published;

    @BeforeEach
    void setUp() {
        if (published) {
            return;
        }
        SalesProcessFixtures.publish(TENANT, SalesProcessFixtures.standard(PROCESS, 1));
        publish("flow-large", UUID.randomUUID().toString(), ApprovalEvents.FLOW_UPSERTED,
                new ApprovalEvents.FlowSnapshot("flow-large", "Large deals", ApprovalEvents.Trigger.OPPORTUNITY_CREATION, null, null,
                        List.of(new SalesProcessSnapshot.FieldCondition("amount", "GTE", IntNode.valueOf(10_000))), List.of(), true, 1));
        // process and flow reach the caches through the consumers (slow on a loaded machine)
        await().atMost(Duration.ofSeconds(120)).until(() ->
                "PENDING_APPROVAL".equals(create(rep, opportunity("Probe " + UUID.randomUUID(), PROCESS, "amount", 20_000)).path("status")));
        published = true;
    }

    static void publish(String key, String eventId, String type, Object data) {
        try {
            CloudEvents.publish(SuiteInfra.get().broker().bootstrapServers(), "approval-events", key, eventId, type, TENANT,
                    SalesProcessFixtures.JSON.writeValueAsString(data));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** approval-service's outcome of the opportunity's latest approval request. */
    static void decide(String id, String type, String comment) {
        String requestId = latestRequest(id).at("/requestId").asText();
        publish(id, UUID.randomUUID().toString(), type, new ApprovalEvents.ApprovalOutcome(UUID.randomUUID().toString(), requestId,
                ApprovalEvents.Trigger.OPPORTUNITY_CREATION, "flow-large", id, null, "boss-1", comment, Instant.now()));
    }

    static JsonNode latestRequest(String id) {
        List<ConsumerRecord<String, String>> events = Api.events(id, 1);
        JsonNode last = null;
        for (ConsumerRecord<String, String> r : events) {
            if (ApprovalEvents.APPROVAL_REQUESTED_BY_OPPORTUNITY.equals(CloudEvents.header(r, "ce_type"))) {
                last = json(r.value());
            }
        }
        return last;
    }

    static void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(as(rep).get("/opportunities/{id}", id).path("status")));
    }

    static io.restassured.response.Response resubmit(String id) {
        return as(rep).header("If-Match", Api.etag(rep, id)).post("/opportunities/{id}/resubmit", id);
    }

    @Test
    void aRejectedDealIsEditedAndResubmittedAsANewRequest() {
        String id = createId(rep, opportunity("Large deal", PROCESS, "amount", 50_000));
        // while the request waits, what the flow decides on stays; other fields may change
        as(rep).header("If-Match", Api.etag(rep, id)).body(Map.of("amount", 9_000)).patch("/opportunities/{id}", id)
                .then().statusCode(409).body("type", equalTo("https://oppsuite.io/problems/approval-pending"))
                .body("fields[0]", equalTo("amount"));
        as(rep).header("If-Match", Api.etag(rep, id)).body(Map.of("name", "Large deal, renamed")).patch("/opportunities/{id}", id)
                .then().statusCode(200).body("amount", equalTo(50_000.0f));
        String firstRequest = latestRequest(id).at("/requestId").asText();

        decide(id, ApprovalEvents.REJECTED, "price too low");
        awaitStatus(id, "REJECTED");
        as(rep).get("/opportunities/{id}", id).then().body("lastRejection", equalTo("price too low"));
        // editable now
        as(rep).header("If-Match", Api.etag(rep, id)).body(Map.of("amount", 60_000)).patch("/opportunities/{id}", id)
                .then().statusCode(200).body("status", equalTo("REJECTED"));
        // resubmitting takes If-Match
        as(rep).post("/opportunities/{id}/resubmit", id).then().statusCode(428);
        as(rep).header("If-Match", "\"0\"").post("/opportunities/{id}/resubmit", id).then().statusCode(412);
        resubmit(id).then().statusCode(200).body("status", equalTo("PENDING_APPROVAL")).body("lastRejection", nullValue());
        JsonNode second = latestRequest(id);
        assertNotEquals(firstRequest, second.at("/requestId").asText(), "a new approval request");
        assertEquals(60_000, second.at("/opportunity/amount").asInt(), "the approver sees the resubmitted values");
        assertTrue(Api.holdingCalls().stream().anyMatch(c -> c.startsWith("reserve rep-d")), "the owner's place is reserved again");

        decide(id, ApprovalEvents.APPROVED, "fine now");
        awaitStatus(id, "ACTIVE");
        resubmit(id).then().statusCode(409).body("type", equalTo("https://oppsuite.io/problems/not-resubmittable"));
    }

    @Test
    void aDealNoFlowAppliesToAnyMoreBecomesActiveOnResubmit() {
        String id = createId(rep, opportunity("Shrinking deal", PROCESS, "amount", 40_000));
        decide(id, ApprovalEvents.REJECTED, "too big for this quarter");
        awaitStatus(id, "REJECTED");
        as(rep).header("If-Match", Api.etag(rep, id)).body(Map.of("amount", 4_000)).patch("/opportunities/{id}", id).then().statusCode(200);
        resubmit(id).then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    void aWithdrawnRequestLeavesAnEditableDraftThatIsResubmitted() {
        String id = createId(rep, opportunity("Withdrawn deal", PROCESS, "amount", 30_000));
        decide(id, ApprovalEvents.WITHDRAWN, "wrong figures");
        awaitStatus(id, "DRAFT");
        as(rep).get("/opportunities/{id}", id).then().body("lastRejection", containsString("withdrawn"));
        String updated = Api.eventTypes(id, 3).get(2);
        assertEquals("opportunity.updated", updated);
        as(rep).header("If-Match", Api.etag(rep, id)).body(Map.of("amount", 35_000)).patch("/opportunities/{id}", id).then().statusCode(200);
        Api.move(rep, id, "proposal", null).then().statusCode(422);
        resubmit(id).then().statusCode(200).body("status", equalTo("PENDING_APPROVAL"));
        assertEquals(35_000, latestRequest(id).at("/opportunity/amount").asInt());
    }

    @Test
    void unsubmittedDealsBlockNoDuplicateUntilResubmitted() {
        String tenantAdmin = Tokens.admin(TENANT);
        as(tenantAdmin).body(Map.of("name", "One deal per account", "action", "BLOCK", "appliesTo", "ALL",
                "matchers", List.of(Map.of("type", "ACCOUNT_EXACT")))).post("/duplicate-rules").then().statusCode(201);
        try {
            Map<String, Object> first = opportunity("Account deal", PROCESS, "amount", 70_000, "accountId", "acc-dup-d");
            String rejected = createId(rep, first);
            create(rep, opportunity("Account deal 2", PROCESS, "accountId", "acc-dup-d")).then().statusCode(409);
            decide(rejected, ApprovalEvents.REJECTED, "no");
            awaitStatus(rejected, "REJECTED");
            // the rejected deal no longer blocks a new one for the account
            String replacement = createId(rep, opportunity("Account deal 3", PROCESS, "accountId", "acc-dup-d"));
            // and is held to the rule again when resubmitted
            resubmit(rejected).then().statusCode(409).body("type", equalTo("https://oppsuite.io/problems/duplicate-opportunity"))
                    .body("matches[0].id", equalTo(replacement));
            as(rep).get("/opportunities/{id}", rejected).then().body("status", equalTo("REJECTED"));
        } finally {
            for (Object ruleId : as(tenantAdmin).get("/duplicate-rules").jsonPath().getList("id")) {
                as(tenantAdmin).delete("/duplicate-rules/{id}", ruleId);
            }
        }
    }

    @Test
    void aLeadWhoseDealWasRejectedPointsAtThatDealToResubmit() {
        String leadId = "lead-" + UUID.randomUUID();
        Map<String, Object> lead = Map.of("leadId", leadId, "account", Map.of("id", "acc-lead-d", "name", "Lead Corp"),
                "amount", 80_000, "currency", "EUR", "salesProcessId", PROCESS);
        String id = as(rep).body(lead).post("/opportunities/lead-conversions").then().statusCode(201)
                .body("status", equalTo("PENDING_APPROVAL")).extract().path("id");
        decide(id, ApprovalEvents.REJECTED, "not yet");
        awaitStatus(id, "REJECTED");
        as(rep).body(lead).post("/opportunities/lead-conversions").then().statusCode(409)
                .body("opportunityId", equalTo(id)).body("opportunityStatus", equalTo("REJECTED"))
                .body("detail", containsString("resubmit"));
        resubmit(id).then().statusCode(200).body("status", equalTo("PENDING_APPROVAL")).body("leadId", equalTo(leadId));
    }
}
