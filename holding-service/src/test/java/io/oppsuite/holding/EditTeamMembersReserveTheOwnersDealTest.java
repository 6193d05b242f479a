package io.oppsuite.holding;

import io.oppsuite.common.events.Topics;
import io.oppsuite.testsupport.CloudEvents;
import io.oppsuite.testsupport.SuiteInfra;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.oppsuite.holding.HoldingApi.activeOpportunity;
import static io.oppsuite.holding.HoldingApi.newTenant;
import static io.oppsuite.holding.HoldingApi.rule;
import static io.oppsuite.holding.HoldingApi.sales;
import static io.oppsuite.holding.HoldingApi.usage;
import static io.oppsuite.holding.HoldingProjectionTest.awaitHeld;
import static io.oppsuite.holding.HoldingProjectionTest.publish;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * Deals' sales teams projected from {@code opportunity.sales-team-changed} (real broker): an EDIT
 * member may reserve the owner's existing deal again (the reservation opportunity-service takes for
 * the member's write, under the owner, with the member's token) and confirm or release it; a READ
 * member, a non-member, a removed member, a new deal id, another owner are refused. Holding limits
 * count owners only: being on a team never changes the member's own count. A team change without
 * its team is poison.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_holding_test"))
class EditTeamMembersReserveTheOwnersDealTest {

    static Map<String, Object> member(String employee, String access) {
        return Map.of("employeeId", employee, "role", "Sales Engineer", "access", access);
    }

    /** opportunity.sales-team-changed for {@code deal}: the whole team after the change and the member it was about. */
    static void teamChanged(String tenant, Map<String, Object> deal, String change, Map<String, Object> about, List<Map<String, Object>> team) {
        publish(tenant, "opportunity.sales-team-changed", deal, Map.of("team", team, "change", change, "member", about, "by", deal.get("ownerId")));
    }

    static Response reserveAs(String token, String owner, String department, Map<String, Object> opportunity) {
        Map<String, Object> body = new HashMap<>();
        body.put("opportunityId", opportunity.get("id"));
        body.put("ownerId", owner);
        if (department != null) {
            body.put("departmentId", department);
        }
        body.put("opportunity", opportunity);
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/holdings/reservations");
    }

    /** The deal as rep-b's write (a PATCH of the amount) would make it: same id, owner and version. */
    static Map<String, Object> edited(Map<String, Object> deal, int amount) {
        Map<String, Object> patched = new HashMap<>(deal);
        patched.put("amount", amount);
        return patched;
    }

    @Test
    void anEditMemberReservesAndConfirmsTheOwnersExistingDealAndNothingElse() {
        String tenant = newTenant();
        HoldingApi.staff(tenant, "d-1", "rep-a", "rep-b", "rep-c");
        rule(tenant, Map.of("name", "One each", "scope", "EMPLOYEES", "limit", 1));
        String b = sales(tenant, "rep-b");
        String oppId = UUID.randomUUID().toString();
        Map<String, Object> deal = activeOpportunity(oppId, "rep-a", "d-1", 0);
        publish(tenant, "opportunity.created", deal, Map.of("by", "rep-a"));
        awaitHeld(tenant, "employees/rep-a", 1);
        // not on the team yet: the rule that stops a rep filling a colleague's limit
        reserveAs(b, "rep-a", "d-1", edited(deal, 2000)).then().statusCode(403).contentType("application/problem+json");

        teamChanged(tenant, deal, "ADDED", member("rep-b", "EDIT"), List.of(member("rep-b", "EDIT")));
        String reservation = await().atMost(Duration.ofSeconds(30)).until(
                () -> reserveAs(b, "rep-a", "d-1", edited(deal, 2000)), r -> r.statusCode() == 201)
                .then().body("ownerId", equalTo("rep-a")).body("departmentId", equalTo("d-1")).body("counted", equalTo(true))
                .extract().path("reservationId");
        given().auth().oauth2(b).post("/holdings/reservations/{id}/confirm", reservation).then().statusCode(204);
        given().auth().oauth2(b).get("/holdings/reservations/{id}", reservation).then().statusCode(200).body("status", equalTo("CONFIRMED"));
        // the department is the deal's stored one; a named department may not be left out (unnamed: the stored one)
        reserveAs(b, "rep-a", null, edited(deal, 2500)).then().statusCode(201).body("departmentId", equalTo("d-1"));
        reserveAs(b, "rep-a", "d-2", edited(deal, 2000)).then().statusCode(422)
                .body("type", equalTo("https://oppsuite.io/problems/department-not-allowed"));
        // no owner change, no new deal under the owner
        reserveAs(b, "rep-c", "d-1", edited(deal, 2000)).then().statusCode(403);
        reserveAs(b, "rep-a", "d-1", activeOpportunity(UUID.randomUUID().toString(), "rep-a", "d-1", 0)).then().statusCode(403);
        // someone not on the team
        reserveAs(sales(tenant, "rep-c"), "rep-a", "d-1", edited(deal, 2000)).then().statusCode(403);
        // a reservation b took for a write that then failed is b's to release
        String failedWrite = reserveAs(b, "rep-a", "d-1", edited(deal, 3000)).then().statusCode(201).extract().path("reservationId");
        given().auth().oauth2(b).delete("/holdings/reservations/{id}", failedWrite).then().statusCode(204);
        given().auth().oauth2(b).get("/holdings/reservations/{id}", failedWrite).then().statusCode(200).body("status", equalTo("RELEASED"));
        // the owner's own reservation of the deal is there for an edit member too (a write of b's may be answered with it)
        String ownersOwn = reserveAs(sales(tenant, "rep-a"), "rep-a", "d-1", edited(deal, 4000)).then().statusCode(201)
                .extract().path("reservationId");
        given().auth().oauth2(b).get("/holdings/reservations/{id}", ownersOwn).then().statusCode(200);

        // holding limits count owners only: the deal is rep-a's one place, rep-b's own place is still free
        usage(tenant, "employees/rep-a").then().body("held", equalTo(1)).body("opportunityIds", contains(oppId));
        usage(tenant, "employees/rep-b").then().body("held", equalTo(0)).body("headroom", equalTo(1));
        reserveAs(b, "rep-b", "d-1", activeOpportunity(UUID.randomUUID().toString(), "rep-b", "d-1", 0)).then().statusCode(201);
        reserveAs(b, "rep-b", "d-1", activeOpportunity(UUID.randomUUID().toString(), "rep-b", "d-1", 0)).then().statusCode(409)
                .body("current", equalTo(1));

        // READ access: refused, and the owner's reservation is no longer there for b; b's own still is
        teamChanged(tenant, deal, "UPDATED", member("rep-b", "READ"), List.of(member("rep-b", "READ")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                reserveAs(b, "rep-a", "d-1", edited(deal, 5000)).then().statusCode(403));
        given().auth().oauth2(b).get("/holdings/reservations/{id}", ownersOwn).then().statusCode(404);
        given().auth().oauth2(b).post("/holdings/reservations/{id}/confirm", ownersOwn).then().statusCode(404);
        given().auth().oauth2(b).post("/holdings/reservations/{id}/confirm", reservation).then().statusCode(204);

        // EDIT again, then removed: refused again
        teamChanged(tenant, deal, "UPDATED", member("rep-b", "EDIT"), List.of(member("rep-b", "EDIT"), member("rep-c", "READ")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                reserveAs(b, "rep-a", "d-1", edited(deal, 6000)).then().statusCode(201));
        teamChanged(tenant, deal, "REMOVED", member("rep-b", "EDIT"), List.of(member("rep-c", "READ")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                reserveAs(b, "rep-a", "d-1", edited(deal, 7000)).then().statusCode(403));
        reserveAs(sales(tenant, "rep-c"), "rep-a", "d-1", edited(deal, 7000)).then().statusCode(403);
        usage(tenant, "employees/rep-c").then().body("held", equalTo(0));
    }

    @Test
    void aDeletedDealTakesItsTeamWithIt() {
        String tenant = newTenant();
        HoldingApi.staff(tenant, "d-1", "rep-a", "rep-b");
        String b = sales(tenant, "rep-b");
        String oppId = UUID.randomUUID().toString();
        Map<String, Object> deal = activeOpportunity(oppId, "rep-a", "d-1", 0);
        publish(tenant, "opportunity.created", deal, Map.of());
        teamChanged(tenant, deal, "ADDED", member("rep-b", "EDIT"), List.of(member("rep-b", "EDIT")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> reserveAs(b, "rep-a", "d-1", edited(deal, 2000)).then().statusCode(201));

        publish(tenant, "opportunity.deleted", activeOpportunity(oppId, "rep-a", "d-1", 1), Map.of());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> reserveAs(b, "rep-a", "d-1", edited(deal, 3000)).then().statusCode(403));
        usage(tenant, "employees/rep-a").then().body("held", equalTo(0));
        // a team change of the deleted deal delivered late changes nothing; should the id come back (a newer
        // version replaces the tombstone), it comes back without the team
        teamChanged(tenant, deal, "ADDED", member("rep-b", "EDIT"), List.of(member("rep-b", "EDIT")));
        Map<String, Object> back = activeOpportunity(oppId, "rep-a", "d-1", 2);
        publish(tenant, "opportunity.updated", back, Map.of());
        awaitHeld(tenant, "employees/rep-a", 1);
        reserveAs(b, "rep-a", "d-1", edited(back, 4000)).then().statusCode(403);
        usage(tenant, "employees/rep-b").then().body("held", equalTo(0));
    }

    @Test
    void aTeamChangeWithoutItsTeamGoesToTheDeadLetterTopic() {
        String tenant = newTenant();
        String bootstrap = SuiteInfra.get().broker().bootstrapServers();
        String poisonKey = "team-poison-" + UUID.randomUUID();
        CloudEvents.publish(bootstrap, Topics.OPPORTUNITY_EVENTS, poisonKey, UUID.randomUUID().toString(),
                "opportunity.sales-team-changed", tenant, "{\"opportunity\":{\"id\":\"" + poisonKey + "\",\"version\":0},\"change\":\"ADDED\"}");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> TopicProbe.await(Topics.deadLetter("holding-service"),
                r -> poisonKey.equals(r.key()), 1, Duration.ofSeconds(5)));
        HoldingApi.staff(tenant, null, "rep-1");
        publish(tenant, "opportunity.created", activeOpportunity(UUID.randomUUID().toString(), "rep-1", null, 0), Map.of());
        awaitHeld(tenant, "employees/rep-1", 1);
    }
}
