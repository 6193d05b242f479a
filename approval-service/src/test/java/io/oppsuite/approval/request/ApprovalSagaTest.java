package io.oppsuite.approval.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.approval.ApprovalFixtures.Opened;
import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.common.contracts.ApprovalEvents.Trigger;
import io.oppsuite.common.contracts.OpportunityEvents;
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
import java.util.UUID;

import static io.oppsuite.approval.ApprovalFixtures.awaitApproval;
import static io.oppsuite.approval.ApprovalFixtures.openCreationApproval;
import static io.oppsuite.approval.ApprovalFixtures.publish;
import static io.oppsuite.approval.ApprovalFixtures.write;
import static io.oppsuite.approval.ApprovalFixtures.awaitEvents;
import static io.oppsuite.approval.ApprovalFixtures.createFlow;
import static io.oppsuite.approval.ApprovalFixtures.creationFlow;
import static io.oppsuite.approval.ApprovalFixtures.data;
import static io.oppsuite.approval.ApprovalFixtures.employees;
import static io.oppsuite.approval.ApprovalFixtures.event;
import static io.oppsuite.approval.ApprovalFixtures.opportunity;
import static io.oppsuite.approval.ApprovalFixtures.ownerManager;
import static io.oppsuite.approval.ApprovalFixtures.publishEmployee;
import static io.oppsuite.approval.ApprovalFixtures.publishRequest;
import static io.oppsuite.approval.ApprovalFixtures.role;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The approval side of the saga over the real broker and database. The
 * requests are published on opportunity-events exactly as opportunity-service publishes them;
 * the outcomes are read back from approval-events.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_approval_test"))
class ApprovalSagaTest {

    static Map<String, Object> decision(String decision, String comment) {
        return Map.of("decision", decision, "comment", comment);
    }

    @Test
    void creationApprovalByAnyNamedApproverGoesBackAsApproved() {
        String tenant = UUID.randomUUID().toString();
        String flowId = createFlow(tenant, creationFlow("Big deals", List.of(employees("ANY", "cfo", "controller"))));
        String opportunityId = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();
        publishRequest(tenant, UUID.randomUUID().toString(), requestId, Trigger.OPPORTUNITY_CREATION, flowId,
                opportunity(opportunityId, "rep-1", "dept-1"), null, null, "rep-1");

        ConsumerRecord<String, String> requested = awaitEvents(opportunityId, ApprovalEvents.REQUESTED, 1).get(0);
        assertEquals(tenant, CloudEvents.header(requested, "ce_tenant"));
        JsonNode outcome = data(requested);
        assertEquals(requestId, outcome.get("requestId").asText());
        assertEquals("OPPORTUNITY_CREATION", outcome.get("trigger").asText());
        assertEquals(flowId, outcome.get("flowId").asText());
        String approvalId = outcome.get("approvalId").asText();

        String cfo = Tokens.issue(tenant, "cfo", "sales");
        String controller = Tokens.issue(tenant, "controller", "sales");
        given().auth().oauth2(cfo).get("/approvals?status=PENDING&mine=true").then().statusCode(200)
                .body("items.id", contains(approvalId)).body("items[0].currentStepName", equalTo("Named cfo,controller"));
        given().auth().oauth2(controller).get("/approvals?mine=true").then().body("items.id", contains(approvalId));
        given().auth().oauth2(Tokens.issue(tenant, "rep-1", "sales")).get("/approvals?mine=true").then().body("items", empty());

        given().auth().oauth2(cfo).contentType(ContentType.JSON).body(decision("APPROVE", "within policy"))
                .post("/approvals/{id}/decisions", approvalId)
                .then().statusCode(200).body("status", equalTo("APPROVED")).body("decidedBy", equalTo("cfo"))
                .body("currentStep", nullValue());

        JsonNode approved = data(awaitEvents(opportunityId, ApprovalEvents.APPROVED, 1).get(0));
        assertEquals(approvalId, approved.get("approvalId").asText());
        assertEquals(requestId, approved.get("requestId").asText());
        assertEquals("cfo", approved.get("decidedBy").asText());
        assertEquals("within policy", approved.get("comment").asText());
        given().auth().oauth2(controller).get("/approvals?mine=true").then().body("items", empty());

        given().auth().oauth2(Tokens.issue(tenant, "rep-1", "sales")).get("/approvals/{id}/timeline", approvalId)
                .then().statusCode(200).body("$", hasSize(2))
                .body("[0].action", equalTo("REQUESTED")).body("[0].actor", equalTo("rep-1"))
                .body("[1].action", equalTo("APPROVED")).body("[1].actor", equalTo("cfo"))
                .body("[1].comment", equalTo("within policy")).body("[1].step", equalTo(0))
                .body("[1].stepName", equalTo("Named cfo,controller"));
    }

    @Test
    void stageCompletionRunsOrderedStepsAndAnyRejectionRejects() {
        String tenant = UUID.randomUUID().toString();
        // the owner's manager comes from holding-service's directory
        publishEmployee(tenant, UUID.randomUUID().toString(), "rep-1", "dept-1", "boss-1");
        String flowId = createFlow(tenant, Map.of("name", "Proposal sign-off", "trigger", "STAGE_COMPLETION",
                "salesProcessId", "process-1", "stageKey", "proposal",
                "steps", List.of(ownerManager(), employees("ALL", "cfo", "controller"), role("legal"))));
        String opportunityId = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();
        publishRequest(tenant, UUID.randomUUID().toString(), requestId, Trigger.STAGE_COMPLETION, flowId,
                opportunity(opportunityId, "rep-1", "dept-1"), "proposal", "negotiation", "rep-1");
        String approvalId = awaitApproval(tenant, requestId);

        String boss = Tokens.inDepartment(tenant, "boss-1", "dept-9", "manager");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(boss).get("/approvals?mine=true").then().body("items.id", contains(approvalId)));
        // a manager of the department sees it, but the directory names another manager
        String deptManager = Tokens.inDepartment(tenant, "boss-2", "dept-1", "manager");
        given().auth().oauth2(deptManager).contentType(ContentType.JSON).body(decision("APPROVE", "me too"))
                .post("/approvals/{id}/decisions", approvalId).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(boss).contentType(ContentType.JSON).body(decision("APPROVE", "good deal"))
                .post("/approvals/{id}/decisions", approvalId)
                .then().statusCode(200).body("status", equalTo("PENDING")).body("currentStep", equalTo(1));

        // ALL: both named approvers, in either order; the first alone leaves the step open
        String cfo = Tokens.issue(tenant, "cfo", "sales");
        given().auth().oauth2(cfo).contentType(ContentType.JSON).body(decision("APPROVE", "numbers ok"))
                .post("/approvals/{id}/decisions", approvalId)
                .then().statusCode(200).body("currentStep", equalTo(1)).body("currentStepApprovals", contains("cfo"));
        given().auth().oauth2(cfo).contentType(ContentType.JSON).body(decision("APPROVE", "again"))
                .post("/approvals/{id}/decisions", approvalId)
                .then().statusCode(409).body("type", equalTo("https://oppsuite.io/problems/already-decided"));
        given().auth().oauth2(cfo).get("/approvals?mine=true").then().body("items", empty());
        given().auth().oauth2(Tokens.issue(tenant, "controller", "sales")).contentType(ContentType.JSON)
                .body(decision("APPROVE", "ok")).post("/approvals/{id}/decisions", approvalId)
                .then().statusCode(200).body("currentStep", equalTo(2)).body("currentStepName", equalTo("Role legal"));

        String lawyer = Tokens.issue(tenant, "lawyer-7", "sales", "legal");
        given().auth().oauth2(lawyer).get("/approvals?mine=true").then().body("items.id", contains(approvalId));
        given().auth().oauth2(lawyer).contentType(ContentType.JSON).body(decision("REJECT", "liability clause unacceptable"))
                .post("/approvals/{id}/decisions", approvalId)
                .then().statusCode(200).body("status", equalTo("REJECTED")).body("decidedBy", equalTo("lawyer-7"));

        JsonNode rejected = data(awaitEvents(opportunityId, ApprovalEvents.REJECTED, 1).get(0));
        assertEquals("STAGE_COMPLETION", rejected.get("trigger").asText());
        assertEquals("negotiation", rejected.get("toStage").asText());
        assertEquals("lawyer-7", rejected.get("decidedBy").asText());
        assertEquals("liability clause unacceptable", rejected.get("comment").asText());
        assertTrue(TopicProbe.all(Topics.APPROVAL_EVENTS, event(opportunityId, ApprovalEvents.APPROVED), Duration.ofSeconds(1)).isEmpty());

        given().auth().oauth2(Tokens.admin(tenant)).get("/approvals/{id}/timeline", approvalId).then().statusCode(200)
                .body("action", contains("REQUESTED", "APPROVED", "APPROVED", "APPROVED", "REJECTED"))
                .body("actor", contains("rep-1", "boss-1", "cfo", "controller", "lawyer-7"))
                .body("step", contains(null, 0, 1, 1, 2));
        given().auth().oauth2(Tokens.admin(tenant)).get("/approvals?status=REJECTED").then().body("items.id", hasItem(approvalId));
        given().auth().oauth2(Tokens.admin(tenant)).get("/approvals?status=PENDING").then().body("items.id", not(hasItem(approvalId)));
    }

    @Test
    void withoutTheDirectoryAManagerOfTheDepartmentDecidesForTheOwnersManager() {
        String tenant = UUID.randomUUID().toString();
        String flowId = createFlow(tenant, creationFlow("Manager", List.of(ownerManager())));
        String opportunityId = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();
        publishRequest(tenant, UUID.randomUUID().toString(), requestId, Trigger.OPPORTUNITY_CREATION, flowId,
                opportunity(opportunityId, "rep-5", "dept-5"), null, null, "rep-5");
        String approvalId = awaitApproval(tenant, requestId);
        given().auth().oauth2(Tokens.inDepartment(tenant, "boss-6", "dept-6", "manager")).get("/approvals?mine=true")
                .then().body("items", empty());
        given().auth().oauth2(Tokens.inDepartment(tenant, "boss-5", "dept-5", "manager")).contentType(ContentType.JSON)
                .body(decision("APPROVE", "fine")).post("/approvals/{id}/decisions", approvalId)
                .then().statusCode(200).body("status", equalTo("APPROVED"));
        assertEquals("boss-5", data(awaitEvents(opportunityId, ApprovalEvents.APPROVED, 1).get(0)).get("decidedBy").asText());
    }

    @Test
    void aRequestForAFlowThatNoLongerExistsIsRejectedAtOnce() {
        String tenant = UUID.randomUUID().toString();
        String opportunityId = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();
        publishRequest(tenant, UUID.randomUUID().toString(), requestId, Trigger.OPPORTUNITY_CREATION, UUID.randomUUID().toString(),
                opportunity(opportunityId, "rep-1", "dept-1"), null, null, "rep-1");
        JsonNode rejected = data(awaitEvents(opportunityId, ApprovalEvents.REJECTED, 1).get(0));
        assertEquals(requestId, rejected.get("requestId").asText());
        assertEquals("system", rejected.get("decidedBy").asText());
        assertEquals(1, awaitEvents(opportunityId, ApprovalEvents.REQUESTED, 1).size());
    }

    @Test
    void aRequestNamingNoFlowRunsTheFlowThatAppliesOrTheOwnersManager() {
        String tenant = UUID.randomUUID().toString();
        publishEmployee(tenant, UUID.randomUUID().toString(), "rep-3", "dept-3", "boss-3");
        String stageFlowId = createFlow(tenant, Map.of("name", "Proposal sign-off", "trigger", "STAGE_COMPLETION",
                "salesProcessId", "process-1", "stageKey", "proposal", "steps", List.of(employees("ANY", "cfo"))));

        // a stage whose settings require an approval without naming a flow: the stage's flow applies
        String opportunityId = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();
        publishRequest(tenant, UUID.randomUUID().toString(), requestId, Trigger.STAGE_COMPLETION, null,
                opportunity(opportunityId, "rep-3", "dept-3"), "proposal", "negotiation", "rep-3");
        JsonNode requested = data(awaitEvents(opportunityId, ApprovalEvents.REQUESTED, 1).get(0));
        assertEquals(stageFlowId, requested.get("flowId").asText());
        given().auth().oauth2(Tokens.issue(tenant, "cfo", "sales")).get("/approvals?mine=true").then()
                .body("items.requestId", contains(requestId)).body("items[0].flowName", equalTo("Proposal sign-off"));

        // no flow for the stage being completed: the owner's manager (from the directory) decides
        String otherOpportunityId = UUID.randomUUID().toString();
        String otherRequestId = UUID.randomUUID().toString();
        publishRequest(tenant, UUID.randomUUID().toString(), otherRequestId, Trigger.STAGE_COMPLETION, null,
                opportunity(otherOpportunityId, "rep-3", "dept-3"), "qualification", "proposal", "rep-3");
        String approvalId = awaitApproval(tenant, otherRequestId);
        String boss = Tokens.issue(tenant, "boss-3", "manager");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(boss).get("/approvals?mine=true").then().body("items.id", contains(approvalId)));
        given().auth().oauth2(boss).contentType(ContentType.JSON).body(decision("APPROVE", "go"))
                .post("/approvals/{id}/decisions", approvalId).then().statusCode(200).body("status", equalTo("APPROVED"))
                .body("flowId", nullValue()).body("steps[0].approverType", equalTo("OWNER_MANAGER"));
        assertEquals(otherRequestId, data(awaitEvents(otherOpportunityId, ApprovalEvents.APPROVED, 1).get(0)).get("requestId").asText());
    }

    @Test
    void aDeletedOrClosedOpportunityWithdrawsItsPendingApproval() {
        String tenant = UUID.randomUUID().toString();
        String flowId = createFlow(tenant, creationFlow("Named", List.of(employees("ANY", "cfo"))));
        Opened deleted = openCreationApproval(tenant, flowId, "rep-1", "dept-1");
        Opened closed = openCreationApproval(tenant, flowId, "rep-1", "dept-1");
        Opened untouched = openCreationApproval(tenant, flowId, "rep-1", "dept-1");

        publish(Topics.OPPORTUNITY_EVENTS, deleted.opportunityId(), UUID.randomUUID().toString(), OpportunityEvents.DELETED, tenant,
                write(Map.of("opportunity", opportunity(deleted.opportunityId(), "rep-1", "dept-1"), "by", "rep-1")));
        Map<String, Object> lost = new java.util.LinkedHashMap<>(opportunity(closed.opportunityId(), "rep-1", "dept-1"));
        lost.put("status", "LOST");
        publish(Topics.OPPORTUNITY_EVENTS, closed.opportunityId(), UUID.randomUUID().toString(), OpportunityEvents.CLOSED, tenant,
                write(Map.of("opportunity", lost, "reason", "budget cut", "by", "rep-1")));

        JsonNode withdrawn = data(awaitEvents(deleted.opportunityId(), ApprovalEvents.WITHDRAWN, 1).get(0));
        assertEquals(deleted.requestId(), withdrawn.get("requestId").asText());
        assertEquals("system", withdrawn.get("decidedBy").asText());
        assertEquals("opportunity deleted", withdrawn.get("comment").asText());
        assertEquals("opportunity closed as LOST",
                data(awaitEvents(closed.opportunityId(), ApprovalEvents.WITHDRAWN, 1).get(0)).get("comment").asText());

        String cfo = Tokens.issue(tenant, "cfo", "sales");
        given().auth().oauth2(cfo).get("/approvals?mine=true").then().body("items.id", contains(untouched.approvalId()));
        given().auth().oauth2(cfo).contentType(ContentType.JSON).body(decision("APPROVE", "late"))
                .post("/approvals/{id}/decisions", deleted.approvalId()).then().statusCode(409);
        given().auth().oauth2(Tokens.admin(tenant)).get("/approvals/{id}/timeline", closed.approvalId()).then()
                .body("action", contains("REQUESTED", "WITHDRAWN")).body("actor", contains("rep-1", "system"));
    }

    @Test
    void anOwnerChangeHandsTheOwnersManagerStepToTheNewOwnersManager() {
        String tenant = UUID.randomUUID().toString();
        publishEmployee(tenant, UUID.randomUUID().toString(), "rep-1", "dept-1", "boss-1");
        publishEmployee(tenant, UUID.randomUUID().toString(), "rep-2", "dept-2", "boss-2");
        String flowId = createFlow(tenant, creationFlow("Manager", List.of(ownerManager())));
        Opened opened = openCreationApproval(tenant, flowId, "rep-1", "dept-1");
        String boss1 = Tokens.issue(tenant, "boss-1", "manager");
        String boss2 = Tokens.issue(tenant, "boss-2", "manager");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(boss1).get("/approvals?mine=true").then().body("items.id", contains(opened.approvalId())));

        publish(Topics.OPPORTUNITY_EVENTS, opened.opportunityId(), UUID.randomUUID().toString(), OpportunityEvents.OWNER_CHANGED, tenant,
                write(Map.of("opportunity", opportunity(opened.opportunityId(), "rep-2", "dept-2"), "previousOwnerId", "rep-1",
                        "previousDepartmentId", "dept-1", "by", "admin-1")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(boss2).get("/approvals?mine=true").then().body("items.id", contains(opened.approvalId())));
        given().auth().oauth2(boss1).get("/approvals?mine=true").then().body("items", empty());
        given().auth().oauth2(boss1).contentType(ContentType.JSON).body(decision("APPROVE", "mine"))
                .post("/approvals/{id}/decisions", opened.approvalId()).then().statusCode(404);
        given().auth().oauth2(boss2).contentType(ContentType.JSON).body(decision("APPROVE", "fine"))
                .post("/approvals/{id}/decisions", opened.approvalId()).then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("ownerId", equalTo("rep-2"));
    }
}
