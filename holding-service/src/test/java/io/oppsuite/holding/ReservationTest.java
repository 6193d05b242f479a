package io.oppsuite.holding;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import static io.oppsuite.holding.HoldingApi.activeOpportunity;
import static io.oppsuite.holding.HoldingApi.employee;
import static io.oppsuite.holding.HoldingApi.inParallel;
import static io.oppsuite.holding.HoldingApi.newTenant;
import static io.oppsuite.holding.HoldingApi.reserve;
import static io.oppsuite.holding.HoldingApi.rule;
import static io.oppsuite.holding.HoldingApi.sync;
import static io.oppsuite.holding.HoldingApi.usage;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The reservation contract opportunity-service relies on, against real PostgreSQL and a real broker. */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_holding_test"))
class ReservationTest {

    @Test
    void parallelReservationsForOneOwnerGrantExactlyTheLimit() throws Exception {
        String tenant = newTenant();
        sync(tenant, Map.of("employees", List.of(employee("rep-1", null, List.of(), Map.of())))).then().statusCode(200);
        rule(tenant, Map.of("name", "Three per rep", "scope", "EMPLOYEES", "limit", 3));

        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> reserve(tenant, "rep-1", null, activeOpportunity(UUID.randomUUID().toString(), "rep-1", null, 0)));
        }
        List<Integer> codes = inParallel(calls);

        assertEquals(3, Collections.frequency(codes, 201), codes.toString());
        assertEquals(7, Collections.frequency(codes, 409), codes.toString());
        usage(tenant, "employees/rep-1").then().statusCode(200).body("held", equalTo(3)).body("headroom", equalTo(0))
                .body("rules[0].limit", equalTo(3)).body("rules[0].current", equalTo(3));
    }

    @Test
    void parallelReservationsSpreadOverADepartmentGrantExactlyItsLimit() throws Exception {
        String tenant = newTenant();
        List<Map<String, Object>> members = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            members.add(employee("m-" + i, "sales-east", List.of(), Map.of()));
        }
        sync(tenant, Map.of("departments", List.of(Map.of("id", "sales-east", "name", "Sales East")), "employees", members))
                .then().statusCode(200).body("employees", equalTo(4));
        rule(tenant, Map.of("name", "East holds five", "scope", "DEPARTMENT", "scopeId", "sales-east", "limit", 5));

        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String owner = "m-" + (i % 4);
            calls.add(() -> reserve(tenant, owner, "sales-east", activeOpportunity(UUID.randomUUID().toString(), owner, "sales-east", 0)));
        }
        List<Integer> codes = inParallel(calls);

        assertEquals(5, Collections.frequency(codes, 201), codes.toString());
        assertEquals(7, Collections.frequency(codes, 409), codes.toString());
        usage(tenant, "departments/sales-east").then().statusCode(200).body("held", equalTo(5)).body("headroom", equalTo(0));
    }

    @Test
    void parallelRetriesOfOneReservationGetTheSameReservation() throws Exception {
        String tenant = newTenant();
        rule(tenant, Map.of("name", "Two per rep", "scope", "EMPLOYEES", "limit", 2));
        Map<String, Object> opportunity = activeOpportunity(UUID.randomUUID().toString(), "rep-1", null, 0);
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(() -> {
                Response r = reserve(tenant, "rep-1", null, opportunity);
                ids.add(r.path("reservationId"));
                return r;
            });
        }
        assertEquals(List.of(201, 201, 201, 201, 201, 201), inParallel(calls));
        assertEquals(1, ids.stream().distinct().count(), ids.toString());
        usage(tenant, "employees/rep-1").then().body("held", equalTo(1)).body("headroom", equalTo(1));
    }

    @Test
    void refusalNamesTheSmallestLimitAndIsPublished() {
        String tenant = newTenant();
        sync(tenant, Map.of("userGroups", List.of(Map.of("id", "juniors", "name", "Juniors")),
                "employees", List.of(employee("rep-1", null, List.of("juniors"), Map.of("quota", 2)))))
                .then().statusCode(200);
        rule(tenant, Map.of("name", "Ten per rep", "scope", "EMPLOYEES", "limit", 10));
        String byQuota = rule(tenant, Map.of("name", "Quota", "scope", "EMPLOYEES", "limitField", "quota"));
        rule(tenant, Map.of("name", "Juniors together", "scope", "USER_GROUP", "scopeId", "juniors", "limit", 4));

        reserve(tenant, "rep-1", null, activeOpportunity(UUID.randomUUID().toString(), "rep-1", null, 0)).then().statusCode(201);
        reserve(tenant, "rep-1", null, activeOpportunity(UUID.randomUUID().toString(), "rep-1", null, 0)).then().statusCode(201);
        String refusedId = UUID.randomUUID().toString();
        reserve(tenant, "rep-1", null, activeOpportunity(refusedId, "rep-1", null, 0)).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://oppsuite.io/problems/holding-limit-exceeded"))
                .body("title", equalTo("Holding limit reached"))
                .body("ruleId", equalTo(byQuota)).body("ruleName", equalTo("Quota"))
                .body("limit", equalTo(2)).body("current", equalTo(2))
                .body("scope", equalTo("EMPLOYEE")).body("ownerId", equalTo("rep-1"));

        usage(tenant, "employees/rep-1").then().statusCode(200).body("rules.size()", equalTo(3))
                .body("rules[0].ruleName", equalTo("Quota")).body("headroom", equalTo(0));
        usage(tenant, "user-groups/juniors").then().statusCode(200).body("held", equalTo(2)).body("headroom", equalTo(2));

        List<ConsumerRecord<String, String>> events = TopicProbe.await(Topics.HOLDING_EVENTS,
                r -> "holding.limit-exceeded".equals(CloudEvents.header(r, "ce_type")) && tenant.equals(CloudEvents.header(r, "ce_tenant")),
                1, Duration.ofSeconds(30));
        JsonNode data = HoldingApi.json(events.get(0).value());
        assertEquals(refusedId, data.get("opportunityId").asText());
        assertEquals("Quota", data.get("ruleName").asText());
        assertEquals(2, data.get("limit").asInt());
    }

    @Test
    void reservationIsIdempotentWhileOpenAndReleaseFreesThePlace() {
        String tenant = newTenant();
        sync(tenant, Map.of("departments", List.of(Map.of("id", "d-1", "name", "D1")),
                "employees", List.of(employee("rep-9", "d-1", List.of(), Map.of())))).then().statusCode(200);
        rule(tenant, Map.of("name", "One each", "scope", "EMPLOYEES", "limit", 1));
        Map<String, Object> first = activeOpportunity(UUID.randomUUID().toString(), "rep-9", "d-1", 0);

        String id = reserve(tenant, "rep-9", "d-1", first).then().statusCode(201).body("counted", equalTo(true))
                .body("expiresAt", notNullValue()).extract().path("reservationId");
        reserve(tenant, "rep-9", "d-1", first).then().statusCode(201).body("reservationId", equalTo(id));
        Map<String, Object> second = activeOpportunity(UUID.randomUUID().toString(), "rep-9", "d-1", 0);
        reserve(tenant, "rep-9", "d-1", second).then().statusCode(409);

        given().auth().oauth2(HoldingApi.sales(tenant, "rep-9")).delete("/holdings/reservations/{id}", id).then().statusCode(204);
        given().auth().oauth2(HoldingApi.sales(tenant, "rep-9")).delete("/holdings/reservations/{id}", id).then().statusCode(204);
        given().auth().oauth2(HoldingApi.sales(tenant, "rep-9")).post("/holdings/reservations/{id}/confirm", id).then().statusCode(409);
        String secondId = reserve(tenant, "rep-9", "d-1", second).then().statusCode(201).extract().path("reservationId");
        given().auth().oauth2(HoldingApi.sales(tenant, "rep-9")).post("/holdings/reservations/{id}/confirm", secondId).then().statusCode(204);
        given().auth().oauth2(HoldingApi.sales(tenant, "rep-9")).post("/holdings/reservations/{id}/confirm", secondId).then().statusCode(204);
        reserve(tenant, "rep-9", "d-1", activeOpportunity(UUID.randomUUID().toString(), "rep-9", "d-1", 0)).then().statusCode(409);

        // another tenant cannot see, confirm or release it
        given().auth().oauth2(HoldingApi.admin(newTenant())).delete("/holdings/reservations/{id}", secondId).then().statusCode(404);
        given().auth().oauth2(HoldingApi.admin(newTenant())).post("/holdings/reservations/{id}/confirm", secondId).then().statusCode(404);
    }

    @Test
    void anUnconfirmedReservationExpiresAndStopsCounting() {
        String tenant = newTenant();
        HoldingApi.staff(tenant, null, "rep-1");
        rule(tenant, Map.of("name", "One each", "scope", "EMPLOYEES", "limit", 1));
        Map<String, Object> opportunity = activeOpportunity(UUID.randomUUID().toString(), "rep-1", null, 0);
        given().auth().oauth2(HoldingApi.sales(tenant, "rep-1")).contentType(ContentType.JSON)
                .body(Map.of("opportunityId", opportunity.get("id"), "ownerId", "rep-1", "opportunity", opportunity, "ttlSeconds", 1))
                .post("/holdings/reservations").then().statusCode(201);
        usage(tenant, "employees/rep-1").then().body("held", equalTo(1));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> usage(tenant, "employees/rep-1").then().body("held", equalTo(0)));
        reserve(tenant, "rep-1", null, activeOpportunity(UUID.randomUUID().toString(), "rep-1", null, 0)).then().statusCode(201);
    }

    @Test
    void anOpportunityOutsideTheDefinitionIsNotCounted() {
        String tenant = newTenant();
        rule(tenant, Map.of("name", "None at all", "scope", "EMPLOYEES", "limit", 0));
        Map<String, Object> won = activeOpportunity(UUID.randomUUID().toString(), "rep-1", null, 0);
        won.put("status", "WON");
        won.put("stageType", "WON");
        reserve(tenant, "rep-1", null, won).then().statusCode(201).body("counted", equalTo(false));
        reserve(tenant, "rep-1", null, activeOpportunity(UUID.randomUUID().toString(), "rep-1", null, 0)).then().statusCode(409)
                .body("limit", equalTo(0)).body("current", equalTo(0));
    }

    @Test
    void ruleOpportunityConditionsNarrowWhatCounts() {
        String tenant = newTenant();
        rule(tenant, Map.of("name", "One big deal", "scope", "EMPLOYEES", "limit", 1,
                "opportunityConditions", List.of(Map.of("field", "amount", "operator", "GTE", "value", 50000))));
        Map<String, Object> big = activeOpportunity(UUID.randomUUID().toString(), "rep-1", null, 0);
        big.put("amount", 60000);
        reserve(tenant, "rep-1", null, big).then().statusCode(201);
        reserve(tenant, "rep-1", null, activeOpportunity(UUID.randomUUID().toString(), "rep-1", null, 0)).then().statusCode(201);
        Map<String, Object> another = activeOpportunity(UUID.randomUUID().toString(), "rep-1", null, 0);
        another.put("amount", 70000);
        reserve(tenant, "rep-1", null, another).then().statusCode(409).body("ruleName", equalTo("One big deal"));
    }

    @Test
    void employeeConditionsSelectWhomARuleBinds() {
        String tenant = newTenant();
        sync(tenant, Map.of("employees", List.of(employee("senior", null, List.of(), Map.of("level", 3)),
                employee("junior", null, List.of(), Map.of("level", 1))))).then().statusCode(200);
        rule(tenant, Map.of("name", "Juniors hold one", "scope", "EMPLOYEES", "limit", 1,
                "employeeConditions", List.of(Map.of("field", "attributes.level", "operator", "LT", "value", 2))));
        for (int i = 0; i < 2; i++) {
            reserve(tenant, "senior", null, activeOpportunity(UUID.randomUUID().toString(), "senior", null, 0)).then().statusCode(201);
        }
        reserve(tenant, "junior", null, activeOpportunity(UUID.randomUUID().toString(), "junior", null, 0)).then().statusCode(201);
        reserve(tenant, "junior", null, activeOpportunity(UUID.randomUUID().toString(), "junior", null, 0)).then().statusCode(409);
    }

    @Test
    void badReservationsAreProblems() {
        String tenant = newTenant();
        String token = HoldingApi.sales(tenant, "rep-1");
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"opportunityId\": ").post("/holdings/reservations")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("ownerId", "rep-1", "opportunity", Map.of()))
                .post("/holdings/reservations").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("opportunityId", "o-1", "ownerId", "rep-1", "opportunity", List.of(1, 2)))
                .post("/holdings/reservations").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("opportunityId", "o 1; drop table", "ownerId", "rep-1", "opportunity", Map.of()))
                .post("/holdings/reservations").then().statusCode(400);
        given().auth().oauth2(token).post("/holdings/reservations/not-a-uuid/confirm").then().statusCode(404);
        given().auth().oauth2(token).delete("/holdings/reservations/{id}", UUID.randomUUID()).then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of()).post("/holdings/reservations").then().statusCode(401);
    }

    @Test
    void aCallerReservesOnlyForOwnersTheyMayActForUnderTheDirectorysDepartment() {
        String tenant = newTenant();
        sync(tenant, Map.of("departments", List.of(Map.of("id", "east", "name", "East"), Map.of("id", "west", "name", "West")),
                "employees", List.of(employee("rep-e1", "east", List.of(), Map.of()), employee("rep-e2", "east", List.of(), Map.of()),
                        employee("rep-w1", "west", List.of(), Map.of()), employee("boss-e", "east", List.of(), Map.of()))))
                .then().statusCode(200);
        rule(tenant, Map.of("name", "One each", "scope", "EMPLOYEES", "limit", 1));

        // a rep for a colleague: 403, and nothing counts for the colleague
        reserveAs(HoldingApi.sales(tenant, "rep-e1"), "rep-e2", null).then().statusCode(403).contentType("application/problem+json");
        usage(tenant, "employees/rep-e2").then().statusCode(200).body("held", equalTo(0));
        // a rep's own deal takes the rep's department from the directory, whatever the token or the opportunity say
        reserveAs(Tokens.inDepartment(tenant, "rep-e1", "west", "sales"), "rep-e1", null).then().statusCode(201)
                .body("departmentId", equalTo("east"));
        reserveAs(HoldingApi.sales(tenant, "rep-w1"), "rep-w1", "east").then().statusCode(422)
                .body("type", equalTo("https://oppsuite.io/problems/department-not-allowed"));
        reserveAs(HoldingApi.sales(tenant, "rep-w1"), "rep-w1", "no-such-department").then().statusCode(422)
                .body("type", equalTo("https://oppsuite.io/problems/unknown-department"));
        // someone the directory does not know yet is filed under their token's department; a later write to the deal
        // (a PATCH reserves again) names that department, which is theirs, not unknown
        reserveAs(Tokens.inDepartment(tenant, "new-rep", "north", "sales"), "new-rep", "north").then().statusCode(201)
                .body("departmentId", equalTo("north"));
        // the manager (of east per the directory, whatever the token says) for a member of east, not of west
        String boss = Tokens.inDepartment(tenant, "boss-e", "west", "manager");
        reserveAs(boss, "rep-e2", null).then().statusCode(201).body("departmentId", equalTo("east"));
        reserveAs(boss, "rep-w1", null).then().statusCode(403);
        reserveAs(boss, "rep-w1", "east").then().statusCode(403);
        // an admin for anyone, in any department that exists
        reserveAs(HoldingApi.admin(tenant), "rep-w1", "east").then().statusCode(201).body("departmentId", equalTo("east"));
        reserveAs(HoldingApi.admin(tenant), "rep-w1", "nowhere").then().statusCode(422);
        // someone else's reservation is not there for a rep
        String bossReservation = reserveAs(boss, "boss-e", null).then().statusCode(201).extract().path("reservationId");
        given().auth().oauth2(HoldingApi.sales(tenant, "rep-e1")).post("/holdings/reservations/{id}/confirm", bossReservation)
                .then().statusCode(404);
        given().auth().oauth2(HoldingApi.sales(tenant, "rep-e1")).delete("/holdings/reservations/{id}", bossReservation)
                .then().statusCode(404);
    }

    @Test
    void aConfirmedReservationWhoseOpportunityNeverComesStopsCountingAndAnAdminSeesWhatCounts() {
        String tenant = newTenant();
        rule(tenant, Map.of("name", "One each", "scope", "EMPLOYEES", "limit", 1));
        String ghost = UUID.randomUUID().toString();
        String id = reserve(tenant, "rep-1", null, activeOpportunity(ghost, "rep-1", null, 0)).then().statusCode(201)
                .extract().path("reservationId");
        given().auth().oauth2(HoldingApi.sales(tenant, "rep-1")).post("/holdings/reservations/{id}/confirm", id).then().statusCode(204);
        reserve(tenant, "rep-1", null, activeOpportunity(UUID.randomUUID().toString(), "rep-1", null, 0)).then().statusCode(409);
        usage(tenant, "employees/rep-1/breakdown").then().statusCode(200).body("holdings", hasSize(0))
                .body("reservations", hasSize(1)).body("reservations[0].opportunityId", equalTo(ghost))
                .body("reservations[0].status", equalTo("CONFIRMED"));
        given().auth().oauth2(HoldingApi.sales(tenant, "rep-1")).get("/holdings/employees/rep-1/breakdown").then().statusCode(403);

        // no event ever comes for it: it stops counting at the confirmed TTL (4 s in tests)
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                reserve(tenant, "rep-1", null, activeOpportunity(UUID.randomUUID().toString(), "rep-1", null, 0)).then().statusCode(201));
        given().auth().oauth2(HoldingApi.sales(tenant, "rep-1")).get("/holdings/reservations/{id}", id).then()
                .body("status", equalTo("EXPIRED"));
        usage(tenant, "employees/nobody-at-all/breakdown").then().statusCode(404);
        usage(tenant, "employees/nobody-at-all").then().statusCode(404);
        usage(tenant, "departments/no-such-department").then().statusCode(404);
        usage(tenant, "user-groups/no-such-group").then().statusCode(404);
    }

    private static Response reserveAs(String token, String owner, String department) {
        Map<String, Object> body = new java.util.HashMap<>();
        String id = UUID.randomUUID().toString();
        body.put("opportunityId", id);
        body.put("ownerId", owner);
        if (department != null) {
            body.put("departmentId", department);
        }
        body.put("opportunity", activeOpportunity(id, owner, "somewhere-else", 0));
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/holdings/reservations");
    }
}
