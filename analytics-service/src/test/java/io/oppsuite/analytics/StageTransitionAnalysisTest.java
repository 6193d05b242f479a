package io.oppsuite.analytics;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.analytics.support.EventPublisher;
import io.oppsuite.analytics.support.EventStreamGenerator;
import io.oppsuite.analytics.support.GeneratedEvent;
import io.oppsuite.analytics.support.StageAnalysisRecount;
import io.oppsuite.analytics.support.StageAnalysisRecount.Filter;
import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.common.events.Topics;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.oppsuite.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import io.micrometer.core.instrument.MeterRegistry;
import io.oppsuite.analytics.transition.OpportunityProjection;
import jakarta.inject.Inject;
import org.junit.jupiter.api.TestMethodOrder;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stage transition analysis and weighted pipeline through the public API: generated event
 * streams go through the real broker (duplicates, interleaving, late events, moves back,
 * skips, amount and owner changes, deletions) and the served numbers must equal a recount
 * from the same raw events ({@link StageAnalysisRecount}), before and after a rebuild.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_analytics_test"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StageTransitionAnalysisTest {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    static final List<String> STAGES = List.of("qualification", "proposal", "negotiation", "won", "lost", "invalid");
    static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
    static final String TENANT = "t-" + UUID.randomUUID();
    static final String PROCESS = UUID.randomUUID().toString();
    static final String ADMIN = Tokens.admin(TENANT);
    static final List<GeneratedEvent> PUBLISHED = new ArrayList<>();
    static boolean streamPublished;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void publishStreamOnce() {
        if (streamPublished) {
            return;
        }
        streamPublished = true;
        SalesProcessFixtures.publish(TENANT, SalesProcessFixtures.standard(PROCESS, 1));
        EventStreamGenerator generator = new EventStreamGenerator(42, PROCESS);
        Random random = new Random(7);
        List<List<GeneratedEvent>> histories = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            List<GeneratedEvent> history = new ArrayList<>(generator.opportunity());
            if (history.size() > 2 && random.nextInt(100) < 15) {
                // a later event of the same deal arrives before an earlier one
                Collections.swap(history, history.size() - 1, history.size() - 2);
            }
            histories.add(history);
        }
        // interleave the deals' streams at random: arrival order across opportunities is arbitrary
        List<GeneratedEvent> stream = new ArrayList<>();
        List<Integer> next = new ArrayList<>(Collections.nCopies(histories.size(), 0));
        while (true) {
            List<Integer> pending = new ArrayList<>();
            for (int i = 0; i < histories.size(); i++) {
                if (next.get(i) < histories.get(i).size()) {
                    pending.add(i);
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            int pick = pending.get(random.nextInt(pending.size()));
            stream.add(histories.get(pick).get(next.get(pick)));
            next.set(pick, next.get(pick) + 1);
        }
        List<GeneratedEvent> redelivered = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            GeneratedEvent e = stream.get(random.nextInt(stream.size()));
            // the same event again (same id), or a stale copy of it under a new id
            redelivered.add(i % 2 == 0 ? e : new GeneratedEvent(UUID.randomUUID().toString(), e.type(), e.state(), e.fromKey(),
                    e.fromType(), e.enteredAt()));
        }
        stream.addAll(redelivered);
        try (EventPublisher publisher = new EventPublisher()) {
            publisher.publishAll(TENANT, stream);
        }
        PUBLISHED.addAll(stream);
    }

    static JsonNode get(String token, String path, Map<String, ?> query) {
        Response response = given().auth().oauth2(token).queryParams(query).get(path);
        assertEquals(200, response.statusCode(), () -> path + " " + query + " -> " + response.asString());
        try {
            return JSON.readTree(response.asString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode report(String token, Map<String, ?> query) {
        Map<String, Object> q = new java.util.HashMap<>(query);
        q.put("asOf", AS_OF.toString());
        return get(token, "/analytics/sales-processes/" + PROCESS + "/stage-transitions", q);
    }

    /** Every difference between the served report and the recount; empty when they agree. */
    static List<String> differences(JsonNode served, StageAnalysisRecount.Report expected) {
        List<String> diffs = new ArrayList<>();
        List<String> servedKeys = new ArrayList<>();
        served.get("stages").forEach(s -> servedKeys.add(s.get("key").asText()));
        if (!servedKeys.equals(STAGES)) {
            diffs.add("stages " + servedKeys);
            return diffs;
        }
        for (JsonNode s : served.get("stages")) {
            String key = s.get("key").asText();
            StageAnalysisRecount.Stage e = expected.stages().get(key);
            check(diffs, key + ".totalOpportunities", e.total(), s.get("totalOpportunities").asLong());
            check(diffs, key + ".totalAmount", e.amount(), decimal(s.get("totalAmount")));
            check(diffs, key + ".averageTimeInStage", e.averageSeconds(), s.get("averageTimeInStage").get("seconds").asLong());
            check(diffs, key + ".transitioned", e.transitioned(), s.get("transitioned").asLong());
            check(diffs, key + ".retained", e.retained(), s.get("retained").asLong());
            check(diffs, key + ".lost", e.lost(), s.get("lost").asLong());
            check(diffs, key + ".lossRate", e.lossRate(), decimal(s.get("lossRate")));
            check(diffs, key + ".conversionRate", e.conversionRate(), decimal(s.get("conversionRate")));
            if (s.get("transitioned").asLong() + s.get("retained").asLong() + s.get("lost").asLong() != s.get("totalOpportunities").asLong()) {
                diffs.add(key + ": transitioned + retained + lost != total");
            }
        }
        check(diffs, "wonCount", expected.wonCount(), served.get("wonCount").asLong());
        check(diffs, "averageDealSize", expected.averageDealSize(), decimal(served.get("averageDealSize")));
        JsonNode cycle = served.get("salesCycle");
        check(diffs, "salesCycle", expected.salesCycleSeconds(), cycle == null || cycle.isNull() ? null : cycle.get("seconds").asLong());
        return diffs;
    }

    static BigDecimal decimal(JsonNode node) {
        return node == null || node.isNull() ? null : node.decimalValue();
    }

    static void check(List<String> diffs, String what, Object expected, Object actual) {
        boolean same = expected instanceof BigDecimal e && actual instanceof BigDecimal a ? e.compareTo(a) == 0 : Objects.equals(expected, actual);
        if (!same) {
            diffs.add(what + ": expected " + expected + " but served " + actual);
        }
    }

    static List<String> pipelineDifferences(JsonNode served, Map<String, StageAnalysisRecount.Group> expected) {
        List<String> diffs = new ArrayList<>();
        Map<String, StageAnalysisRecount.Group> actual = new java.util.TreeMap<>();
        served.get("groups").forEach(g -> actual.put(g.get("key").asText(), new StageAnalysisRecount.Group(
                g.get("opportunities").asLong(), g.get("amount").decimalValue(), g.get("weightedAmount").decimalValue())));
        if (!actual.keySet().equals(expected.keySet())) {
            diffs.add("groups " + actual.keySet() + " expected " + expected.keySet());
            return diffs;
        }
        expected.forEach((key, e) -> {
            var a = actual.get(key);
            check(diffs, key + ".opportunities", e.opportunities(), a.opportunities());
            check(diffs, key + ".amount", e.amount(), a.amount());
            check(diffs, key + ".weighted", e.weighted(), a.weighted());
        });
        return diffs;
    }

    static void awaitServedEqualsRecount() {
        StageAnalysisRecount recount = new StageAnalysisRecount(PUBLISHED);
        StageAnalysisRecount.Report expected = recount.report(STAGES, Filter.NONE, AS_OF);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<String> diffs = differences(report(ADMIN, Map.of()), expected);
            assertEquals(List.of(), diffs);
        });
        for (String groupBy : List.of("stage", "owner", "closeMonth")) {
            JsonNode served = get(ADMIN, "/analytics/weighted-pipeline", Map.of("groupBy", groupBy, "salesProcessId", PROCESS));
            assertEquals(List.of(), pipelineDifferences(served, recount.weightedPipeline(groupBy)), groupBy);
        }
    }

    @Test
    @Order(1)
    void servedNumbersEqualARecountFromTheRawEventsDespiteDuplicatesReorderingMovesBackAndSkips() {
        awaitServedEqualsRecount();
        StageAnalysisRecount.Report expected = new StageAnalysisRecount(PUBLISHED).report(STAGES, Filter.NONE, AS_OF);
        // the stream is not trivial: deals were lost, won, moved back and re-entered stages
        assertTrue(expected.wonCount() > 0);
        assertTrue(expected.stages().get("qualification").lost() > 0);
        assertTrue(PUBLISHED.stream().anyMatch(e -> e.type().equals(OpportunityEvents.DELETED)));
        assertTrue(expected.stages().get("qualification").transitioned() > 0);
        List<GeneratedEvent> moves = PUBLISHED.stream().filter(e -> e.type().equals(OpportunityEvents.STAGE_CHANGED)).toList();
        assertTrue(moves.stream().anyMatch(e -> e.fromKey().equals("qualification") && e.state().stageKey().equals("negotiation")),
                "a skipped stage");
        assertTrue(moves.stream().anyMatch(e -> e.state().stageKey().equals("qualification")), "a stage re-entered after moving back");
        assertTrue(PUBLISHED.stream().anyMatch(e -> e.type().equals(OpportunityEvents.UPDATED)
                && moves.stream().anyMatch(m -> m.state().id().equals(e.state().id()) && m.state().version() > e.state().version())),
                "an amount change before a later stage entry");
        // both ways of counting ran: in-order states extended stored contributions, late arrivals recounted
        assertTrue(registry.counter(OpportunityProjection.COUNTS, "path", "extended").count() > 0);
        assertTrue(registry.counter(OpportunityProjection.COUNTS, "path", "recounted").count() > 0);
    }

    @Test
    @Order(2)
    void filtersByOwnerDepartmentAndCreatedOrEnteredDateRangeEqualTheRecount() {
        awaitServedEqualsRecount();
        StageAnalysisRecount recount = new StageAnalysisRecount(PUBLISHED);
        Instant from = Instant.parse("2026-01-10T00:00:00Z");
        Instant to = Instant.parse("2026-01-21T00:00:00Z");
        record Case(Map<String, String> query, Filter filter) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("ownerId", "rep-2"), new Filter("rep-2", null, null, null, false)),
                new Case(Map.of("departmentId", "dep-west"), new Filter(null, "dep-west", null, null, false)),
                new Case(Map.of("from", "2026-01-10", "to", "2026-01-20"), new Filter(null, null, from, to, false)),
                new Case(Map.of("from", "2026-01-10", "to", "2026-01-20", "dateField", "entered"), new Filter(null, null, from, to, true)),
                new Case(Map.of("ownerId", "rep-3", "from", "2026-01-15T00:00:00Z", "dateField", "entered"),
                        new Filter("rep-3", null, Instant.parse("2026-01-15T00:00:00Z"), null, true)));
        for (Case c : cases) {
            assertEquals(List.of(), differences(report(ADMIN, c.query()), recount.report(STAGES, c.filter(), AS_OF)), c.query().toString());
        }
    }

    @Test
    @Order(3)
    void durationsAreShownAsDaysHoursMinutesSecondsAsWellAsSeconds() {
        awaitServedEqualsRecount();
        JsonNode time = report(ADMIN, Map.of()).get("stages").get(0).get("averageTimeInStage");
        long seconds = time.get("seconds").asLong();
        assertTrue(seconds > 0);
        assertEquals(seconds, time.get("days").asLong() * 86_400 + time.get("hours").asLong() * 3_600
                + time.get("minutes").asLong() * 60 + time.get("secondsPart").asLong());
        assertEquals(time.get("days").asLong() + "d " + time.get("hours").asLong() + "h " + time.get("minutes").asLong() + "m "
                + time.get("secondsPart").asLong() + "s", time.get("text").asText());
    }

    @Test
    @Order(4)
    void rebuildReplaysTheTopicsIntoFreshTablesAndServesTheSameNumbers() {
        awaitServedEqualsRecount();
        Map<String, Map<String, String>> queries = Map.of(
                "/analytics/sales-processes/" + PROCESS + "/stage-transitions", Map.of("asOf", AS_OF.toString()),
                "/analytics/sales-processes/" + PROCESS + "/stage-transitions?f", Map.of("asOf", AS_OF.toString(), "ownerId", "rep-1"),
                "/analytics/weighted-pipeline", Map.of("groupBy", "stage"),
                "/analytics/weighted-pipeline?o", Map.of("groupBy", "owner"),
                "/analytics/weighted-pipeline?c", Map.of("groupBy", "closeMonth"),
                "/analytics/stage-counts", Map.of("salesProcessId", PROCESS));
        Map<String, JsonNode> before = new java.util.HashMap<>();
        queries.forEach((path, query) -> before.put(path, get(ADMIN, path.replaceAll("\\?.*", ""), query)));

        given().auth().oauth2(Tokens.issue(TENANT, "rep-1", "sales")).post("/analytics/admin/rebuild").then().statusCode(403);
        // parallel requests: one rebuild runs at a time, the others are told so (409), none fails
        List<java.util.concurrent.CompletableFuture<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> given().auth().oauth2(ADMIN).post("/analytics/admin/rebuild").then().extract().response()));
        }
        List<Response> responses = calls.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        List<Response> rebuilt = responses.stream().filter(r -> r.statusCode() == 200).toList();
        assertTrue(!rebuilt.isEmpty(), () -> responses.stream().map(Response::asString).toList().toString());
        for (Response r : responses) {
            if (r.statusCode() != 200) {
                assertEquals(409, r.statusCode(), r.asString());
                assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
            }
        }
        assertTrue(rebuilt.get(0).jsonPath().getLong("eventsReplayed") >= PUBLISHED.size());
        // another replica rebuilding (its database session holds the rebuild lock): this one answers 409 as well
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        try (java.sql.Connection otherReplica = java.sql.DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres"),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
             java.sql.Statement lock = otherReplica.createStatement()) {
            lock.execute("select pg_advisory_lock(" + io.oppsuite.analytics.rebuild.ProjectionRebuild.REBUILD_LOCK + ")");
            given().auth().oauth2(ADMIN).post("/analytics/admin/rebuild").then().statusCode(409)
                    .body("type", org.hamcrest.Matchers.containsString("rebuild-running"));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }

        queries.forEach((path, query) -> assertEquals(before.get(path), get(ADMIN, path.replaceAll("\\?.*", ""), query), path));
        awaitServedEqualsRecount();

        // the live consumer keeps projecting into the swapped-in tables
        GeneratedEvent extra = new EventStreamGenerator(99, PROCESS).opportunity().get(0);
        try (EventPublisher publisher = new EventPublisher()) {
            publisher.publishAll(TENANT, List.of(extra));
        }
        PUBLISHED.add(extra);
        awaitServedEqualsRecount();

        // events arriving while a rebuild runs land either in the replay or in its tail: none is lost or counted twice
        var during = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> given().auth().oauth2(ADMIN).post("/analytics/admin/rebuild").then().extract().response());
        EventStreamGenerator generator = new EventStreamGenerator(4242, PROCESS);
        try (EventPublisher publisher = new EventPublisher()) {
            // a deal every 50 ms while the rebuild runs (3 s at most): some events fall after its replay (the tail)
            for (int i = 0; i < 60 && !during.isDone(); i++) {
                List<GeneratedEvent> deal = generator.opportunity();
                publisher.publishAll(TENANT, deal);
                PUBLISHED.addAll(deal);
                java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L); // pacing the load, not waiting for a result
            }
        }
        Response duringRebuild = during.join();
        assertEquals(200, duringRebuild.statusCode(), duringRebuild.asString());
        assertTrue(duringRebuild.jsonPath().getLong("tailEvents") > 0, duringRebuild.asString());
        awaitServedEqualsRecount();
    }

    @Test
    @Order(5)
    void stageCountsShowWhereDealsStandNow() {
        awaitServedEqualsRecount();
        StageAnalysisRecount.Report expected = new StageAnalysisRecount(PUBLISHED).report(STAGES, Filter.NONE, AS_OF);
        JsonNode counts = get(ADMIN, "/analytics/stage-counts", Map.of("salesProcessId", PROCESS));
        assertEquals(STAGES.size(), counts.size());
        for (JsonNode c : counts) {
            assertEquals(expected.stages().get(c.get("key").asText()).retained(), c.get("count").asLong(), c.toString());
        }
    }

    @Test
    @Order(6)
    void salesRepsSeeTheirOwnDealsManagersTheirDepartment() {
        awaitServedEqualsRecount();
        StageAnalysisRecount recount = new StageAnalysisRecount(PUBLISHED);
        assertEquals(List.of(), differences(report(Tokens.issue(TENANT, "rep-4", "sales"), Map.of()),
                recount.report(STAGES, new Filter("rep-4", null, null, null, false), AS_OF)));
        assertEquals(List.of(), differences(report(Tokens.inDepartment(TENANT, "mgr-1", "dep-east", "manager"), Map.of()),
                recount.report(STAGES, new Filter(null, "dep-east", null, null, false), AS_OF)));
        given().auth().oauth2(Tokens.issue(TENANT, "rep-4", "sales")).queryParam("ownerId", "rep-1")
                .get("/analytics/sales-processes/" + PROCESS + "/stage-transitions").then().statusCode(403);
        JsonNode own = get(Tokens.issue(TENANT, "rep-4", "sales"), "/analytics/weighted-pipeline", Map.of("groupBy", "owner"));
        own.get("groups").forEach(g -> assertEquals("rep-4", g.get("key").asText()));
    }

    @Test
    @Order(7)
    void anotherTenantsProcessIsNotFoundAndBadInputIsAProblem() {
        given().auth().oauth2(Tokens.admin("other-" + UUID.randomUUID()))
                .get("/analytics/sales-processes/" + PROCESS + "/stage-transitions")
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(ADMIN).queryParam("dateField", "closed")
                .get("/analytics/sales-processes/" + PROCESS + "/stage-transitions")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(ADMIN).queryParam("from", "last tuesday")
                .get("/analytics/sales-processes/" + PROCESS + "/stage-transitions")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(ADMIN).queryParam("from", "2026-02-01").queryParam("to", "2026-01-01")
                .get("/analytics/sales-processes/" + PROCESS + "/stage-transitions").then().statusCode(400);
        given().auth().oauth2(ADMIN).queryParam("groupBy", "colour")
                .get("/analytics/weighted-pipeline").then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(ADMIN).get("/analytics/stage-counts").then().statusCode(400);
        given().get("/analytics/weighted-pipeline").then().statusCode(401);
    }

    @Test
    @Order(8)
    void aPoisonEventGoesToTheDeadLetterTopicAndTheConsumerGoesOn() {
        awaitServedEqualsRecount();
        // The poison sits between good events of one opportunity (one key, so one partition), sent in one
        // flush: they reach the consumer in one poll, whose batch transaction fails on the poison and is
        // replayed event by event. Only the poison is dead-lettered; the good events all count, once.
        List<GeneratedEvent> extra = new EventStreamGenerator(1234, PROCESS).opportunity();
        String poisonKey = extra.get(0).state().id();
        try (EventPublisher publisher = new EventPublisher()) {
            publisher.publish(TENANT, extra.get(0));
            publisher.send(Topics.OPPORTUNITY_EVENTS, poisonKey, UUID.randomUUID().toString(), OpportunityEvents.UPDATED, TENANT,
                    "{\"opportunity\":{\"name\":\"no id\"}}");
            publisher.publishAll(TENANT, extra.subList(1, extra.size()));
        }
        PUBLISHED.addAll(extra);
        // the dead-letter topic appears with its first record: probe until it exists and holds ours
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> !TopicProbe.await(
                Topics.deadLetter("analytics-service"), TopicProbe.key(poisonKey), 1, Duration.ofSeconds(5)).isEmpty());
        awaitServedEqualsRecount();
        assertEquals(1, TopicProbe.all(Topics.deadLetter("analytics-service"), TopicProbe.key(poisonKey),
                Duration.ofSeconds(3)).size(), "only the poison is dead-lettered");
        given().auth().oauth2(ADMIN).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    @Order(9)
    void theStageChangeToVisibleLatencyIsMeasuredForTheBenchmark() {
        awaitServedEqualsRecount();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        long distinctEvents = PUBLISHED.stream().map(GeneratedEvent::id).distinct().count();
        java.util.regex.Matcher count = java.util.regex.Pattern
                .compile("(?m)^analytics_event_visibility_seconds_count(?:\\{[^}]*\\})? ([0-9.E]+)").matcher(metrics); // an exemplar may follow
        assertTrue(count.find(), metrics);
        metrics.lines().filter(l -> l.startsWith("analytics_event_visibility_seconds")).forEach(System.out::println);
        // every event applied once is timed once (redeliveries of the same id are not applied again)
        assertTrue(Double.parseDouble(count.group(1)) >= distinctEvents, count.group(0) + " < " + distinctEvents);
        for (String quantile : List.of("0.5", "0.95", "0.99")) {
            assertTrue(metrics.matches("(?s).*analytics_event_visibility_seconds\\{[^}]*quantile=\"" + quantile + "\"[^}]*\\} [0-9.E-]+.*"),
                    "quantile " + quantile);
        }
        assertTrue(metrics.contains("analytics_event_visibility_seconds_bucket{"), "SLO buckets for p99 across replicas");
    }
}
