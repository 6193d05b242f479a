package io.oppsuite.e2e;

import io.oppsuite.testsupport.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Holding limits enforced by opportunity-service through holding-service's reservations, both
 * services running: N parallel creates for one owner with limit L → exactly L created, the rest a
 * 409 naming the rule; the same for a department limit spread over its members; and the count
 * holds after the events arrive (reservations turned into projected holdings, nothing twice).
 */
class HoldingLimitsIT {

    final String tenant = "hold-" + UUID.randomUUID().toString().substring(0, 8);
    final String admin = Tokens.admin(tenant);

    @Test
    void parallelCreatesForOneOwnerStopExactlyAtTheLimit() throws Exception {
        String process = Suite.publishStandardProcess(tenant);
        Suite.directory(admin, Map.of("employees", List.of(Map.of("id", "rep-1", "name", "Rep One", "userGroups", List.of(), "attributes", Map.of()))));
        Suite.holdingRule(admin, Map.of("name", "Three per rep", "scope", "EMPLOYEES", "limit", 3));
        Suite.awaitProcessCached(admin, process, "rep-0"); // an owner without a limit: warms the process cache only

        List<Integer> codes = parallelCreates(process, 12, i -> "rep-1");
        assertEquals(3, codes.stream().filter(c -> c == 201).count(), "codes " + codes);
        assertEquals(9, codes.stream().filter(c -> c == 409).count(), "codes " + codes);

        Response refused = Suite.create(admin, process, "one more", "rep-1");
        refused.then().statusCode(409).contentType(containsString("problem+json"))
                .body("ruleName", equalTo("Three per rep")).body("limit", equalTo(3)).body("current", equalTo(3));
        // once holding-service has projected the opportunities' own events, the count is still 3
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(admin)
                .get(Suite.url("holding-service") + "/holdings/employees/{id}", "rep-1").then().statusCode(200)
                .body("held", equalTo(3)));
        Suite.create(admin, process, "still one more", "rep-1").then().statusCode(409);
    }

    @Test
    void parallelCreatesSpreadOverADepartmentStopExactlyAtItsLimit() throws Exception {
        String process = Suite.publishStandardProcess(tenant);
        List<Map<String, Object>> members = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            members.add(Map.of("id", "east-" + i, "name", "East " + i, "departmentId", "sales-east", "userGroups", List.of(), "attributes", Map.of()));
        }
        Suite.directory(admin, Map.of("departments", List.of(Map.of("id", "sales-east", "name", "Sales East")), "employees", members));
        Suite.holdingRule(admin, Map.of("name", "East holds five", "scope", "DEPARTMENT", "scopeId", "sales-east", "limit", 5));
        Suite.awaitProcessCached(admin, process, "rep-0");

        List<Integer> codes = parallelCreates(process, 12, i -> "east-" + (1 + i % 4));
        assertEquals(5, codes.stream().filter(c -> c == 201).count(), "codes " + codes);
        assertEquals(7, codes.stream().filter(c -> c == 409).count(), "codes " + codes);
    }

    /**
     * Holding limits follow changes, not only creates: the definition counts deals of 10 000 or
     * more, the rep holds 20 small ones (none counts), and 20 parallel PATCHes each make one count.
     * Exactly L = 3 are written; the rest get the create's 409 and stay as they were.
     */
    @Test
    void parallelPatchesThatMakeDealsCountStopExactlyAtTheLimit() throws Exception {
        String process = Suite.publishStandardProcess(tenant);
        Suite.directory(admin, Map.of("employees", List.of(Map.of("id", "rep-2", "name", "Rep Two", "userGroups", List.of(), "attributes", Map.of()))));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("conditions", List.of(
                        Map.of("field", "status", "operator", "IN", "value", List.of("ACTIVE", "PENDING_APPROVAL")),
                        Map.of("field", "stageType", "operator", "EQ", "value", "IN_PROGRESS"),
                        Map.of("field", "amount", "operator", "GTE", "value", 10_000))))
                .put(Suite.url("holding-service") + "/holding-definition").then().statusCode(200);
        Suite.holdingRule(admin, Map.of("name", "Three big per rep", "scope", "EMPLOYEES", "limit", 3));
        Suite.awaitProcessCached(admin, process, "rep-0");
        List<String> deals = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            deals.add(Suite.create(admin, process, "Small " + i, "rep-2").then().statusCode(201).extract().path("id"));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(admin)
                .get(Suite.url("holding-service") + "/holdings/employees/{id}", "rep-2").then().statusCode(200).body("held", equalTo(0)));

        ExecutorService pool = Executors.newFixedThreadPool(deals.size());
        List<Callable<Integer>> calls = new ArrayList<>();
        for (String id : deals) {
            calls.add(() -> given().auth().oauth2(admin).contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                    .body(Map.of("amount", 20_000)).patch(Suite.url("opportunity-service") + "/opportunities/{id}", id).statusCode());
        }
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(calls)) {
            codes.add(f.get());
        }
        pool.shutdown();
        assertEquals(3, codes.stream().filter(c -> c == 200).count(), "codes " + codes);
        assertEquals(17, codes.stream().filter(c -> c == 409).count(), "codes " + codes);
        long big = deals.stream().filter(id -> given().auth().oauth2(admin).get(Suite.url("opportunity-service") + "/opportunities/{id}", id)
                .then().statusCode(200).extract().jsonPath().getDouble("amount") >= 10_000).count();
        assertEquals(3, big, "only the granted changes were written");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(admin)
                .get(Suite.url("holding-service") + "/holdings/employees/{id}", "rep-2").then().statusCode(200).body("held", equalTo(3)));
        // one more change that would make a deal count is refused like a create
        String small = deals.stream().filter(id -> given().auth().oauth2(admin).get(Suite.url("opportunity-service") + "/opportunities/{id}", id)
                .then().extract().jsonPath().getDouble("amount") < 10_000).findFirst().orElseThrow();
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", Suite.etag(admin, small)).body(Map.of("amount", 50_000))
                .patch(Suite.url("opportunity-service") + "/opportunities/{id}", small).then().statusCode(409)
                .body("type", equalTo("https://oppsuite.io/problems/holding-limit-exceeded")).body("limit", equalTo(3));
    }

    /**
     * An approval that activates a deal never takes its owner past a limit: the deal holds the
     * place from the moment its creation request is filed. Under a definition that counts ACTIVE
     * deals only, a deal awaiting approval already fills rep-3's limit of 1 (the next create is the
     * 409), and approving it leaves exactly one counted.
     */
    @Test
    void aDealAwaitingApprovalHoldsThePlaceItsApprovalWillTake() {
        String process = Suite.publishStandardProcess(tenant);
        Suite.directory(admin, Map.of("employees", List.of(
                Map.of("id", "rep-3", "name", "Rep Three", "userGroups", List.of(), "attributes", Map.of()),
                Map.of("id", "probe", "name", "Probe", "userGroups", List.of(), "attributes", Map.of()))));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                {"name": "Big deals", "trigger": "OPPORTUNITY_CREATION",
                 "conditions": [{"field": "amount", "operator": "GTE", "value": 100000}],
                 "steps": [{"name": "Director", "approverType": "EMPLOYEES", "employeeIds": ["approver-1"], "mode": "ANY"}],
                 "active": true}""")
                .post(Suite.url("approval-service") + "/approval-flows").then().statusCode(201);
        // opportunity-service learns the flow from approval-events: a probe owner's big deal waits once it has
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> "PENDING_APPROVAL".equals(createFor("probe", process, 250_000).jsonPath().getString("status")));

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("conditions", List.of(
                        Map.of("field", "status", "operator", "EQ", "value", "ACTIVE"),
                        Map.of("field", "stageType", "operator", "EQ", "value", "IN_PROGRESS"))))
                .put(Suite.url("holding-service") + "/holding-definition").then().statusCode(200);
        Suite.holdingRule(admin, Map.of("name", "One per rep", "scope", "EMPLOYEES", "limit", 1));

        Response big = createFor("rep-3", process, 250_000);
        assertEquals(201, big.statusCode(), big.asString());
        assertEquals("PENDING_APPROVAL", big.jsonPath().getString("status"));
        String pending = big.jsonPath().getString("id");
        createFor("rep-3", process, 5_000).then().statusCode(409)
                .body("type", equalTo("https://oppsuite.io/problems/holding-limit-exceeded")).body("limit", equalTo(1));

        String approval = awaitApprovalFor(pending);
        given().auth().oauth2(Tokens.issue(tenant, "approver-1", "manager")).contentType(ContentType.JSON)
                .body(Map.of("decision", "APPROVE", "comment", "go"))
                .post(Suite.url("approval-service") + "/approvals/{id}/decisions", approval).then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(admin)
                .get(Suite.url("opportunity-service") + "/opportunities/{id}", pending).then().statusCode(200).body("status", equalTo("ACTIVE")));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(admin)
                .get(Suite.url("holding-service") + "/holdings/employees/{id}", "rep-3").then().statusCode(200)
                .body("held", equalTo(1)).body("opportunityIds", equalTo(List.of(pending))));
        createFor("rep-3", process, 5_000).then().statusCode(409);
    }

    private Response createFor(String owner, String process, int amount) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Deal " + UUID.randomUUID(), "amount", amount, "currency", "EUR", "salesProcessId", process,
                        "ownerId", owner, "accountId", "acc-" + UUID.randomUUID()))
                .post(Suite.url("opportunity-service") + "/opportunities");
    }

    private String awaitApprovalFor(String opportunityId) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            id[0] = given().auth().oauth2(admin).queryParam("status", "PENDING").queryParam("size", 100)
                    .get(Suite.url("approval-service") + "/approvals").then().statusCode(200).extract().jsonPath()
                    .getString("items.find { it.opportunityId == '" + opportunityId + "' }.id");
            assertEquals(true, id[0] != null, "approval for " + opportunityId);
        });
        return id[0];
    }

    private List<Integer> parallelCreates(String process, int n, java.util.function.IntFunction<String> owner) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String o = owner.apply(i);
            int k = i;
            calls.add(() -> Suite.create(admin, process, "Parallel " + k, o).statusCode());
        }
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(calls)) {
            codes.add(f.get());
        }
        pool.shutdown();
        return codes;
    }
}
