package io.oppsuite.approval.request;

import io.oppsuite.approval.ApprovalFixtures.Opened;
import io.oppsuite.common.contracts.ApprovalEvents;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.oppsuite.approval.ApprovalFixtures.awaitEvents;
import static io.oppsuite.approval.ApprovalFixtures.createFlow;
import static io.oppsuite.approval.ApprovalFixtures.creationFlow;
import static io.oppsuite.approval.ApprovalFixtures.data;
import static io.oppsuite.approval.ApprovalFixtures.decision;
import static io.oppsuite.approval.ApprovalFixtures.employees;
import static io.oppsuite.approval.ApprovalFixtures.openCreationApproval;
import static io.oppsuite.approval.ApprovalFixtures.role;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Who may see, decide and withdraw an approval; closed approvals take no more
 * decisions; hostile input is a problem and writes nothing; each approver's pending list pages.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_approval_test"))
class ApprovalAccessTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void onlyAnApproverOfTheCurrentStepDecidesAndStepsRunInOrder() {
        String tenant = UUID.randomUUID().toString();
        // rep-1 is named too: nobody approves their own request
        String flowId = createFlow(tenant, creationFlow("Two steps", List.of(employees("ANY", "cfo", "rep-1"), role("finance"))));
        Opened opened = openCreationApproval(tenant, flowId, "rep-1", "dept-1");
        String id = opened.approvalId();

        given().auth().oauth2(Tokens.issue(tenant, "rep-1", "sales")).contentType(ContentType.JSON).body(decision("APPROVE", "mine"))
                .post("/approvals/{id}/decisions", id).then().statusCode(403).contentType(PROBLEM);
        // a finance role holder is an approver of the second step only: sees it, may not decide yet
        String treasurer = Tokens.issue(tenant, "treasurer", "sales", "finance");
        // the approval shows the opportunity as requested: the values the approver decides on
        io.restassured.path.json.JsonPath seen = given().auth().oauth2(treasurer).get("/approvals/{id}", id).then().statusCode(200)
                .body("opportunity.id", equalTo(opened.opportunityId())).body("opportunity.ownerId", equalTo("rep-1"))
                .extract().jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals(250000.0, seen.getDouble("opportunity.amount"));
        given().auth().oauth2(treasurer).get("/approvals?mine=true").then().body("items", empty());
        given().auth().oauth2(treasurer).contentType(ContentType.JSON).body(decision("APPROVE", "early"))
                .post("/approvals/{id}/decisions", id).then().statusCode(403).contentType(PROBLEM);
        // the department's manager may see it (canSee) but is no approver of it
        given().auth().oauth2(Tokens.inDepartment(tenant, "boss-1", "dept-1", "manager")).contentType(ContentType.JSON)
                .body(decision("APPROVE", "looks fine")).post("/approvals/{id}/decisions", id).then().statusCode(403);
        // an unrelated colleague cannot even see it
        String stranger = Tokens.issue(tenant, "rep-2", "sales");
        given().auth().oauth2(stranger).get("/approvals/{id}", id).then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(stranger).contentType(ContentType.JSON).body(decision("APPROVE", "why not"))
                .post("/approvals/{id}/decisions", id).then().statusCode(404);

        given().auth().oauth2(Tokens.issue(tenant, "cfo", "sales")).contentType(ContentType.JSON).body(decision("APPROVE", "ok"))
                .post("/approvals/{id}/decisions", id).then().statusCode(200).body("status", equalTo("PENDING"))
                .body("currentStep", equalTo(1));
        // the role comes from the token's claims: without it the approval is not even visible; with it, the last step approves
        given().auth().oauth2(Tokens.issue(tenant, "clerk", "sales")).contentType(ContentType.JSON).body(decision("APPROVE", "x"))
                .post("/approvals/{id}/decisions", id).then().statusCode(404);
        given().auth().oauth2(treasurer).get("/approvals?mine=true").then().body("items.id", contains(id));
        given().auth().oauth2(treasurer).contentType(ContentType.JSON).body(decision("APPROVE", "budget ok"))
                .post("/approvals/{id}/decisions", id).then().statusCode(200).body("status", equalTo("APPROVED"));
        assertEquals("treasurer", data(awaitEvents(opened.opportunityId(), ApprovalEvents.APPROVED, 1).get(0)).get("decidedBy").asText());

        // closed: any further decision is refused
        given().auth().oauth2(Tokens.issue(tenant, "treasurer-2", "sales", "finance")).contentType(ContentType.JSON)
                .body(decision("REJECT", "too late")).post("/approvals/{id}/decisions", id)
                .then().statusCode(409).contentType(PROBLEM).body("type", equalTo("https://oppsuite.io/problems/approval-closed"))
                .body("approvalStatus", equalTo("APPROVED"));
        given().auth().oauth2(Tokens.issue(tenant, "rep-1", "sales")).get("/approvals/{id}/timeline", id).then()
                .body("action", contains("REQUESTED", "APPROVED", "APPROVED")).body("actor", contains("rep-1", "cfo", "treasurer"))
                .body("comment", contains(null, "ok", "budget ok"));
    }

    @Test
    void theRequesterWithdrawsAndAWithdrawnApprovalTakesNoDecision() {
        String tenant = UUID.randomUUID().toString();
        String flowId = createFlow(tenant, creationFlow("Named", List.of(employees("ALL", "cfo", "controller"))));
        Opened opened = openCreationApproval(tenant, flowId, "rep-1", "dept-1");
        String id = opened.approvalId();
        String cfo = Tokens.issue(tenant, "cfo", "sales");

        given().auth().oauth2(cfo).contentType(ContentType.JSON).body(Map.of("comment", "not yours"))
                .post("/approvals/{id}/withdraw", id).then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(Tokens.issue(tenant, "rep-1", "sales")).contentType(ContentType.JSON)
                .body(Map.of("comment", "customer postponed")).post("/approvals/{id}/withdraw", id)
                .then().statusCode(200).body("status", equalTo("WITHDRAWN")).body("decidedBy", equalTo("rep-1"));
        var withdrawn = data(awaitEvents(opened.opportunityId(), ApprovalEvents.WITHDRAWN, 1).get(0));
        assertEquals(opened.requestId(), withdrawn.get("requestId").asText());
        assertEquals("customer postponed", withdrawn.get("comment").asText());

        given().auth().oauth2(cfo).get("/approvals?mine=true").then().body("items", empty());
        given().auth().oauth2(cfo).contentType(ContentType.JSON).body(decision("APPROVE", "ok"))
                .post("/approvals/{id}/decisions", id).then().statusCode(409).contentType(PROBLEM)
                .body("approvalStatus", equalTo("WITHDRAWN"));
        given().auth().oauth2(Tokens.issue(tenant, "rep-1", "sales")).contentType(ContentType.JSON).body("{}")
                .post("/approvals/{id}/withdraw", id).then().statusCode(409);
        given().auth().oauth2(cfo).get("/approvals/{id}/timeline", id).then().statusCode(200)
                .body("action", contains("REQUESTED", "WITHDRAWN")).body("[1].comment", equalTo("customer postponed"));

        // an admin may withdraw on the requester's behalf
        Opened second = openCreationApproval(tenant, flowId, "rep-1", "dept-1");
        given().auth().oauth2(Tokens.admin(tenant)).post("/approvals/{id}/withdraw", second.approvalId())
                .then().statusCode(200).body("status", equalTo("WITHDRAWN")).body("decidedBy", equalTo("admin-1"));
        awaitEvents(second.opportunityId(), ApprovalEvents.WITHDRAWN, 1);
    }

    @Test
    void anotherTenantsApprovalIsNotFound() {
        String tenant = UUID.randomUUID().toString();
        String flowId = createFlow(tenant, creationFlow("Named", List.of(employees("ANY", "cfo"))));
        String id = openCreationApproval(tenant, flowId, "rep-1", "dept-1").approvalId();
        String otherTenant = UUID.randomUUID().toString();
        String otherAdmin = Tokens.admin(otherTenant);
        // same employee id, other tenant
        String otherCfo = Tokens.issue(otherTenant, "cfo", "sales");
        given().auth().oauth2(otherAdmin).get("/approvals/{id}", id).then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(otherAdmin).get("/approvals/{id}/timeline", id).then().statusCode(404);
        given().auth().oauth2(otherAdmin).post("/approvals/{id}/withdraw", id).then().statusCode(404);
        given().auth().oauth2(otherCfo).contentType(ContentType.JSON).body(decision("APPROVE", "ok"))
                .post("/approvals/{id}/decisions", id).then().statusCode(404);
        given().auth().oauth2(otherCfo).get("/approvals?mine=true").then().body("items", empty()).body("total", equalTo(0));
        given().auth().oauth2(otherAdmin).get("/approvals").then().body("items", empty());
        given().auth().oauth2(Tokens.issue(tenant, "cfo", "sales")).get("/approvals/{id}", id).then().statusCode(200)
                .body("status", equalTo("PENDING"));
    }

    @Test
    void hostileInputIsAProblemAndChangesNothing() {
        String tenant = UUID.randomUUID().toString();
        String flowId = createFlow(tenant, creationFlow("Named", List.of(employees("ANY", "cfo"))));
        String id = openCreationApproval(tenant, flowId, "rep-1", "dept-1").approvalId();
        String cfo = Tokens.issue(tenant, "cfo", "sales");

        given().auth().oauth2(cfo).contentType(ContentType.JSON).body("{\"decision\": \"APPR")
                .post("/approvals/{id}/decisions", id).then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(cfo).contentType(ContentType.JSON).body("[1, 2]")
                .post("/approvals/{id}/decisions", id).then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(cfo).contentType(ContentType.JSON).body(Map.of("decision", "APPROVE", "comment", "ok", "approver", "ceo"))
                .post("/approvals/{id}/decisions", id).then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(cfo).contentType(ContentType.JSON).body(Map.of("decision", "MAYBE"))
                .post("/approvals/{id}/decisions", id).then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(cfo).contentType(ContentType.JSON).body(Map.of("comment", "no decision"))
                .post("/approvals/{id}/decisions", id).then().statusCode(400).contentType(PROBLEM).body("violations", hasSize(1));
        given().auth().oauth2(cfo).contentType(ContentType.JSON).post("/approvals/{id}/decisions", id)
                .then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(cfo).contentType(ContentType.JSON).body(decision("APPROVE", "x".repeat(2001)))
                .post("/approvals/{id}/decisions", id).then().statusCode(400).contentType(PROBLEM).body("violations", hasSize(1));
        given().auth().oauth2(Tokens.issue(tenant, "rep-1", "sales")).contentType(ContentType.JSON)
                .body(Map.of("comment", "y".repeat(2001))).post("/approvals/{id}/withdraw", id).then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(Tokens.issue(tenant, "rep-1", "sales")).contentType(ContentType.JSON)
                .body(Map.of("comment", "why", "status", "APPROVED")).post("/approvals/{id}/withdraw", id)
                .then().statusCode(400).contentType(PROBLEM).body("detail", equalTo("unknown field 'status'"));
        given().auth().oauth2(Tokens.issue(tenant, "rep-1", "sales")).contentType(ContentType.JSON).body("{\"comment\": ")
                .post("/approvals/{id}/withdraw", id).then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(cfo).contentType(ContentType.TEXT).body("APPROVE")
                .post("/approvals/{id}/decisions", id).then().statusCode(415);
        given().auth().oauth2(cfo).contentType(ContentType.JSON).body(decision("APPROVE", "ok"))
                .post("/approvals/{id}/decisions", "not-a-uuid").then().statusCode(404);
        given().auth().oauth2(cfo).contentType(ContentType.JSON).body(decision("APPROVE", "ok"))
                .post("/approvals/{id}/decisions", UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(cfo).get("/approvals?status=SOMETIME").then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(cfo).get("/approvals?size=0").then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(cfo).get("/approvals?size=201").then().statusCode(400);
        given().auth().oauth2(cfo).get("/approvals?page=-1").then().statusCode(400);
        given().get("/approvals/{id}", id).then().statusCode(401);
        given().auth().oauth2(Tokens.forged(tenant, "cfo", "sales")).contentType(ContentType.JSON).body(decision("APPROVE", "ok"))
                .post("/approvals/{id}/decisions", id).then().statusCode(401);

        given().auth().oauth2(cfo).get("/approvals/{id}", id).then().statusCode(200).body("status", equalTo("PENDING"))
                .body("currentStepApprovals", empty());
        given().auth().oauth2(cfo).get("/approvals/{id}/timeline", id).then().body("action", contains("REQUESTED"));
    }

    @Test
    void eachApproverPagesThroughTheirPendingApprovals() {
        String tenant = UUID.randomUUID().toString();
        String flowId = createFlow(tenant, creationFlow("Named", List.of(employees("ANY", "cfo"))));
        String otherFlowId = createFlow(tenant, creationFlow("Other", List.of(employees("ANY", "ceo"))));
        String first = openCreationApproval(tenant, flowId, "rep-1", "dept-1").approvalId();
        String second = openCreationApproval(tenant, flowId, "rep-2", "dept-1").approvalId();
        String third = openCreationApproval(tenant, flowId, "rep-3", "dept-2").approvalId();
        String notCfos = openCreationApproval(tenant, otherFlowId, "rep-1", "dept-1").approvalId();
        String cfo = Tokens.issue(tenant, "cfo", "sales");

        // newest first
        given().auth().oauth2(cfo).get("/approvals?mine=true&size=2").then().statusCode(200)
                .body("items.id", contains(third, second)).body("page", equalTo(0)).body("size", equalTo(2)).body("total", equalTo(3));
        given().auth().oauth2(cfo).get("/approvals?mine=true&size=2&page=1").then()
                .body("items.id", contains(first)).body("total", equalTo(3));
        given().auth().oauth2(cfo).get("/approvals?mine=true&size=2&page=7").then().body("items", empty()).body("total", equalTo(3));
        given().auth().oauth2(Tokens.issue(tenant, "ceo", "sales")).get("/approvals?mine=true").then()
                .body("items.id", contains(notCfos)).body("total", equalTo(1));

        given().auth().oauth2(cfo).contentType(ContentType.JSON).body(decision("APPROVE", "ok"))
                .post("/approvals/{id}/decisions", second).then().statusCode(200);
        given().auth().oauth2(cfo).get("/approvals?mine=true").then().body("items.id", contains(third, first)).body("total", equalTo(2));
        // what the cfo may see at all: the three of their flow, whatever the status
        given().auth().oauth2(cfo).get("/approvals").then().body("items.id", containsInAnyOrder(first, second, third));
        given().auth().oauth2(cfo).get("/approvals?status=APPROVED").then().body("items.id", contains(second));
        // the admin's page is cut in the database
        given().auth().oauth2(Tokens.admin(tenant)).get("/approvals?size=3&page=1").then()
                .body("items.id", contains(first)).body("total", equalTo(4));

        // ids with LIKE wildcards or JSON escapes are matched exactly, not lost
        String oddFlow = createFlow(tenant, creationFlow("Odd ids", List.of(employees("ANY", "ops_lead%1", "fin\\ops"))));
        String odd = openCreationApproval(tenant, oddFlow, "rep-4", "dept-4").approvalId();
        given().auth().oauth2(Tokens.issue(tenant, "ops_lead%1", "sales")).get("/approvals?mine=true").then().body("items.id", contains(odd));
        given().auth().oauth2(Tokens.issue(tenant, "fin\\ops", "sales")).get("/approvals?mine=true").then().body("items.id", contains(odd));
        given().auth().oauth2(Tokens.issue(tenant, "opsXleadX1", "sales")).get("/approvals?mine=true").then().body("total", equalTo(0));
    }
}
