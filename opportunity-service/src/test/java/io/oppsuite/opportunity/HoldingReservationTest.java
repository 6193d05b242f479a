package io.oppsuite.opportunity;

import io.oppsuite.common.events.Topics;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.oppsuite.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.oppsuite.opportunity.Api.as;
import static io.oppsuite.opportunity.Api.create;
import static io.oppsuite.opportunity.Api.createId;
import static io.oppsuite.opportunity.Api.holdingCalls;
import static io.oppsuite.opportunity.Api.opportunity;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Holding limits on the opportunity side: reserve before the write, confirm after commit, release on failure; 409 and 503 write nothing. */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_opportunity_test"))
@QuarkusTestResource(HoldingStub.class)
class HoldingReservationTest {

    static final String TENANT = "holding";
    static final String PROCESS = UUID.randomUUID().toString();
    static final String admin = Tokens.admin(TENANT);
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
        System.clearProperty(HoldingStub.SLOW_OWNER);
    }

    @Test
    void slowHoldingServiceTimesOutTo503ForCreatesAndOwnerChanges() {
        String slow = "slow-" + UUID.randomUUID();
        System.setProperty(HoldingStub.SLOW_OWNER, slow);
        long started = System.nanoTime();
        create(admin, opportunity("Slow create", PROCESS, "ownerId", slow)).then().statusCode(503)
                .header("Retry-After", notNullValue());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 4500, "answered before holding-service did");
        as(admin).get("/opportunities?owner={o}", slow).then().body("total", equalTo(0));

        String id = createId(admin, opportunity("Hand over slowly", PROCESS));
        as(admin).header("If-Match", "\"0\"").body(Map.of("ownerId", slow)).post("/opportunities/{id}/owner", id)
                .then().statusCode(503).header("Retry-After", notNullValue());
        as(admin).get("/opportunities/{id}", id).then().body("ownerId", equalTo("admin-1")).header("ETag", "\"0\"");
        // the service is fine afterwards: the session was not left behind on a foreign thread
        as(admin).header("If-Match", "\"0\"").body(Map.of("ownerId", "someone-else")).post("/opportunities/{id}/owner", id)
                .then().statusCode(200).body("ownerId", equalTo("someone-else"));
    }

    @Test
    void createReservesWithTheCallersTokenAndConfirmsAfterCommit() {
        String owner = "h-" + UUID.randomUUID();
        String id = createId(Tokens.issue(TENANT, owner, "sales"), opportunity("Held deal", PROCESS));
        List<String> calls = holdingCalls();
        int reserve = calls.indexOf("reserve " + owner + " bearer");
        assertTrue(reserve >= 0, calls.toString());
        // the confirm runs after the write's transaction, still as the caller
        assertTrue(calls.subList(reserve, calls.size()).stream().anyMatch(c -> c.startsWith("confirm ") && c.endsWith(" bearer")),
                calls.toString());
        as(admin).get("/opportunities/{id}", id).then().statusCode(200);
    }

    @Test
    void limitReachedIs409NamingTheRuleAndWritesNothing() {
        String owner = "full-" + UUID.randomUUID();
        System.setProperty(HoldingStub.REFUSE_OWNER, owner);
        create(admin, opportunity("Too many", PROCESS, "ownerId", owner)).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://oppsuite.io/problems/holding-limit-exceeded"))
                .body("title", equalTo("Holding limit reached"))
                .body("ruleId", equalTo("rule-1")).body("ruleName", equalTo("Three per rep"))
                .body("limit", equalTo(3)).body("current", equalTo(3)).body("scope", equalTo("EMPLOYEE")).body("ownerId", equalTo(owner));
        as(admin).get("/opportunities?owner={o}", owner).then().body("total", equalTo(0));

        // owner change to a full owner: refused, the owner stays
        String id = createId(admin, opportunity("Stays put", PROCESS));
        as(admin).header("If-Match", "\"0\"").body(Map.of("ownerId", owner)).post("/opportunities/{id}/owner", id)
                .then().statusCode(409).body("type", equalTo("https://oppsuite.io/problems/holding-limit-exceeded"));
        as(admin).get("/opportunities/{id}", id).then().body("ownerId", equalTo("admin-1")).header("ETag", "\"0\"");
        assertEquals(1, TopicProbe.all(Topics.OPPORTUNITY_EVENTS, TopicProbe.key(id), Duration.ofSeconds(2)).size());
    }

    @Test
    void holdingServiceDownIs503WithRetryAfterAndNothingWritten() {
        String owner = "down-" + UUID.randomUUID();
        System.setProperty(HoldingStub.DOWN, "true");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                create(admin, opportunity("While down", PROCESS, "ownerId", owner)).statusCode() == 503);
        create(admin, opportunity("While down", PROCESS, "ownerId", owner)).then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", notNullValue())
                .body("type", equalTo("https://oppsuite.io/problems/dependency-unavailable"));
        System.clearProperty(HoldingStub.DOWN);
        as(admin).get("/opportunities?owner={o}", owner).then().body("total", equalTo(0));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                create(admin, opportunity("After the outage", PROCESS, "ownerId", owner)).statusCode() == 201);
        as(admin).get("/opportunities?owner={o}", owner).then().body("total", equalTo(1));
    }

    @Test
    void importRowsReserveOneByOne() {
        String owner = "imp-" + UUID.randomUUID();
        String full = "imp-full-" + UUID.randomUUID();
        System.setProperty(HoldingStub.REFUSE_OWNER, full);
        as(admin).body(List.of(opportunity("Row one", PROCESS, "ownerId", owner), opportunity("Row two", PROCESS, "ownerId", full),
                        opportunity("Row three", PROCESS, "ownerId", owner)))
                .post("/opportunities/import").then().statusCode(200)
                .body("created", equalTo(2)).body("refused", equalTo(1))
                .body("rows[1].outcome", equalTo("REFUSED")).body("rows[2].outcome", equalTo("CREATED"));
        assertEquals(2, holdingCalls().stream().filter(c -> c.equals("reserve " + owner + " bearer")).count());
    }
}
