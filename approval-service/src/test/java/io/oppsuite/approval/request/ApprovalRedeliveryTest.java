package io.oppsuite.approval.request;

import io.oppsuite.approval.ApprovalFixtures.Opened;
import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.contracts.ApprovalEvents.Trigger;
import io.oppsuite.common.events.Topics;
import io.oppsuite.testsupport.CloudEvents;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.oppsuite.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.function.Predicate;

import static io.oppsuite.approval.ApprovalFixtures.awaitApproval;
import static io.oppsuite.approval.ApprovalFixtures.awaitEvents;
import static io.oppsuite.approval.ApprovalFixtures.createFlow;
import static io.oppsuite.approval.ApprovalFixtures.creationFlow;
import static io.oppsuite.approval.ApprovalFixtures.data;
import static io.oppsuite.approval.ApprovalFixtures.decision;
import static io.oppsuite.approval.ApprovalFixtures.employees;
import static io.oppsuite.approval.ApprovalFixtures.event;
import static io.oppsuite.approval.ApprovalFixtures.openCreationApproval;
import static io.oppsuite.approval.ApprovalFixtures.opportunity;
import static io.oppsuite.approval.ApprovalFixtures.ownerManager;
import static io.oppsuite.approval.ApprovalFixtures.publish;
import static io.oppsuite.approval.ApprovalFixtures.publishEmployee;
import static io.oppsuite.approval.ApprovalFixtures.publishRequest;
import static io.oppsuite.approval.ApprovalFixtures.write;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every message is idempotent. Redelivered requests (same event id, or the same
 * requestId under a new event id) open one approval and one approval.requested; a retried or
 * concurrent decision decides once and publishes one outcome; a malformed request goes to
 * approval-service.dlq without stopping the consumer.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_approval_test"))
class ApprovalRedeliveryTest {

    private static final Duration QUIET = Duration.ofSeconds(2);

    @Test
    void aRedeliveredRequestOpensOneApprovalAndPublishesOneRequested() {
        String tenant = UUID.randomUUID().toString();
        String flowId = createFlow(tenant, creationFlow("Named", List.of(employees("ANY", "cfo"))));
        String opportunityId = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();
        Map<String, Object> opportunity = opportunity(opportunityId, "rep-1", "dept-1");
        String eventId = UUID.randomUUID().toString();
        // the broker redelivers the same event, then opportunity-service re-publishes the request under a new event id
        publishRequest(tenant, eventId, requestId, Trigger.OPPORTUNITY_CREATION, flowId, opportunity, null, null, "rep-1");
        publishRequest(tenant, eventId, requestId, Trigger.OPPORTUNITY_CREATION, flowId, opportunity, null, null, "rep-1");
        publishRequest(tenant, UUID.randomUUID().toString(), requestId, Trigger.OPPORTUNITY_CREATION, flowId, opportunity, null, null,
                "rep-1");
        // same key, so same partition: once this later request is open, the three before it were consumed
        String laterRequestId = UUID.randomUUID().toString();
        publishRequest(tenant, UUID.randomUUID().toString(), laterRequestId, Trigger.STAGE_COMPLETION, flowId, opportunity,
                "qualification", "proposal", "rep-1");
        awaitApproval(tenant, laterRequestId);
        awaitEvents(opportunityId, ApprovalEvents.REQUESTED, 2);

        List<Map<String, Object>> approvals = given().auth().oauth2(Tokens.admin(tenant)).get("/approvals")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertEquals(1, approvals.stream().filter(a -> requestId.equals(a.get("requestId"))).count());
        assertEquals(2, approvals.size());
        List<ConsumerRecord<String, String>> requested = TopicProbe.all(Topics.APPROVAL_EVENTS,
                event(opportunityId, ApprovalEvents.REQUESTED).and(forRequest(requestId)), QUIET);
        assertEquals(1, requested.size());
    }

    @Test
    void aRetriedDecisionWithTheSameIdempotencyKeyDecidesOnce() {
        String tenant = UUID.randomUUID().toString();
        String flowId = createFlow(tenant, creationFlow("Named", List.of(employees("ANY", "cfo"))));
        Opened opened = openCreationApproval(tenant, flowId, "rep-1", "dept-1");
        String cfo = Tokens.issue(tenant, "cfo", "sales");
        String key = UUID.randomUUID().toString();

        String first = given().auth().oauth2(cfo).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(decision("REJECT", "discount too deep")).post("/approvals/{id}/decisions", opened.approvalId())
                .then().statusCode(200).body("status", equalTo("REJECTED")).extract().asString();
        given().auth().oauth2(cfo).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(decision("REJECT", "discount too deep")).post("/approvals/{id}/decisions", opened.approvalId())
                .then().statusCode(200).header("Idempotent-Replayed", "true").body("status", equalTo("REJECTED"))
                .body("version", equalTo(io.restassured.path.json.JsonPath.from(first).getInt("version")));
        // the same key for another decision is a client bug, not a replay
        given().auth().oauth2(cfo).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(decision("APPROVE", "changed my mind")).post("/approvals/{id}/decisions", opened.approvalId())
                .then().statusCode(422).contentType("application/problem+json");
        // a retry without a key is refused: the approval is closed
        given().auth().oauth2(cfo).contentType(ContentType.JSON).body(decision("REJECT", "discount too deep"))
                .post("/approvals/{id}/decisions", opened.approvalId()).then().statusCode(409);

        awaitEvents(opened.opportunityId(), ApprovalEvents.REJECTED, 1);
        assertEquals(1, TopicProbe.all(Topics.APPROVAL_EVENTS, event(opened.opportunityId(), ApprovalEvents.REJECTED), QUIET).size());
        given().auth().oauth2(cfo).get("/approvals/{id}/timeline", opened.approvalId()).then()
                .body("action", contains("REQUESTED", "REJECTED"));
    }

    @Test
    void concurrentDecisionsOnAnAnyStepDecideOnce() throws Exception {
        String tenant = UUID.randomUUID().toString();
        List<String> approvers = List.of("cfo", "controller", "treasurer", "ceo");
        String flowId = createFlow(tenant, creationFlow("Any of four", List.of(employees("ANY", approvers.toArray(String[]::new)))));
        Opened opened = openCreationApproval(tenant, flowId, "rep-1", "dept-1");

        List<Integer> statuses = decideAtOnce(tenant, opened.approvalId(), approvers);
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "statuses " + statuses);
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 409), "statuses " + statuses);

        awaitEvents(opened.opportunityId(), ApprovalEvents.APPROVED, 1);
        assertEquals(1, TopicProbe.all(Topics.APPROVAL_EVENTS, event(opened.opportunityId(), ApprovalEvents.APPROVED), QUIET).size());
        given().auth().oauth2(Tokens.admin(tenant)).get("/approvals/{id}/timeline", opened.approvalId()).then()
                .body("action", contains("REQUESTED", "APPROVED"));
    }

    @Test
    void concurrentApprovalsOnAnAllStepAllCount() throws Exception {
        String tenant = UUID.randomUUID().toString();
        List<String> approvers = List.of("cfo", "controller", "treasurer");
        String flowId = createFlow(tenant, creationFlow("All of three", List.of(employees("ALL", approvers.toArray(String[]::new)))));
        Opened opened = openCreationApproval(tenant, flowId, "rep-1", "dept-1");

        List<Integer> statuses = decideAtOnce(tenant, opened.approvalId(), approvers);
        assertEquals(List.of(200, 200, 200), statuses);

        awaitEvents(opened.opportunityId(), ApprovalEvents.APPROVED, 1);
        assertEquals(1, TopicProbe.all(Topics.APPROVAL_EVENTS, event(opened.opportunityId(), ApprovalEvents.APPROVED), QUIET).size());
        given().auth().oauth2(Tokens.admin(tenant)).get("/approvals/{id}", opened.approvalId()).then()
                .body("status", equalTo("APPROVED"));
        given().auth().oauth2(Tokens.admin(tenant)).get("/approvals/{id}/timeline", opened.approvalId()).then()
                .body("action", contains("REQUESTED", "APPROVED", "APPROVED", "APPROVED"));
    }

    @Test
    void aWithdrawalRacingTheLastApprovalEitherWithdrawsOrApprovesNeverBoth() throws Exception {
        String tenant = UUID.randomUUID().toString();
        String flowId = createFlow(tenant, creationFlow("Named", List.of(employees("ANY", "cfo"))));
        Opened opened = openCreationApproval(tenant, flowId, "rep-1", "dept-1");
        CyclicBarrier start = new CyclicBarrier(2);
        String cfo = Tokens.issue(tenant, "cfo", "sales");
        String rep = Tokens.issue(tenant, "rep-1", "sales");
        CompletableFuture<Response> approve = CompletableFuture.supplyAsync(() -> {
            meet(start);
            return given().auth().oauth2(cfo).contentType(ContentType.JSON).body(decision("APPROVE", "ok"))
                    .post("/approvals/{id}/decisions", opened.approvalId());
        });
        CompletableFuture<Response> withdraw = CompletableFuture.supplyAsync(() -> {
            meet(start);
            return given().auth().oauth2(rep).post("/approvals/{id}/withdraw", opened.approvalId());
        });
        List<Integer> statuses = List.of(approve.get().statusCode(), withdraw.get().statusCode());
        assertTrue(statuses.equals(List.of(200, 409)) || statuses.equals(List.of(409, 200)), "statuses " + statuses);

        String winner = statuses.get(0) == 200 ? ApprovalEvents.APPROVED : ApprovalEvents.WITHDRAWN;
        String loser = statuses.get(0) == 200 ? ApprovalEvents.WITHDRAWN : ApprovalEvents.APPROVED;
        awaitEvents(opened.opportunityId(), winner, 1);
        assertTrue(TopicProbe.all(Topics.APPROVAL_EVENTS, event(opened.opportunityId(), loser), QUIET).isEmpty());
        given().auth().oauth2(Tokens.admin(tenant)).get("/approvals/{id}/timeline", opened.approvalId()).then()
                .body("action", contains("REQUESTED", statuses.get(0) == 200 ? "APPROVED" : "WITHDRAWN"));
    }

    private static void meet(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every approver approves at the same moment; the HTTP statuses in approver order. */
    private static List<Integer> decideAtOnce(String tenant, String approvalId, List<String> approvers) throws Exception {
        CyclicBarrier start = new CyclicBarrier(approvers.size());
        List<CompletableFuture<Response>> decisions = new ArrayList<>();
        for (String approver : approvers) {
            String token = Tokens.issue(tenant, approver, "sales");
            decisions.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return given().auth().oauth2(token).contentType(ContentType.JSON).body(decision("APPROVE", "by " + approver))
                        .post("/approvals/{id}/decisions", approvalId);
            }));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Response> d : decisions) {
            statuses.add(d.get().statusCode());
        }
        return statuses;
    }

    @Test
    void aMalformedRequestGoesToTheDeadLetterTopicAndTheNextOneIsServed() {
        String tenant = UUID.randomUUID().toString();
        String flowId = createFlow(tenant, creationFlow("Named", List.of(employees("ANY", "cfo"))));
        String opportunityId = UUID.randomUUID().toString();
        // no requestId: nothing could ever answer it
        publish(Topics.OPPORTUNITY_EVENTS, opportunityId, UUID.randomUUID().toString(), ApprovalEvents.APPROVAL_REQUESTED_BY_OPPORTUNITY,
                tenant, write(Map.of("trigger", "OPPORTUNITY_CREATION", "flowId", flowId,
                        "opportunity", opportunity(opportunityId, "rep-1", "dept-1"))));
        publish(Topics.OPPORTUNITY_EVENTS, opportunityId, UUID.randomUUID().toString(), ApprovalEvents.APPROVAL_REQUESTED_BY_OPPORTUNITY,
                tenant, "{\"requestId\": ");
        // the dead-letter topic exists only once something was dead-lettered
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertEquals(2,
                TopicProbe.all(Topics.deadLetter("approval-service"), TopicProbe.key(opportunityId), Duration.ofSeconds(1)).size()));

        Opened next = openCreationApproval(tenant, flowId, "rep-1", "dept-1");
        given().auth().oauth2(Tokens.admin(tenant)).get("/approvals").then().body("items.id", contains(next.approvalId()));
        assertTrue(TopicProbe.all(Topics.APPROVAL_EVENTS, TopicProbe.key(opportunityId), Duration.ofSeconds(1)).isEmpty());
    }

    @Test
    void aRedeliveredDirectoryEventChangesNothingTwice() {
        String tenant = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        publishEmployee(tenant, eventId, "rep-1", "dept-1", "boss-1");
        // a later change, then the first event redelivered: the later manager must stay
        publishEmployee(tenant, UUID.randomUUID().toString(), "rep-1", "dept-1", "boss-2");
        publishEmployee(tenant, eventId, "rep-1", "dept-1", "boss-1");
        // same key (same partition), another tenant: once this one is applied, the redelivery before it was consumed
        String sentinelTenant = UUID.randomUUID().toString();
        publishEmployee(sentinelTenant, UUID.randomUUID().toString(), "rep-1", "dept-1", "boss-9");
        awaitOwnersManager(sentinelTenant, "rep-1", "boss-9");

        String approvalId = awaitOwnersManager(tenant, "rep-1", "boss-2");
        given().auth().oauth2(Tokens.issue(tenant, "boss-1", "manager")).get("/approvals?mine=true").then().body("total", equalTo(0));
        given().auth().oauth2(Tokens.issue(tenant, "boss-1", "manager")).get("/approvals/{id}", approvalId).then().statusCode(404);
    }

    /** Opens an approval whose only step is the owner's manager and waits until managerId has it pending. */
    private static String awaitOwnersManager(String tenant, String ownerId, String managerId) {
        String flowId = createFlow(tenant, creationFlow("Manager", List.of(ownerManager())));
        Opened opened = openCreationApproval(tenant, flowId, ownerId, "dept-1");
        String manager = Tokens.issue(tenant, managerId, "manager");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(manager).get("/approvals?mine=true").then().body("items.id", contains(opened.approvalId())));
        return opened.approvalId();
    }

    private static Predicate<ConsumerRecord<String, String>> forRequest(String requestId) {
        return r -> requestId.equals(data(r).path("requestId").asText());
    }
}
