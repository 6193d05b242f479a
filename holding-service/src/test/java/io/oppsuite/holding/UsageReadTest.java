package io.oppsuite.holding;

import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.oppsuite.holding.HoldingApi.activeOpportunity;
import static io.oppsuite.holding.HoldingApi.employee;
import static io.oppsuite.holding.HoldingApi.newTenant;
import static io.oppsuite.holding.HoldingApi.reserve;
import static io.oppsuite.holding.HoldingApi.rule;
import static io.oppsuite.holding.HoldingApi.sync;
import static io.oppsuite.holding.HoldingApi.usage;
import static io.oppsuite.holding.HoldingProjectionTest.publish;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** Holdings and headroom per employee, department and user group, and who may read them. */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_holding_test"))
class UsageReadTest {

    @Test
    void headroomPerEmployeeDepartmentAndGroup() {
        String tenant = newTenant();
        sync(tenant, Map.of("departments", List.of(Map.of("id", "d-1", "name", "North")),
                "userGroups", List.of(Map.of("id", "g-1", "name", "Hunters")),
                "employees", List.of(employee("a", "d-1", List.of("g-1"), Map.of("quota", 4)),
                        employee("b", "d-1", List.of(), Map.of())))).then().statusCode(200);
        rule(tenant, Map.of("name", "By quota", "scope", "EMPLOYEES", "limitField", "quota"));
        rule(tenant, Map.of("name", "North", "scope", "DEPARTMENT", "scopeId", "d-1", "limit", 10));
        rule(tenant, Map.of("name", "Hunters", "scope", "USER_GROUP", "scopeId", "g-1", "limit", 3));

        String held = UUID.randomUUID().toString();
        publish(tenant, "opportunity.created", activeOpportunity(held, "a", "d-1", 0), Map.of());
        reserve(tenant, "b", "d-1", activeOpportunity(UUID.randomUUID().toString(), "b", "d-1", 0)).then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> usage(tenant, "employees/a").then().body("held", equalTo(1)));

        usage(tenant, "employees/a").then().statusCode(200).body("scope", equalTo("EMPLOYEE"))
                .body("opportunityIds", hasItem(held))
                .body("rules[0].ruleName", equalTo("Hunters")).body("rules[0].headroom", equalTo(2))
                .body("rules[1].ruleName", equalTo("By quota")).body("rules[1].limit", equalTo(4))
                .body("rules[2].ruleName", equalTo("North")).body("rules[2].current", equalTo(2))
                .body("headroom", equalTo(2));
        usage(tenant, "employees/b").then().body("held", equalTo(1)).body("rules.size()", equalTo(1)).body("headroom", equalTo(8));
        usage(tenant, "departments/d-1").then().body("scope", equalTo("DEPARTMENT")).body("held", equalTo(2)).body("headroom", equalTo(8));
        usage(tenant, "user-groups/g-1").then().body("held", equalTo(1)).body("headroom", equalTo(2));
        // neither in the directory nor holding anything: no such employee
        usage(tenant, "employees/nobody").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void salesSeeThemselvesAndManagersTheirDepartment() {
        String tenant = newTenant();
        sync(tenant, Map.of("departments", List.of(Map.of("id", "d-1", "name", "North"), Map.of("id", "d-2", "name", "South")),
                "employees", List.of(employee("a", "d-1", List.of(), Map.of()), employee("b", "d-2", List.of(), Map.of()))))
                .then().statusCode(200);
        String salesA = Tokens.issue(tenant, "a", "sales");
        given().auth().oauth2(salesA).get("/holdings/employees/a").then().statusCode(200);
        given().auth().oauth2(salesA).get("/holdings/employees/b").then().statusCode(404);
        given().auth().oauth2(salesA).get("/holdings/departments/d-1").then().statusCode(403);
        String managerNorth = Tokens.inDepartment(tenant, "boss", "d-1", "manager");
        given().auth().oauth2(managerNorth).get("/holdings/employees/a").then().statusCode(200);
        given().auth().oauth2(managerNorth).get("/holdings/employees/b").then().statusCode(404);
        given().auth().oauth2(managerNorth).get("/holdings/departments/d-1").then().statusCode(200);
        given().auth().oauth2(managerNorth).get("/holdings/departments/d-2").then().statusCode(404);
        given().get("/holdings/employees/a").then().statusCode(401);
    }

    @Test
    void anOwnerChangeCountsForTheNewOwnerOnceItsEventIsIn() {
        String tenant = newTenant();
        HoldingApi.staff(tenant, null, "a", "b");
        rule(tenant, Map.of("name", "One each", "scope", "EMPLOYEES", "limit", 1));
        String id = UUID.randomUUID().toString();
        publish(tenant, "opportunity.created", activeOpportunity(id, "a", null, 0), Map.of());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> usage(tenant, "employees/a").then().body("held", equalTo(1)));

        Map<String, Object> reassigned = activeOpportunity(id, "b", null, 1);
        String reservation = reserve(tenant, "b", null, reassigned).then().statusCode(201).extract().path("reservationId");
        given().auth().oauth2(HoldingApi.sales(tenant, "b")).post("/holdings/reservations/{id}/confirm", reservation).then().statusCode(204);
        reserve(tenant, "b", null, activeOpportunity(UUID.randomUUID().toString(), "b", null, 0)).then().statusCode(409);

        publish(tenant, "opportunity.owner-changed", reassigned, Map.of("previousOwnerId", "a"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> usage(tenant, "employees/a").then().body("held", equalTo(0)));
        usage(tenant, "employees/b").then().body("held", equalTo(1));
        given().auth().oauth2(HoldingApi.sales(tenant, "b")).get("/holdings/reservations/{id}", reservation).then()
                .body("status", equalTo("SETTLED"));
        reserve(tenant, "a", null, activeOpportunity(UUID.randomUUID().toString(), "a", null, 0)).then().statusCode(201);
    }

    @Test
    void theOpenApiDocumentDescribesTheContract() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/holdings/reservations'.post.responses.'409'.description", equalTo("A rule has no headroom"))
                .body("paths.'/directory'.put.summary", equalTo("Bulk upsert departments, user groups and employees"));
    }
}
