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
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Claims from an opportunity pool with opportunity-service and holding-service both running:
 * N parallel claims of one pool deal → exactly one owner; one rep with limit L claiming N > L
 * pool deals in parallel → exactly L, the rest 409 naming the rule; a deal returned to the pool
 * stops counting for its former owner once holding-service has its event, so they may claim again.
 */
class PoolClaimIT {

    final String tenant = "pool-" + UUID.randomUUID().toString().substring(0, 8);
    final String admin = Tokens.admin(tenant);

    @Test
    void parallelClaimsOfOnePoolDealHaveExactlyOneWinner() throws Exception {
        String process = Suite.publishStandardProcess(tenant);
        List<Map<String, Object>> reps = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            reps.add(Map.of("id", "rep-" + i, "name", "Rep " + i, "userGroups", List.of(), "attributes", Map.of()));
        }
        // the seller is in the directory too: an employee who holds nothing and is not listed there is unknown (404)
        reps.add(Map.of("id", "seed-1", "name", "Seller", "userGroups", List.of(), "attributes", Map.of()));
        Suite.directory(admin, Map.of("employees", reps));
        Suite.holdingRule(admin, Map.of("name", "Three per rep", "scope", "EMPLOYEES", "limit", 3));
        Suite.awaitProcessCached(admin, process, "seed-0");
        String pool = pool();
        String deal = pooledDeal(process, pool, "seed-1");

        List<Callable<Response>> claims = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String token = Tokens.issue(tenant, "rep-" + i, "sales");
            claims.add(() -> claim(token, deal));
        }
        List<Response> answers = inParallel(claims);
        List<Integer> codes = answers.stream().map(Response::statusCode).toList();
        assertEquals(1, codes.stream().filter(c -> c == 200).count(), "codes " + codes);
        assertEquals(9, answers.stream().filter(r -> r.statusCode() == 409
                && r.jsonPath().getString("type").endsWith("/already-claimed")).count(), "codes " + codes);
        String winner = answers.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow().jsonPath().getString("ownerId");

        // holding-service projects the claim: the winner holds it once, the seller who returned it not at all
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> holdings(winner).then().statusCode(200).body("held", equalTo(1)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> holdings("seed-1").then().statusCode(200).body("held", equalTo(0)));
    }

    @Test
    void parallelClaimsByOneRepStopExactlyAtTheirLimitAndAReturnFreesAPlace() throws Exception {
        String process = Suite.publishStandardProcess(tenant);
        Suite.directory(admin, Map.of("employees", List.of(Map.of("id", "rep-1", "name", "Rep One", "userGroups", List.of(), "attributes", Map.of()))));
        Suite.holdingRule(admin, Map.of("name", "Three per rep", "scope", "EMPLOYEES", "limit", 3));
        Suite.awaitProcessCached(admin, process, "seed-0");
        String pool = pool();
        List<String> deals = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            deals.add(pooledDeal(process, pool, "seed-" + (i + 1))); // one each: no seller near the limit
        }

        String rep = Tokens.issue(tenant, "rep-1", "sales");
        List<Callable<Response>> claims = new ArrayList<>();
        for (String deal : deals) {
            claims.add(() -> claim(rep, deal));
        }
        List<Response> answers = inParallel(claims);
        List<Integer> codes = answers.stream().map(Response::statusCode).toList();
        assertEquals(3, codes.stream().filter(c -> c == 200).count(), "codes " + codes);
        List<Response> refused = answers.stream().filter(r -> r.statusCode() == 409).toList();
        assertEquals(5, refused.size(), "codes " + codes);
        refused.forEach(r -> r.then().body("type", equalTo("https://oppsuite.io/problems/holding-limit-exceeded"))
                .body("ruleName", equalTo("Three per rep")).body("limit", equalTo(3)).body("current", equalTo(3)));

        // once the claims' events are projected the count is still 3, and a fourth claim is still refused
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> holdings("rep-1").then().statusCode(200).body("held", equalTo(3)));
        List<String> stillPooled = new ArrayList<>();
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < deals.size(); i++) {
            (answers.get(i).statusCode() == 200 ? mine : stillPooled).add(deals.get(i));
        }
        claim(rep, stillPooled.get(0)).then().statusCode(409).body("type", equalTo("https://oppsuite.io/problems/holding-limit-exceeded"));

        // giving one back frees a place as soon as holding-service has the owner-changed event with no owner
        given().auth().oauth2(rep).contentType(ContentType.JSON).body(Map.of("poolId", pool, "reason", "too many"))
                .header("If-Match", Suite.etag(rep, mine.get(0))).post(Suite.url("opportunity-service") + "/opportunities/{id}/return-to-pool", mine.get(0)).then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> holdings("rep-1").then().statusCode(200).body("held", equalTo(2)));
        claim(rep, stillPooled.get(0)).then().statusCode(200).body("ownerId", equalTo("rep-1"));
        claim(rep, stillPooled.get(1)).then().statusCode(409);
    }

    private String pool() {
        return given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Shelf " + UUID.randomUUID(), "memberDepartments", List.of(), "memberGroups", List.of()))
                .post(Suite.url("opportunity-service") + "/opportunity-pools").then().statusCode(201).extract().path("id");
    }

    /** Created for {@code seller}, then returned to the pool by admin. */
    private String pooledDeal(String process, String pool, String seller) {
        String id = Suite.create(admin, process, "Pool deal", seller).then().statusCode(201).extract().path("id");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("poolId", pool, "reason", "reassign"))
                .header("If-Match", Suite.etag(admin, id)).post(Suite.url("opportunity-service") + "/opportunities/{id}/return-to-pool", id).then().statusCode(200);
        return id;
    }

    private Response claim(String token, String id) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .post(Suite.url("opportunity-service") + "/opportunities/{id}/claim", id);
    }

    private Response holdings(String employee) {
        return given().auth().oauth2(admin).get(Suite.url("holding-service") + "/holdings/employees/{id}", employee);
    }

    private static List<Response> inParallel(List<Callable<Response>> calls) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(calls.size());
        try {
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : threads.invokeAll(calls)) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }
}
