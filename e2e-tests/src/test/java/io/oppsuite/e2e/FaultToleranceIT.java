package io.oppsuite.e2e;

import io.oppsuite.devstack.DevStack;
import io.oppsuite.testsupport.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults in the middle of a load, bounded in time, loopback only: the Kafka broker killed and
 * restarted, analytics-service (a consumer) restarted, PostgreSQL restarted. Afterwards every
 * event was delivered, analytics equal a recount of what the clients did, nothing is doubled,
 * and nothing is half-written. While PostgreSQL restarts, creates and every other service's reads are
 * answered 2xx or 503 problem with Retry-After, nothing else.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceIT {

    static final int OPPORTUNITIES = 50;
    static final int MOVES = 5000;
    static final List<String> CYCLE = List.of("proposal", "negotiation");

    final String tenant = "fault-" + UUID.randomUUID().toString().substring(0, 8);
    final String admin = Tokens.admin(tenant);

    @Test
    @Order(1)
    void brokerOutageAndConsumerRestartMidStreamLoseAndDoubleNothing() throws Exception {
        DevStack stack = Suite.get();
        String process = Suite.publishStandardProcess(tenant);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < OPPORTUNITIES; i++) {
            ids.add(create(process, "Fault " + i));
        }
        // every opportunity walks proposal ↔ negotiation; each worker owns its opportunities, so moves of
        // one opportunity are sequential and their versions known
        Map<String, List<String>> entered = new ConcurrentHashMap<>();
        Map<String, String> current = new ConcurrentHashMap<>();
        ids.forEach(id -> {
            entered.put(id, Collections.synchronizedList(new ArrayList<>(List.of("qualification"))));
            current.put(id, "qualification");
        });
        AtomicInteger moves = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        int workers = 5;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            List<String> mine = ids.subList(w * OPPORTUNITIES / workers, (w + 1) * OPPORTUNITIES / workers);
            futures.add(pool.submit(() -> {
                int i = 0;
                while (moves.get() < MOVES) {
                    String id = mine.get(i++ % mine.size());
                    String target = CYCLE.get((entered.get(id).size() - 1) % 2);
                    Response response = given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("toStage", target))
                            .header("If-Match", Suite.etag(admin, id))
                            .post(stack.url("opportunity-service") + "/opportunities/{id}/stage-transitions", id);
                    if (response.statusCode() == 200) {
                        entered.get(id).add(target);
                        current.put(id, target);
                        moves.incrementAndGet();
                    } else {
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        await().atMost(Duration.ofMinutes(5)).until(() -> moves.get() >= 1500);
        stack.broker().kill();
        await().atMost(Duration.ofMinutes(5)).until(() -> moves.get() >= 2500);
        stack.broker().start();
        await().atMost(Duration.ofMinutes(5)).until(() -> moves.get() >= 3500);
        stack.restartService("analytics-service");
        for (Future<?> f : futures) {
            f.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertEquals(0, refused.get(), "writes never depend on the broker");

        // recount from what the clients did: who stands where, and who ever entered each stage
        Map<String, Integer> standing = new HashMap<>();
        Map<String, Set<String>> everEntered = new HashMap<>();
        current.forEach((id, stage) -> standing.merge(stage, 1, Integer::sum));
        entered.forEach((id, stages) -> stages.forEach(s -> everEntered.computeIfAbsent(s, k -> new HashSet<>()).add(id)));
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            var counts = given().auth().oauth2(admin).queryParam("salesProcessId", process)
                    .get(stack.url("analytics-service") + "/analytics/stage-counts").then().statusCode(200).extract().jsonPath();
            for (String stage : List.of("qualification", "proposal", "negotiation")) {
                assertEquals(standing.getOrDefault(stage, 0), counts.getInt("find { it.key == '" + stage + "' }.count"), stage);
            }
        });
        var report = given().auth().oauth2(admin).get(stack.url("analytics-service") + "/analytics/sales-processes/{id}/stage-transitions", process)
                .then().statusCode(200).extract().jsonPath();
        for (String stage : List.of("qualification", "proposal", "negotiation")) {
            assertEquals(everEntered.getOrDefault(stage, Set.of()).size(),
                    report.getInt("stages.find { it.key == '" + stage + "' }.totalOpportunities"), "distinct entries of " + stage);
        }
        // the history in opportunity-service holds every move once
        int historyRows = 0;
        for (String id : ids) {
            historyRows += given().auth().oauth2(admin).get(stack.url("opportunity-service") + "/opportunities/{id}/stage-history", id)
                    .then().statusCode(200).extract().jsonPath().getList("$").size();
        }
        assertEquals(OPPORTUNITIES + moves.get(), historyRows);
    }

    @Test
    @Order(2)
    void postgresRestartMidLoadGivesClearErrorsAndNoHalfWrittenOpportunity() throws Exception {
        DevStack stack = Suite.get();
        String process = Suite.publishStandardProcess(tenant);
        create(process, "warm-up");
        Set<String> created = ConcurrentHashMap.newKeySet();
        Map<String, Map<String, Object>> toRetry = new ConcurrentHashMap<>();
        List<String> badAnswers = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger unavailable = new AtomicInteger();
        long end = System.nanoTime() + Duration.ofSeconds(25).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    String key = UUID.randomUUID().toString();
                    Map<String, Object> body = Map.of("name", "PG " + key, "amount", 10, "currency", "EUR", "salesProcessId", process);
                    Response r;
                    try {
                        r = createWithKey(key, body);
                    } catch (Exception e) {
                        badAnswers.add("no answer: " + e);
                        continue;
                    }
                    if (r.statusCode() == 201) {
                        created.add(r.jsonPath().getString("id"));
                    } else if (r.statusCode() == 503 && r.contentType().startsWith("application/problem+json")
                            && r.header("Retry-After") != null) {
                        unavailable.incrementAndGet();
                        // its commit may have reached the database while the answer did not: retried below, as a client would
                        toRetry.put(key, body);
                    } else {
                        badAnswers.add(r.statusCode() + " " + r.contentType() + " " + r.body().asString());
                    }
                }
                return null;
            }));
        }
        // the other services' own answers while their database is away: a read that needs PostgreSQL in each
        AtomicInteger readsAnswered = new AtomicInteger();
        List<String> reads = List.of(
                stack.url("pipeline-config-service") + "/sales-processes",
                stack.url("holding-service") + "/holdings/employees/admin-1",
                stack.url("approval-service") + "/approvals",
                stack.url("analytics-service") + "/analytics/stage-counts?salesProcessId=" + process);
        futures.add(pool.submit(() -> {
            for (int i = 0; System.nanoTime() < end; i++) {
                String url = reads.get(i % reads.size());
                Response r;
                try {
                    r = given().auth().oauth2(admin).get(url);
                } catch (Exception e) {
                    badAnswers.add("no answer from " + url + ": " + e);
                    continue;
                }
                if (r.statusCode() == 200) {
                    readsAnswered.incrementAndGet();
                } else if (r.statusCode() == 503 && r.contentType().startsWith("application/problem+json")
                        && r.header("Retry-After") != null) {
                    unavailable.incrementAndGet();
                } else {
                    badAnswers.add(url + ": " + r.statusCode() + " " + r.contentType() + " " + r.body().asString());
                }
                Thread.sleep(20);
            }
            return null;
        }));
        Thread.sleep(5000);
        Postgres.restart();
        for (Future<?> f : futures) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertTrue(badAnswers.isEmpty(), "unclear answers during the restart: " + badAnswers.subList(0, Math.min(5, badAnswers.size())));
        // a 503 is "retry with the same Idempotency-Key": the retry answers the deal the first try stored, or creates it now
        for (Map.Entry<String, Map<String, Object>> retry : toRetry.entrySet()) {
            Response r = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> createWithKey(retry.getKey(), retry.getValue()), answer -> answer.statusCode() != 503);
            assertEquals(201, r.statusCode(), "a retry after the restart: " + r.body().asString());
            created.add(r.jsonPath().getString("id"));
        }
        assertTrue(created.size() > 0);
        assertTrue(readsAnswered.get() > 0, "no read answered 200 before or after the restart");
        // no half-written opportunity: every stored one was acknowledged, has its first stage history and its event
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/oppsuite_opportunity_e2e", "postgres", "")) {
            Set<String> stored = new HashSet<>();
            try (PreparedStatement ps = db.prepareStatement("""
                    select o.id::text, (select count(*) from stage_history h where h.opportunity_id = o.id),
                           (select count(*) from outbox_event e where e.aggregate_id = o.id::text and e.event_type = 'opportunity.created')
                    from opportunity o where o.tenant_id = ? and o.name like 'PG %'""")) {
                ps.setString(1, tenant);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stored.add(rs.getString(1));
                        assertEquals(1, rs.getInt(2), "stage history of " + rs.getString(1));
                        assertEquals(1, rs.getInt(3), "created event of " + rs.getString(1));
                    }
                }
            }
            assertEquals(created, stored, "stored opportunities are exactly the acknowledged ones");
        }
    }


    private String create(String process, String name) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Response r = given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("name", name + " " + UUID.randomUUID(), "amount", 1000, "currency", "EUR", "salesProcessId", process))
                    .post(Suite.url("opportunity-service") + "/opportunities");
            if (r.statusCode() == 201) {
                id[0] = r.jsonPath().getString("id");
                return true;
            }
            return false;
        });
        return id[0];
    }

    private Response createWithKey(String key, Map<String, Object> body) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post(Suite.get().url("opportunity-service") + "/opportunities");
    }
}
