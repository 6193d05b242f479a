package io.oppsuite.opportunity;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.common.events.Topics;
import io.oppsuite.testsupport.CloudEvents;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.oppsuite.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.oppsuite.opportunity.Api.as;
import static io.oppsuite.opportunity.Api.createId;
import static io.oppsuite.opportunity.Api.holdingCalls;
import static io.oppsuite.opportunity.Api.json;
import static io.oppsuite.opportunity.Api.move;
import static io.oppsuite.opportunity.Api.opportunity;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opportunity pools over REST and Kafka. Pools are admin configuration; a deal goes
 * back to a pool without owner (owner-changed with a null owner); members claim it through the
 * holding reservation, exactly one of racing claimants wins, and a rep's limit holds for parallel claims.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_opportunity_test"))
@QuarkusTestResource(HoldingStub.class)
class OpportunityPoolTest {

    static final String TENANT = "pools";
    static final String PROCESS = UUID.randomUUID().toString();
    static final String admin = Tokens.admin(TENANT);
    static final String PROBLEM = "https://oppsuite.io/problems/";
    static boolean published;

    @BeforeEach
    void process() {
        if (!published) {
            published = true;
            Api.publishAndAwait(TENANT, SalesProcessFixtures.standard(PROCESS, 1), admin);
        }
    }

    @AfterEach
    void stubBackToNormal() {
        System.clearProperty(HoldingStub.REFUSE_OWNER);
        System.clearProperty(HoldingStub.DOWN);
        System.getProperties().stringPropertyNames().stream().filter(p -> p.startsWith(HoldingStub.LIMIT_PREFIX))
                .forEach(System::clearProperty);
    }

    static String rep(String id, String department) {
        return Tokens.inDepartment(TENANT, id, department, "sales");
    }

    static String pool(String name, List<String> departments, List<String> groups) {
        return as(admin).body(Map.of("name", name + " " + UUID.randomUUID().toString().substring(0, 8),
                        "memberDepartments", departments, "memberGroups", groups))
                .post("/opportunity-pools").then().statusCode(201).extract().path("id");
    }

    static Response returnToPool(String token, String id, String poolId, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("poolId", poolId);
        body.put("reason", reason);
        return as(token).header("If-Match", Api.etag(admin, id)).body(body).post("/opportunities/{id}/return-to-pool", id);
    }

    static String poolEtag(String poolId) {
        return as(admin).get("/opportunity-pools/{id}", poolId).then().statusCode(200).extract().header("ETag");
    }

    static Response claim(String token, String id) {
        return as(token).post("/opportunities/{id}/claim", id);
    }

    /** A deal created by admin for {@code owner} and put into {@code poolId}. */
    static String pooledDeal(String name, String poolId) {
        String id = createId(admin, opportunity(name + " " + UUID.randomUUID(), PROCESS, "ownerId", "seed-rep", "departmentId", "d-seed"));
        returnToPool(admin, id, poolId, "seeded").then().statusCode(200);
        return id;
    }

    @Test
    void poolsAreTenantConfigurationThatAdminsWrite() {
        String name = "Inbound " + UUID.randomUUID().toString().substring(0, 8);
        Response created = as(admin).header("Idempotency-Key", "pool-" + name)
                .body(Map.of("name", name, "description", "web leads", "memberDepartments", List.of("d-in", "d-in"), "memberGroups", List.of()))
                .post("/opportunity-pools");
        created.then().statusCode(201).header("ETag", "\"0\"").header("Location", notNullValue())
                .body("name", equalTo(name)).body("memberDepartments", contains("d-in")).body("version", equalTo(0));
        String id = created.jsonPath().getString("id");
        as(admin).header("Idempotency-Key", "pool-" + name)
                .body(Map.of("name", name, "description", "web leads", "memberDepartments", List.of("d-in", "d-in"), "memberGroups", List.of()))
                .post("/opportunity-pools").then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(id));

        as(admin).body(Map.of("name", name.toUpperCase())).post("/opportunity-pools").then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo(PROBLEM + "pool-name-taken"));
        as(rep("rep-p1", "d-in")).body(Map.of("name", "mine")).post("/opportunity-pools").then().statusCode(403);
        as(admin).body(Map.of("name", " ", "memberGroups", List.of(""))).post("/opportunity-pools").then().statusCode(400)
                .contentType("application/problem+json");

        // members and managers see it; others and other tenants do not learn it exists
        as(rep("rep-p1", "d-in")).get("/opportunity-pools").then().statusCode(200).body("id", hasItem(id));
        as(rep("rep-p2", "d-out")).get("/opportunity-pools").then().statusCode(200).body("id", not(hasItem(id)));
        as(rep("rep-p2", "d-out")).get("/opportunity-pools/{id}", id).then().statusCode(404);
        as(Tokens.inDepartment(TENANT, "boss-p", "d-out", "manager")).get("/opportunity-pools/{id}", id).then().statusCode(200);
        as(Tokens.admin("elsewhere")).get("/opportunity-pools/{id}", id).then().statusCode(404).contentType("application/problem+json");
        as(Tokens.admin("elsewhere")).header("If-Match", "\"0\"").body(Map.of("name", "hijack")).put("/opportunity-pools/{id}", id)
                .then().statusCode(404);

        as(admin).header("If-Match", "\"0\"").body(Map.of("name", name, "memberGroups", List.of("inbound-team")))
                .put("/opportunity-pools/{id}", id).then().statusCode(200).header("ETag", "\"1\"")
                .body("memberGroups", contains("inbound-team")).body("memberDepartments", org.hamcrest.Matchers.empty());
        as(admin).header("If-Match", "\"0\"").body(Map.of("name", name)).put("/opportunity-pools/{id}", id).then().statusCode(412);
        // membership is the directory's: a user group the token claims does not count, the directory's does
        as(Tokens.issue(TENANT, "rep-p4", "sales", "inbound-team")).get("/opportunity-pools/{id}", id).then().statusCode(404);
        Api.employee(TENANT, "rep-p3", "d-out", "inbound-team");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(Tokens.issue(TENANT, "rep-p3", "sales"))
                .get("/opportunity-pools/{id}", id).then().statusCode(200));

        List<ConsumerRecord<String, String>> events = TopicProbe.await(Topics.OPPORTUNITY_EVENTS, TopicProbe.key(id), 2, Duration.ofSeconds(30));
        assertEquals("opportunity-pool.upserted", CloudEvents.header(events.get(1), "ce_type"));
        assertEquals(TENANT, CloudEvents.header(events.get(1), "ce_tenant"));
        assertEquals("inbound-team", json(events.get(1).value()).at("/pool/memberGroups/0").asText());

        as(admin).header("If-Match", poolEtag(id)).delete("/opportunity-pools/{id}", id).then().statusCode(204);
        as(admin).get("/opportunity-pools/{id}", id).then().statusCode(404);
        assertEquals("opportunity-pool.deleted", CloudEvents.header(
                TopicProbe.await(Topics.OPPORTUNITY_EVENTS, TopicProbe.key(id), 3, Duration.ofSeconds(30)).get(2), "ce_type"));
    }

    @Test
    void aDealReturnedToAPoolLosesItsOwnerAndTellsSubscribers() {
        String owner = rep("rep-r1", "d-east");
        String poolId = pool("East shelf", List.of("d-east"), List.of());
        String id = createId(owner, opportunity("Going back " + UUID.randomUUID(), PROCESS));

        // only who may see it may return it
        returnToPool(rep("rep-r2", "d-east"), id, poolId, "not mine").then().statusCode(404);
        as(owner).body(Map.of("reason", "no pool")).post("/opportunities/{id}/return-to-pool", id).then().statusCode(400);
        returnToPool(owner, id, UUID.randomUUID().toString(), "nowhere").then().statusCode(422)
                .body("type", equalTo(PROBLEM + "unknown-pool"));
        as(owner).header("If-Match", "\"7\"").body(Map.of("poolId", poolId)).post("/opportunities/{id}/return-to-pool", id)
                .then().statusCode(412);

        as(owner).header("If-Match", "\"0\"").body(Map.of("poolId", poolId, "reason", "no budget this year"))
                .post("/opportunities/{id}/return-to-pool", id).then().statusCode(200).header("ETag", "\"1\"")
                .body("ownerId", nullValue()).body("poolId", equalTo(poolId)).body("poolReason", equalTo("no budget this year"))
                .body("pooledAt", notNullValue()).body("departmentId", equalTo("d-east"));

        List<ConsumerRecord<String, String>> events = Api.events(id, 2);
        assertEquals("opportunity.owner-changed", CloudEvents.header(events.get(1), "ce_type"));
        JsonNode data = json(events.get(1).value());
        assertTrue(data.at("/opportunity/ownerId").isNull() || data.at("/opportunity/ownerId").isMissingNode(), data.toString());
        assertEquals(poolId, data.at("/opportunity/poolId").asText());
        assertEquals(1, data.at("/opportunity/version").asInt());
        assertEquals("rep-r1", data.at("/previousOwnerId").asText());
        assertEquals("no budget this year", data.at("/reason").asText());

        // not in the former owner's list any more; readable for pool members only
        as(owner).get("/opportunities").then().body("items.id", not(hasItem(id)));
        as(owner).get("/opportunities/{id}", id).then().statusCode(200).body("poolId", equalTo(poolId));
        as(rep("rep-r3", "d-west")).get("/opportunities/{id}", id).then().statusCode(404);
        as(owner).header("If-Match", "\"1\"").body(Map.of("name", "mine again")).patch("/opportunities/{id}", id).then().statusCode(404);
        returnToPool(admin, id, poolId, "again").then().statusCode(409).body("type", equalTo(PROBLEM + "already-in-pool"));
        as(admin).header("If-Match", poolEtag(poolId)).delete("/opportunity-pools/{id}", poolId).then().statusCode(409)
                .body("type", equalTo(PROBLEM + "pool-not-empty")).body("opportunities", equalTo(1));

        // their manager may return a deal of the department; closed deals stay where they are
        String second = createId(owner, opportunity("Manager returns " + UUID.randomUUID(), PROCESS));
        returnToPool(Tokens.inDepartment(TENANT, "boss-east", "d-east", "manager"), second, poolId, "rebalancing").then().statusCode(200)
                .body("ownerId", nullValue());
        String lost = createId(owner, opportunity("Lost one " + UUID.randomUUID(), PROCESS));
        move(owner, lost, "lost", "price").then().statusCode(200);
        returnToPool(owner, lost, poolId, "revive").then().statusCode(422).body("type", equalTo(PROBLEM + "opportunity-not-returnable"))
                .body("opportunityStatus", equalTo("LOST"));
        returnToPool(Tokens.admin("elsewhere"), id, poolId, "x").then().statusCode(404);
    }

    @Test
    void aPoolIsListedForItsMembersManagersAndAdminsWithFiltersAndPaging() {
        String poolId = pool("Key accounts", List.of(), List.of("key-accounts"));
        String small = pooledDeal("Small", poolId);
        String large = createId(admin, opportunity("Large " + UUID.randomUUID(), PROCESS, "ownerId", "seed-rep", "amount", 9000));
        returnToPool(admin, large, poolId, "seeded").then().statusCode(200);
        String middle = createId(admin, opportunity("Middle " + UUID.randomUUID(), PROCESS, "ownerId", "seed-rep", "amount", 5000));
        move(admin, middle, "proposal", null).then().statusCode(200);
        returnToPool(admin, middle, poolId, "seeded").then().statusCode(200);

        String member = Tokens.inDepartment(TENANT, "rep-k1", "d-k", "sales");
        Api.employee(TENANT, "rep-k1", "d-k", "key-accounts");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(member).get("/opportunity-pools/{id}", poolId).then().statusCode(200));
        as(member).get("/opportunity-pools/{id}/opportunities?sort=-amount", poolId).then().statusCode(200)
                .body("total", equalTo(3)).body("items.id", contains(large, middle, small));
        as(member).get("/opportunity-pools/{id}/opportunities?stage=proposal", poolId).then().body("items.id", contains(middle));
        Response first = as(member).get("/opportunity-pools/{id}/opportunities?sort=-amount&size=2", poolId);
        first.then().body("items.id", contains(large, middle)).body("nextCursor", notNullValue());
        as(member).queryParam("cursor", first.jsonPath().getString("nextCursor"))
                .get("/opportunity-pools/{id}/opportunities?sort=-amount&size=2", poolId).then().statusCode(200)
                .body("items.id", contains(small)).body("nextCursor", nullValue()).body("total", nullValue());

        as(Tokens.inDepartment(TENANT, "boss-k", "d-other", "manager")).get("/opportunity-pools/{id}/opportunities", poolId)
                .then().statusCode(200).body("total", equalTo(3));
        as(admin).get("/opportunity-pools/{id}/opportunities", poolId).then().statusCode(200).body("total", equalTo(3));
        as(rep("rep-k2", "d-k")).get("/opportunity-pools/{id}/opportunities", poolId).then().statusCode(404);
        as(Tokens.admin("elsewhere")).get("/opportunity-pools/{id}/opportunities", poolId).then().statusCode(404);
        as(member).get("/opportunity-pools/{id}/opportunities?sort=owner", poolId).then().statusCode(400);
    }

    @Test
    void aClaimMakesTheCallerOwnerThroughAHoldingReservation() {
        String poolId = pool("Open shelf", List.of(), List.of());
        String id = pooledDeal("Claim me", poolId);
        String claimant = rep("rep-c1", "d-c");

        claim(claimant, id).then().statusCode(200).header("ETag", "\"2\"")
                .body("ownerId", equalTo("rep-c1")).body("departmentId", equalTo("d-c")).body("poolId", nullValue());
        List<String> calls = holdingCalls();
        int reserve = calls.lastIndexOf("reserve rep-c1 bearer");
        assertTrue(reserve >= 0, calls.toString());
        assertTrue(calls.subList(reserve, calls.size()).stream().anyMatch(c -> c.startsWith("confirm ")), calls.toString());

        JsonNode claimed = json(Api.events(id, 3).get(2).value());
        assertEquals("rep-c1", claimed.at("/opportunity/ownerId").asText());
        assertEquals(poolId, claimed.at("/previousPoolId").asText());
        assertTrue(claimed.at("/opportunity/poolId").isNull() || claimed.at("/opportunity/poolId").isMissingNode());
        as(claimant).get("/opportunities").then().body("items.id", hasItem(id));

        // a second claim, by anyone: already claimed
        claim(rep("rep-c2", "d-c"), id).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "already-claimed"));
        claim(claimant, id).then().statusCode(409).body("type", equalTo(PROBLEM + "already-claimed"));
        // a deal that never was in a pool: not-in-pool to whoever sees it, 404 to everyone else
        String own = createId(claimant, opportunity("Never pooled " + UUID.randomUUID(), PROCESS));
        claim(claimant, own).then().statusCode(409).body("type", equalTo(PROBLEM + "not-in-pool"));
        claim(rep("rep-c2", "d-c"), own).then().statusCode(404);
        claim(Tokens.admin("elsewhere"), id).then().statusCode(404);
        claim(claimant, UUID.randomUUID().toString()).then().statusCode(404);
        // a closed deal in a pool stays on the shelf
        String closed = pooledDeal("Closed in pool", poolId);
        move(admin, closed, "lost", "price").then().statusCode(200);
        claim(claimant, closed).then().statusCode(422).body("type", equalTo(PROBLEM + "opportunity-closed"));
    }

    @Test
    void onlyMembersClaimAndHoldingAnswersDecideAsOnOwnerChange() {
        String poolId = pool("West shelf", List.of("d-west"), List.of());
        String id = pooledDeal("Members only", poolId);
        claim(rep("rep-m1", "d-north"), id).then().statusCode(404);
        claim(Tokens.inDepartment(TENANT, "boss-north", "d-north", "manager"), id).then().statusCode(403)
                .contentType("application/problem+json");

        // the limit reached: 409 naming the rule, the deal stays in the pool
        System.setProperty(HoldingStub.REFUSE_OWNER, "rep-full");
        claim(rep("rep-full", "d-west"), id).then().statusCode(409).body("type", equalTo(PROBLEM + "holding-limit-exceeded"))
                .body("ruleName", equalTo("Three per rep")).body("limit", equalTo(3)).body("current", equalTo(3));
        as(admin).get("/opportunities/{id}", id).then().header("ETag", "\"1\"").body("poolId", equalTo(poolId));

        // holding-service down: 503 with Retry-After, nothing written
        System.setProperty(HoldingStub.DOWN, "true");
        await().atMost(Duration.ofSeconds(10)).until(() -> claim(rep("rep-w1", "d-west"), id).statusCode() == 503);
        claim(rep("rep-w1", "d-west"), id).then().statusCode(503).header("Retry-After", notNullValue())
                .body("type", equalTo(PROBLEM + "dependency-unavailable"));
        as(admin).get("/opportunities/{id}", id).then().header("ETag", "\"1\"").body("poolId", equalTo(poolId));
        System.clearProperty(HoldingStub.DOWN);
        await().atMost(Duration.ofSeconds(10)).until(() -> claim(rep("rep-w1", "d-west"), id).statusCode() == 200);
        as(admin).get("/opportunities/{id}", id).then().body("ownerId", equalTo("rep-w1"));
        assertEquals(3, Api.events(id, 3).size());
    }

    @Test
    void parallelClaimsOfOneDealHaveExactlyOneWinner() throws Exception {
        String poolId = pool("Contended", List.of(), List.of());
        String id = pooledDeal("Everyone wants it", poolId);
        List<Callable<Response>> claims = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String token = rep("rep-race-" + i, "d-race");
            claims.add(() -> claim(token, id));
        }
        List<Response> answers = inParallel(claims);
        List<Integer> codes = answers.stream().map(Response::statusCode).toList();
        assertEquals(1, codes.stream().filter(c -> c == 200).count(), "codes " + codes);
        assertEquals(9, answers.stream().filter(r -> r.statusCode() == 409
                && (PROBLEM + "already-claimed").equals(r.jsonPath().getString("type"))).count(), "codes " + codes);
        String winner = answers.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow().jsonPath().getString("ownerId");
        as(admin).get("/opportunities/{id}", id).then().body("ownerId", equalTo(winner)).header("ETag", "\"2\"");
        // every loser that got as far as reserving gave its place back; the winner's stays
        int open = 0;
        for (int i = 0; i < 10; i++) {
            open += Api.openReservations("rep-race-" + i);
        }
        long reserved = holdingCalls().stream().filter(c -> c.startsWith("reserve rep-race-")).count();
        assertEquals(1, open, reserved + " claimants reserved");
        assertEquals(1, Api.openReservations(winner));
        // created, returned, claimed once
        Api.events(id, 3);
        assertEquals(3, TopicProbe.all(Topics.OPPORTUNITY_EVENTS, TopicProbe.key(id), Duration.ofSeconds(2)).size());
    }

    @Test
    void parallelClaimsByOneRepStopExactlyAtTheirLimit() throws Exception {
        String poolId = pool("Plenty", List.of(), List.of());
        List<String> deals = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            deals.add(pooledDeal("Plenty " + i, poolId));
        }
        System.setProperty(HoldingStub.LIMIT_PREFIX + "rep-lim", "3");
        String token = rep("rep-lim", "d-lim");
        List<Callable<Response>> claims = new ArrayList<>();
        for (String id : deals) {
            claims.add(() -> claim(token, id));
        }
        List<Response> answers = inParallel(claims);
        List<Integer> codes = answers.stream().map(Response::statusCode).toList();
        assertEquals(3, codes.stream().filter(c -> c == 200).count(), "codes " + codes);
        assertEquals(5, answers.stream().filter(r -> r.statusCode() == 409
                && (PROBLEM + "holding-limit-exceeded").equals(r.jsonPath().getString("type"))).count(), "codes " + codes);
        as(admin).get("/opportunities?owner=rep-lim").then().body("total", equalTo(3));
        assertEquals(3, Api.openReservations("rep-lim"));
        as(admin).get("/opportunity-pools/{id}/opportunities", poolId).then().body("total", equalTo(5));
    }

    static List<Response> inParallel(List<Callable<Response>> calls) throws Exception {
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
