package io.oppsuite.e2e;

import io.oppsuite.testsupport.Tokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A deal's sales team across the suite: opportunity-service grants the access, holding-service lets
 * an EDIT member's change be reserved for the owner (and still refuses a READ member or anyone
 * else), analytics-service widens a member's report scope to the deal until they leave, and the
 * owner's holding limit counts the owner's deals only.
 */
class SalesTeamIT {

    final String tenant = "team-" + UUID.randomUUID().toString().substring(0, 8);
    final String admin = Tokens.admin(tenant);
    final String owner = Tokens.inDepartment(tenant, "rep-a", "d-1", "sales");
    final String engineer = Tokens.inDepartment(tenant, "rep-b", "d-1", "sales");
    final String viewer = Tokens.inDepartment(tenant, "rep-c", "d-1", "sales");

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static String opportunities() {
        return Suite.url("opportunity-service") + "/opportunities";
    }

    @Test
    void editMembersWorkTheOwnersDealWithinTheOwnersLimitOnly() {
        String process = Suite.publishStandardProcess(tenant);
        Suite.directory(admin, Map.of("departments", List.of(Map.of("id", "d-1", "name", "Sales One")),
                "employees", List.of(
                        Map.of("id", "rep-a", "name", "Rep A", "departmentId", "d-1", "userGroups", List.of(), "attributes", Map.of()),
                        Map.of("id", "rep-b", "name", "Rep B", "departmentId", "d-1", "userGroups", List.of(), "attributes", Map.of()),
                        Map.of("id", "rep-c", "name", "Rep C", "departmentId", "d-1", "userGroups", List.of(), "attributes", Map.of()))));
        // deals of 5 000 or more count, two per rep
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("conditions", List.of(
                        Map.of("field", "status", "operator", "IN", "value", List.of("ACTIVE", "PENDING_APPROVAL")),
                        Map.of("field", "stageType", "operator", "EQ", "value", "IN_PROGRESS"),
                        Map.of("field", "amount", "operator", "GTE", "value", 5000))))
                .put(Suite.url("holding-service") + "/holding-definition").then().statusCode(200);
        Suite.holdingRule(admin, Map.of("name", "Two big deals per rep", "scope", "EMPLOYEES", "limit", 2));
        Suite.awaitProcessCached(admin, process, "rep-0");

        String deal = as(owner).body(Map.of("name", "Team deal " + UUID.randomUUID(), "amount", 1000, "currency", "EUR",
                        "salesProcessId", process, "accountId", "acc-" + UUID.randomUUID(),
                        "salesTeam", List.of(Map.of("employeeId", "rep-b", "access", "EDIT", "role", "Sales Engineer"),
                                Map.of("employeeId", "rep-c", "access", "READ"))))
                .post(opportunities()).then().statusCode(201).extract().path("id");
        // the team reaches holding-service on opportunity-events; then B's change is reserved for A
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(engineer).contentType("application/merge-patch+json")
                .header("If-Match", Suite.etag(engineer, deal)).body(Map.of("amount", 6000))
                .patch(opportunities() + "/{id}", deal).then().statusCode(200).body("amount", equalTo(6000)));
        // analytics: the READ member's report scope takes the deal in (rep-c owns nothing)
        awaitQualificationCount(viewer, process, 1);
        as(viewer).contentType("application/merge-patch+json").header("If-Match", Suite.etag(viewer, deal))
                .body(Map.of("amount", 7000)).patch(opportunities() + "/{id}", deal).then().statusCode(403);

        // the big deal counts for A, not for B: A has one place left, B two
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(admin)
                .get(Suite.url("holding-service") + "/holdings/employees/{id}", "rep-a").then().statusCode(200).body("held", equalTo(1)));
        given().auth().oauth2(admin).get(Suite.url("holding-service") + "/holdings/employees/{id}", "rep-b").then().statusCode(200)
                .body("held", equalTo(0));
        bigDeal(owner, process).then().statusCode(201);
        bigDeal(owner, process).then().statusCode(409).body("type", equalTo("https://oppsuite.io/problems/holding-limit-exceeded"));
        bigDeal(engineer, process).then().statusCode(201);
        bigDeal(engineer, process).then().statusCode(201);

        // a rep not on the team cannot use holding-service directly to fill A's limit through this deal
        given().auth().oauth2(viewer).contentType(ContentType.JSON)
                .body(Map.of("opportunityId", deal, "ownerId", "rep-a", "opportunity", Map.of("id", deal, "ownerId", "rep-a",
                        "amount", 9000, "currency", "EUR", "status", "ACTIVE", "version", 9)))
                .post(Suite.url("holding-service") + "/holdings/reservations").then().statusCode(403);

        // removed, B loses the deal at once
        String tag = as(owner).get(opportunities() + "/{id}/sales-team/rep-b", deal).then().statusCode(200).extract().header("ETag");
        as(owner).header("If-Match", tag).delete(opportunities() + "/{id}/sales-team/rep-b", deal).then().statusCode(204);
        as(engineer).get(opportunities() + "/{id}", deal).then().statusCode(404);
        // and from their analytics once the event is there (B's own two big deals are in qualification too)
        awaitQualificationCount(engineer, process, 2);
    }

    private static void awaitQualificationCount(String token, String process, int expected) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(token).queryParam("salesProcessId", process)
                .get(Suite.url("analytics-service") + "/analytics/stage-counts")
                .then().statusCode(200).body("find { it.key == 'qualification' }.count", equalTo(expected)));
    }

    private io.restassured.response.Response bigDeal(String token, String process) {
        return as(token).body(Map.of("name", "Big " + UUID.randomUUID(), "amount", 8000, "currency", "EUR",
                "salesProcessId", process, "accountId", "acc-" + UUID.randomUUID())).post(opportunities());
    }
}
