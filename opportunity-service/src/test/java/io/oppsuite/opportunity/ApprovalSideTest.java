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
import static io.oppsuite.opportunity.Api.move;
import static io.oppsuite.opportunity.Api.opportunity;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The opportunity side of approvals, driven by approval-events as approval-service would publish them:
 * creation approvals (PENDING_APPROVAL → ACTIVE / REJECTED) and stage-completion approvals
 * (202 + pendingMove → moved / lastRejection), idempotent on the event id.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_opportunity_test"))
@QuarkusTestResource(HoldingStub.class)
class ApprovalSideTest {

    static final String TENANT = "approvals";
    static final String PROCESS = UUID.randomUUID().toString();
    static final String GATED = UUID.randomUUID().toString();
    static final String rep = Tokens.issue(TENANT, "rep-1", "sales");
    static boolean published;

    @BeforeEach
    void setUp() {
        if (published) {
            return;
        }
        Api.publishAndAwait(TENANT, SalesProcessFixtures.standard(PROCESS, 1), rep);
        Api.publishAndAwait(TENANT, Processes.approvalOnQualification(GATED, "flow-qualification"), rep);
        publishFlow(new ApprovalEvents.FlowSnapshot("flow-big-deals", "Big deals", ApprovalEvents.Trigger.OPPORTUNITY_CREATION, null, null,
                List.of(new SalesProcessSnapshot.FieldCondition("amount", "GTE", IntNode.valueOf(10_000))), List.of(), true, 1));
        // the flow reaches the cache through the consumer
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "PENDING_APPROVAL".equals(create(rep, opportunity("Probe big " + UUID.randomUUID(), PROCESS, "amount", 20_000)).path("status")));
        // only once everything is cached: a setup that timed out is tried again by the next test
        published = true;
    }

    static void publishFlow(ApprovalEvents.FlowSnapshot flow) {
        publish(flow.id(), UUID.randomUUID().toString(), ApprovalEvents.FLOW_UPSERTED, flow);
    }

    static void publish(String key, String eventId, String type, Object data) {
        try {
            CloudEvents.publish(SuiteInfra.get().broker().bootstrapServers(), "approval-events", key, eventId, type, TENANT,
                    SalesProcessFixtures.JSON.writeValueAsString(data));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ApprovalEvents.ApprovalOutcome outcome(String requestId, ApprovalEvents.Trigger trigger, String opportunityId, String comment) {
        return new ApprovalEvents.ApprovalOutcome(UUID.randomUUID().toString(), requestId, trigger, "flow", opportunityId, null,
                "boss-1", comment, Instant.now());
    }

    static JsonNode approvalRequest(String id, int position) {
        ConsumerRecord<String, String> record = Api.events(id, position + 1).get(position);
        assertEquals(ApprovalEvents.APPROVAL_REQUESTED_BY_OPPORTUNITY, CloudEvents.header(record, "ce_type"));
        return json(record.value());
    }

    @Test
    void creationWaitsForApprovalThenBecomesActiveOnce() {
        create(rep, opportunity("Small deal", PROCESS, "amount", 500)).then().statusCode(201).body("status", equalTo("ACTIVE"));
        String id = create(rep, opportunity("Huge deal", PROCESS, "amount", 50_000)).then().statusCode(201)
                .body("status", equalTo("PENDING_APPROVAL")).extract().path("id");
        assertEquals("opportunity.created", CloudEvents.header(Api.events(id, 1).get(0), "ce_type"));
        JsonNode request = approvalRequest(id, 1);
        assertEquals("OPPORTUNITY_CREATION", request.at("/trigger").asText());
        assertEquals("flow-big-deals", request.at("/flowId").asText());
        assertEquals("PENDING_APPROVAL", request.at("/opportunity/status").asText());
        String requestId = request.at("/requestId").asText();

        String eventId = UUID.randomUUID().toString();
        publish(id, eventId, ApprovalEvents.APPROVED, outcome(requestId, ApprovalEvents.Trigger.OPPORTUNITY_CREATION, id, "ok"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "ACTIVE".equals(as(rep).get("/opportunities/{id}", id).path("status")));
        List<String> types = Api.eventTypes(id, 3);
        assertEquals("opportunity.updated", types.get(2));
        // the same event again changes nothing
        String version = as(rep).get("/opportunities/{id}", id).header("ETag");
        publish(id, eventId, ApprovalEvents.APPROVED, outcome(requestId, ApprovalEvents.Trigger.OPPORTUNITY_CREATION, id, "ok"));
        publish(id, UUID.randomUUID().toString(), ApprovalEvents.REJECTED, outcome(requestId, ApprovalEvents.Trigger.OPPORTUNITY_CREATION, id, "late"));
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        as(rep).get("/opportunities/{id}", id).then().header("ETag", version).body("status", equalTo("ACTIVE"));
    }

    @Test
    void rejectedCreationIsRejectedWithTheReason() {
        String id = createId(rep, opportunity("Doubtful deal", PROCESS, "amount", 99_000));
        String requestId = approvalRequest(id, 1).at("/requestId").asText();
        publish(id, UUID.randomUUID().toString(), ApprovalEvents.REJECTED,
                outcome(requestId, ApprovalEvents.Trigger.OPPORTUNITY_CREATION, id, "margin too thin"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "REJECTED".equals(as(rep).get("/opportunities/{id}", id).path("status")));
        as(rep).get("/opportunities/{id}", id).then().body("lastRejection", equalTo("margin too thin"));
        JsonNode updated = json(Api.events(id, 3).get(2).value());
        assertEquals("REJECTED", updated.at("/opportunity/status").asText());
        move(rep, id, "proposal", null).then().statusCode(422);
    }

    @Test
    void stageCompletionApprovalMovesOnApprovalAndStaysOnRejection() {
        String approved = createId(rep, opportunity("Gated deal", GATED));
        move(rep, approved, "proposal", null).then().statusCode(202)
                .body("stageKey", equalTo("qualification")).body("pendingMove.toStage", equalTo("proposal"));
        move(rep, approved, "proposal", null).then().statusCode(409);
        JsonNode request = approvalRequest(approved, 1);
        assertEquals("STAGE_COMPLETION", request.at("/trigger").asText());
        assertEquals("flow-qualification", request.at("/flowId").asText());
        assertEquals("qualification", request.at("/fromStage").asText());
        assertEquals("proposal", request.at("/toStage").asText());
        publish(approved, UUID.randomUUID().toString(), ApprovalEvents.APPROVED,
                outcome(request.at("/requestId").asText(), ApprovalEvents.Trigger.STAGE_COMPLETION, approved, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> "proposal".equals(as(rep).get("/opportunities/{id}", approved).path("stageKey")));
        as(rep).get("/opportunities/{id}", approved).then().body("pendingMove", nullValue());
        as(rep).get("/opportunities/{id}/stage-history", approved).then().body("$", hasSize(2)).body("[1].changedBy", equalTo("rep-1"));
        assertEquals("opportunity.stage-changed", Api.eventTypes(approved, 3).get(2));

        String rejected = createId(rep, opportunity("Gated deal 2", GATED));
        move(rep, rejected, "proposal", null).then().statusCode(202);
        String requestId = approvalRequest(rejected, 1).at("/requestId").asText();
        publish(rejected, UUID.randomUUID().toString(), ApprovalEvents.REJECTED,
                outcome(requestId, ApprovalEvents.Trigger.STAGE_COMPLETION, rejected, "no budget yet"));
        await().atMost(Duration.ofSeconds(30)).until(() -> as(rep).get("/opportunities/{id}", rejected).path("lastRejection") != null);
        as(rep).get("/opportunities/{id}", rejected).then().body("stageKey", equalTo("qualification"))
                .body("pendingMove", nullValue()).body("lastRejection", containsString("no budget yet"));

        // changed while waiting: the approval does not move a deal the approver did not see
        String changed = createId(rep, opportunity("Gated deal 3", GATED));
        move(rep, changed, "proposal", null).then().statusCode(202);
        String changedRequest = approvalRequest(changed, 1).at("/requestId").asText();
        as(rep).header("If-Match", Api.etag(rep, changed)).body(Map.of("amount", 1)).patch("/opportunities/{id}", changed).then().statusCode(200);
        publish(changed, UUID.randomUUID().toString(), ApprovalEvents.APPROVED,
                outcome(changedRequest, ApprovalEvents.Trigger.STAGE_COMPLETION, changed, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> as(rep).get("/opportunities/{id}", changed).path("lastRejection") != null);
        as(rep).get("/opportunities/{id}", changed).then().body("stageKey", equalTo("qualification"))
                .body("lastRejection", containsString("changed"));
    }
}
