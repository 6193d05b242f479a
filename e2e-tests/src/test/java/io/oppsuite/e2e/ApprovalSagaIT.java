package io.oppsuite.e2e;

import io.oppsuite.testsupport.Tokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The creation-approval saga across opportunity-service and approval-service over the real broker:
 * a big deal waits in PENDING_APPROVAL, the named approver approves it (→ ACTIVE) or rejects it
 * (→ REJECTED); nobody else may decide.
 */
class ApprovalSagaIT {

    final String tenant = "saga-" + UUID.randomUUID().toString().substring(0, 8);
    final String admin = Tokens.admin(tenant);
    final String approver = Tokens.issue(tenant, "approver-1", "manager");
    final String outsider = Tokens.issue(tenant, "someone-else", "manager");

    @Test
    void bigDealsWaitForTheApproverAndFollowTheDecision() {
        String process = Suite.publishStandardProcess(tenant);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                {"name": "Big deals", "trigger": "OPPORTUNITY_CREATION",
                 "conditions": [{"field": "amount", "operator": "GTE", "value": 100000}],
                 "steps": [{"name": "Sales director", "approverType": "EMPLOYEES", "employeeIds": ["approver-1"], "mode": "ANY"}],
                 "active": true}""")
                .post(Suite.url("approval-service") + "/approval-flows").then().statusCode(201);

        // opportunity-service learns the flow from approval-events: wait until a big deal is held for approval
        String approved = awaitPendingBigDeal(process, "Approved deal");
        String rejected = awaitPendingBigDeal(process, "Rejected deal");
        // a small deal is not subject to the flow
        String small = create(process, "Small deal", 5000).then().statusCode(201).extract().path("id");
        given().auth().oauth2(admin).get(Suite.url("opportunity-service") + "/opportunities/{id}", small)
                .then().statusCode(200).body("status", equalTo("ACTIVE"));

        String approvedApproval = awaitApprovalFor(approved);
        String rejectedApproval = awaitApprovalFor(rejected);

        // only the eligible approver decides
        Response notEligible = given().auth().oauth2(outsider).contentType(ContentType.JSON)
                .body(Map.of("decision", "APPROVE", "comment", "not mine to approve"))
                .post(Suite.url("approval-service") + "/approvals/{id}/decisions", approvedApproval);
        assertEquals(true, notEligible.statusCode() == 403 || notEligible.statusCode() == 404, "outsider got " + notEligible.statusCode());

        given().auth().oauth2(approver).contentType(ContentType.JSON).body(Map.of("decision", "APPROVE", "comment", "strategic account"))
                .post(Suite.url("approval-service") + "/approvals/{id}/decisions", approvedApproval).then().statusCode(200);
        given().auth().oauth2(approver).contentType(ContentType.JSON).body(Map.of("decision", "REJECT", "comment", "price too low"))
                .post(Suite.url("approval-service") + "/approvals/{id}/decisions", rejectedApproval).then().statusCode(200);
        // deciding twice is refused
        given().auth().oauth2(approver).contentType(ContentType.JSON).body(Map.of("decision", "REJECT", "comment", "changed my mind"))
                .post(Suite.url("approval-service") + "/approvals/{id}/decisions", approvedApproval).then().statusCode(409);

        awaitStatus(approved, "ACTIVE");
        awaitStatus(rejected, "REJECTED");
        // the rejected deal no longer holds a place for its owner in holding-service; the approved one does
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<String> held = given().auth().oauth2(admin).get(Suite.url("holding-service") + "/holdings/employees/{id}", "seller-1")
                    .then().statusCode(200).extract().jsonPath().getList("opportunityIds", String.class);
            assertTrue(held.contains(approved), "approved deal is held: " + held);
            assertFalse(held.contains(rejected), "rejected deal is released: " + held);
        });

        JsonPath timeline = given().auth().oauth2(approver).get(Suite.url("approval-service") + "/approvals/{id}/timeline", approvedApproval)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(true, timeline.getList("$").size() >= 2, "requested and approved are on the timeline: " + timeline.prettify());
    }

    private String awaitPendingBigDeal(String process, String name) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Response r = create(process, name, 250_000);
            if (r.statusCode() == 201 && "PENDING_APPROVAL".equals(r.jsonPath().getString("status"))) {
                id[0] = r.jsonPath().getString("id");
                return true;
            }
            return false;
        });
        return id[0];
    }

    private String awaitApprovalFor(String opportunityId) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath page = given().auth().oauth2(approver).queryParam("mine", true).queryParam("status", "PENDING").queryParam("size", 100)
                    .get(Suite.url("approval-service") + "/approvals").then().statusCode(200).extract().jsonPath();
            id[0] = page.getString("items.find { it.opportunityId == '" + opportunityId + "' }.id");
            assertEquals(true, id[0] != null, "approval for " + opportunityId);
        });
        return id[0];
    }

    private void awaitStatus(String opportunityId, String status) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(admin)
                .get(Suite.url("opportunity-service") + "/opportunities/{id}", opportunityId)
                .then().statusCode(200).body("status", equalTo(status)));
    }

    private Response create(String process, String name, int amount) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", name + " " + UUID.randomUUID(), "amount", amount, "currency", "EUR", "salesProcessId", process,
                        "ownerId", "seller-1"))
                .post(Suite.url("opportunity-service") + "/opportunities");
    }

}
