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
import io.oppsuite.analytics.rebuild.OperatorInterface;
import io.oppsuite.analytics.rebuild.TenantRebuild;
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

    // amounts as served: decimals exact, trailing zeros kept (Jackson's tree strips them by default)
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
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
            redelivered.add(i % 2 == 0 ? e : e.withId(UUID.randomUUID().toString()));
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

    /** The report as of {@link #AS_OF} (a past instant: recounted from the stored event log). */
    static JsonNode report(String token, Map<String, ?> query) {
        Map<String, Object> q = new java.util.HashMap<>(query);
        q.put("asOf", AS_OF.toString());
        return get(token, "/analytics/sales-processes/" + PROCESS + "/stage-transitions", q);
    }

    /** The report now (served from the live aggregates and facts). */
    static JsonNode liveReport(String token, Map<String, ?> query) {
        return get(token, "/analytics/sales-processes/" + PROCESS + "/stage-transitions", query);
    }

    /** Both reports against the recount: as of AS_OF, and now (recounted up to the instant the report says it is as of). */
    static List<String> differencesNowAndAsOf(String token, Map<String, ?> query, StageAnalysisRecount recount, Filter filter) {
        List<String> diffs = new ArrayList<>(differences(report(token, query), recount.report(STAGES, filter, AS_OF)));
        JsonNode live = liveReport(token, query);
        differences(live, recount.report(STAGES, filter, Instant.parse(live.get("asOf").asText()))).forEach(d -> diffs.add("now: " + d));
        return diffs;
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
            check(diffs, key + ".totalAmount", e.amount().setScale(2, java.math.RoundingMode.HALF_UP), exactDecimal(s.get("totalAmount")));
            check(diffs, key + ".conversionRate", e.conversionRate(), decimal(s.get("conversionRate")));
            if (!EventStreamGenerator.IN_PROGRESS.contains(key)) {
                // an outcome: no time in stage, no split, no loss rate
                for (String none : List.of("averageTimeInStage", "transitioned", "retained", "lost", "lossRate", "lossReasons")) {
                    if (!s.get(none).isNull()) {
                        diffs.add(key + "." + none + " should be null for an outcome, served " + s.get(none));
                    }
                }
                continue;
            }
            JsonNode average = s.get("averageTimeInStage");
            check(diffs, key + ".averageTimeInStage", e.total() == 0 ? null : e.averageSeconds(),
                    average.isNull() ? null : average.get("seconds").asLong());
            check(diffs, key + ".transitioned", e.transitioned(), s.get("transitioned").asLong());
            check(diffs, key + ".retained", e.retained(), s.get("retained").asLong());
            check(diffs, key + ".lost", e.lost(), s.get("lost").asLong());
            check(diffs, key + ".lossRate", e.lossRate(), decimal(s.get("lossRate")));
            if (s.get("transitioned").asLong() + s.get("retained").asLong() + s.get("lost").asLong() != s.get("totalOpportunities").asLong()) {
                diffs.add(key + ": transitioned + retained + lost != total");
            }
            Map<String, Long> reasons = new java.util.HashMap<>();
            s.get("lossReasons").forEach(r -> reasons.put(r.get("reason").isNull() ? null : r.get("reason").asText(), r.get("count").asLong()));
            check(diffs, key + ".lossReasons", expected.lossReasons().getOrDefault(key, Map.of()), reasons);
        }
        check(diffs, "highestLossRateStage", expected.highestLossRate(), stageKey(served.get("highestLossRateStage")));
        check(diffs, "longestAverageTimeStage", expected.longestAverageTime(), stageKey(served.get("longestAverageTimeStage")));
        check(diffs, "wonCount", expected.wonCount(), served.get("wonCount").asLong());
        check(diffs, "averageDealSize", expected.averageDealSize(), decimal(served.get("averageDealSize")));
        JsonNode cycle = served.get("salesCycle");
        check(diffs, "salesCycle", expected.salesCycleSeconds(), cycle == null || cycle.isNull() ? null : cycle.get("seconds").asLong());
        return diffs;
    }

    static String stageKey(JsonNode node) {
        return node == null || node.isNull() ? null : node.get("key").asText();
    }

    /** An amount as served: must be a JSON number with exactly two decimals. */
    static BigDecimal exactDecimal(JsonNode node) {
        if (node == null || !node.isNumber() || node.decimalValue().scale() != 2) {
            throw new AssertionError("an amount must be a number with two decimals, served " + node);
        }
        return node.decimalValue();
    }

    static BigDecimal decimal(JsonNode node) {
        return node == null || node.isNull() ? null : node.decimalValue();
    }

    static void check(List<String> diffs, String what, Object expected, Object actual) {
        boolean same = expected instanceof BigDecimal e && actual instanceof BigDecimal a && e.scale() != 2
                ? e.compareTo(a) == 0 : Objects.equals(expected, actual);
        if (!same) {
            diffs.add(what + ": expected " + expected + " but served " + actual);
        }
    }

    static List<String> pipelineDifferences(JsonNode served, Map<String, StageAnalysisRecount.Group> expected) {
        List<String> diffs = new ArrayList<>();
        Map<String, StageAnalysisRecount.Group> actual = new java.util.TreeMap<>();
        served.get("groups").forEach(g -> actual.put(g.get("key").asText(), new StageAnalysisRecount.Group(
                g.get("opportunities").asLong(), exactDecimal(g.get("amount")), exactDecimal(g.get("weightedAmount")))));
        exactDecimal(served.get("total").get("amount"));
        exactDecimal(served.get("total").get("weightedAmount"));
        if (!actual.keySet().equals(expected.keySet())) {
            diffs.add("groups " + actual.keySet() + " expected " + expected.keySet());
            return diffs;
        }
        expected.forEach((key, e) -> {
            var a = actual.get(key);
            check(diffs, key + ".opportunities", e.opportunities(), a.opportunities());
            check(diffs, key + ".amount", e.amount().setScale(2, java.math.RoundingMode.HALF_UP), a.amount());
            check(diffs, key + ".weighted", e.weighted().setScale(2, java.math.RoundingMode.HALF_UP), a.weighted());
        });
        return diffs;
    }

    static void awaitServedEqualsRecount() {
        StageAnalysisRecount recount = new StageAnalysisRecount(PUBLISHED);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertEquals(List.of(), differencesNowAndAsOf(ADMIN, Map.of(), recount, Filter.NONE)));
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
        assertTrue(expected.lossReasons().values().stream().mapToInt(Map::size).sum() > 2, "several loss reasons");
        assertTrue(PUBLISHED.stream().anyMatch(e -> e.type().equals(OpportunityEvents.STAGE_CHANGED) && e.reason() != null),
                "a reason given on the stage change itself");
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
            assertEquals(List.of(), differencesNowAndAsOf(ADMIN, c.query(), recount, c.filter()), c.query().toString());
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

    @Inject
    OperatorInterface operator;

    static final String OTHER_TENANT = "t-" + UUID.randomUUID();
    /** What this tenant published after the topic's records were deleted: all a bootstrap can recover. */
    static final List<GeneratedEvent> SINCE_TOPIC_DELETION = new ArrayList<>();

    /** Every answer a rebuild must leave as it was (the raw JSON: amounts keep their form too). */
    static Map<String, String> servedAnswers() {
        Map<String, Map<String, String>> queries = Map.of(
                "/analytics/sales-processes/" + PROCESS + "/stage-transitions", Map.of("asOf", AS_OF.toString()),
                "/analytics/sales-processes/" + PROCESS + "/stage-transitions?f", Map.of("asOf", AS_OF.toString(), "ownerId", "rep-1"),
                "/analytics/weighted-pipeline", Map.of("groupBy", "stage", "salesProcessId", PROCESS),
                "/analytics/weighted-pipeline?o", Map.of("groupBy", "owner"),
                "/analytics/weighted-pipeline?c", Map.of("groupBy", "closeMonth"),
                "/analytics/stage-counts", Map.of("salesProcessId", PROCESS));
        Map<String, String> answers = new java.util.TreeMap<>();
        queries.forEach((path, query) -> answers.put(path, given().auth().oauth2(ADMIN).queryParams(query)
                .get(path.replaceAll("\\?.*", "")).then().statusCode(200).extract().asString()));
        return answers;
    }

    static Response operator(int port, String action) {
        return given().baseUri("http://127.0.0.1").port(port).post(action).then().extract().response();
    }

    static java.sql.Connection database() throws java.sql.SQLException {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        return java.sql.DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres"),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    /** What retention does to the topic: every record so far deleted (Kafka Admin deleteRecords). */
    static void deleteEveryRecordOfTheTopic() throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", io.oppsuite.testsupport.SuiteInfra.get().broker().bootstrapServers()))) {
            var partitions = admin.describeTopics(List.of(Topics.OPPORTUNITY_EVENTS)).allTopicNames().get()
                    .get(Topics.OPPORTUNITY_EVENTS).partitions().stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(Topics.OPPORTUNITY_EVENTS, p.partition())).toList();
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
            partitions.forEach(p -> latest.put(p, org.apache.kafka.clients.admin.OffsetSpec.latest()));
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.RecordsToDelete> delete = new java.util.HashMap<>();
            admin.listOffsets(latest).all().get().forEach((p, offset) ->
                    delete.put(p, org.apache.kafka.clients.admin.RecordsToDelete.beforeOffset(offset.offset())));
            admin.deleteRecords(delete).all().get();
            // nothing left to read: a replay from the beginning finds an empty topic
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> earliest = new java.util.HashMap<>();
            partitions.forEach(p -> earliest.put(p, org.apache.kafka.clients.admin.OffsetSpec.earliest()));
            var start = admin.listOffsets(earliest).all().get();
            admin.listOffsets(latest).all().get().forEach((p, end) -> assertEquals(end.offset(), start.get(p).offset(), p.toString()));
        }
    }

    @Test
    @Order(4)
    void aTenantRebuildRecomputesFromTheStoredLogAndLosesNothingWhenTheTopicHasForgotten() throws Exception {
        // another tenant's deals: the admin's rebuild neither touches nor reports them
        String otherProcess = UUID.randomUUID().toString();
        SalesProcessFixtures.publish(OTHER_TENANT, SalesProcessFixtures.standard(otherProcess, 1));
        List<GeneratedEvent> others = new ArrayList<>();
        EventStreamGenerator otherGenerator = new EventStreamGenerator(77, otherProcess);
        for (int i = 0; i < 5; i++) {
            others.addAll(otherGenerator.opportunity());
        }
        try (EventPublisher publisher = new EventPublisher()) {
            publisher.publishAll(OTHER_TENANT, others);
        }
        String otherAdmin = Tokens.admin(OTHER_TENANT);
        String otherPath = "/analytics/sales-processes/" + otherProcess + "/stage-transitions";
        await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(otherAdmin).queryParam("asOf", AS_OF.toString())
                .get(otherPath).then().extract().jsonPath().getLong("stages[0].totalOpportunities") == 5);
        String otherBefore = given().auth().oauth2(otherAdmin).queryParam("asOf", AS_OF.toString()).get(otherPath).asString();
        awaitServedEqualsRecount();
        Map<String, String> before = servedAnswers();
        long deals = PUBLISHED.stream().map(e -> e.state().id()).distinct().count();

        // the topic forgets (retention): the stored log still holds everything
        deleteEveryRecordOfTheTopic();
        given().auth().oauth2(Tokens.issue(TENANT, "rep-1", "sales")).post("/analytics/admin/rebuild").then().statusCode(403);
        Response rebuilt = given().auth().oauth2(ADMIN).post("/analytics/admin/rebuild").then().statusCode(200).extract().response();
        assertEquals(TENANT, rebuilt.jsonPath().getString("tenantId"));
        assertEquals(deals, rebuilt.jsonPath().getLong("opportunities"), "this tenant's deals only: " + rebuilt.asString());
        assertEquals(1, rebuilt.jsonPath().getLong("salesProcesses"), rebuilt.asString());
        assertEquals(before, servedAnswers(), "the same numbers, in the same JSON, after the rebuild");
        awaitServedEqualsRecount();
        assertEquals(otherBefore, given().auth().oauth2(otherAdmin).queryParam("asOf", AS_OF.toString()).get(otherPath).asString());

        // two rebuilds of one tenant at once (here: another replica's, holding the tenant's rebuild lock): the second is a 409
        try (java.sql.Connection otherReplica = database(); java.sql.Statement lock = otherReplica.createStatement()) {
            lock.execute("select pg_advisory_lock(" + TenantRebuild.REBUILD_LOCK_CLASS + ", hashtext('" + TENANT + "'))");
            given().auth().oauth2(ADMIN).post("/analytics/admin/rebuild").then().statusCode(409)
                    .contentType(startsWith("application/problem+json"))
                    .body("type", org.hamcrest.Matchers.containsString("rebuild-running"));
            // another tenant's rebuild is not held back by it
            given().auth().oauth2(otherAdmin).post("/analytics/admin/rebuild").then().statusCode(200)
                    .body("tenantId", equalTo(OTHER_TENANT)).body("opportunities", equalTo(5));
        }
        // parallel requests: one runs at a time, the others are told so (409)
        List<java.util.concurrent.CompletableFuture<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> given().auth().oauth2(ADMIN).post("/analytics/admin/rebuild").then().extract().response()));
        }
        List<Response> responses = calls.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        assertTrue(responses.stream().anyMatch(r -> r.statusCode() == 200), () -> responses.stream().map(Response::asString).toList().toString());
        responses.forEach(r -> assertTrue(r.statusCode() == 200 || r.statusCode() == 409, r.asString()));

        // deals arriving while a rebuild runs wait for it: none is lost or counted twice
        var during = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> given().auth().oauth2(ADMIN).post("/analytics/admin/rebuild").then().extract().response());
        EventStreamGenerator generator = new EventStreamGenerator(4242, PROCESS);
        try (EventPublisher publisher = new EventPublisher()) {
            for (int i = 0; i < 20; i++) {
                List<GeneratedEvent> deal = generator.opportunity();
                publisher.publishAll(TENANT, deal);
                PUBLISHED.addAll(deal);
                SINCE_TOPIC_DELETION.addAll(deal);
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // pacing the load, not waiting for a result
            }
        }
        assertEquals(200, during.join().statusCode(), during.join().asString());
        awaitServedEqualsRecount();
    }

    @Test
    @Order(5)
    void theSuiteWideRebuildAndTheBootstrapFromTheTopicAreOperatorActionsOnTheirOwnPort() throws Exception {
        awaitServedEqualsRecount();
        Map<String, String> before = servedAnswers();
        // not part of the API: no token reaches a suite-wide action there
        given().auth().oauth2(ADMIN).post("/rebuild").then().statusCode(org.hamcrest.Matchers.oneOf(401, 403, 404, 405));
        int port = operator.port();
        assertTrue(port > 0 && port != io.restassured.RestAssured.port);
        Response all = operator(port, "/rebuild");
        assertEquals(200, all.statusCode(), all.asString());
        assertTrue(all.jsonPath().getLong("tenants") >= 2, all.asString());
        assertTrue(all.jsonPath().getLong("opportunities") > PUBLISHED.stream().map(e -> e.state().id()).distinct().count(),
                "suite-wide counts: " + all.asString());
        assertEquals(before, servedAnswers());

        // an empty analytics database for this tenant: bootstrapped from what the topic still holds
        List<GeneratedEvent> late = new EventStreamGenerator(555, PROCESS).opportunity();
        try (EventPublisher publisher = new EventPublisher()) {
            publisher.publishAll(TENANT, late);
        }
        PUBLISHED.addAll(late);
        SINCE_TOPIC_DELETION.addAll(late);
        awaitServedEqualsRecount();
        Map<String, String> withLate = servedAnswers();
        // the bootstrap only adds: what the log holds and the topic no longer does (deleted above) stays
        Response bootstrapped = operator(port, "/bootstrap-from-topics");
        assertEquals(200, bootstrapped.statusCode(), bootstrapped.asString());
        assertTrue(bootstrapped.jsonPath().getLong("eventsImported") >= late.size(), bootstrapped.asString());
        assertEquals(withLate, servedAnswers());
        try (java.sql.Connection db = database(); java.sql.Statement wipe = db.createStatement()) {
            wipe.execute("drop table if exists log_kept_by_the_test");
            wipe.execute("create table log_kept_by_the_test as select * from opportunity_event_log where tenant_id = '" + TENANT + "'");
            for (String table : List.of("opportunity_event_log", "stage_fact", "opportunity_snapshot", "stage_aggregate",
                    "process_aggregate")) {
                wipe.execute("delete from " + table + " where tenant_id = '" + TENANT + "'");
            }
        }
        operator(port, "/bootstrap-from-topics").then().statusCode(200);
        // the topic holds only what was published since its records were deleted: that is what a bootstrap recovers
        JsonNode recovered = liveReport(ADMIN, Map.of());
        assertEquals(List.of(), differences(recovered, new StageAnalysisRecount(SINCE_TOPIC_DELETION)
                .report(STAGES, Filter.NONE, Instant.parse(recovered.get("asOf").asText()))));
        assertTrue(recovered.get("stages").get(0).get("totalOpportunities").asLong()
                < PUBLISHED.stream().map(e -> e.state().id()).distinct().count());
        assertEquals(404, operator(port, "/nothing").statusCode());
        // back to the full history for the tests that follow: the log restored from the copy, the tenant rebuilt
        try (java.sql.Connection db = database(); java.sql.Statement restore = db.createStatement()) {
            restore.execute("insert into opportunity_event_log select * from log_kept_by_the_test on conflict do nothing");
            restore.execute("drop table log_kept_by_the_test");
        }
        given().auth().oauth2(ADMIN).post("/analytics/admin/rebuild").then().statusCode(200);
        assertEquals(withLate, servedAnswers());
    }

    @Test
    @Order(6)
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
    @Order(7)
    void salesRepsSeeTheirOwnDealsManagersTheirDepartment() {
        awaitServedEqualsRecount();
        StageAnalysisRecount recount = new StageAnalysisRecount(PUBLISHED);
        assertEquals(List.of(), differencesNowAndAsOf(Tokens.issue(TENANT, "rep-4", "sales"), Map.of(), recount,
                new Filter("rep-4", null, null, null, false)));
        assertEquals(List.of(), differencesNowAndAsOf(Tokens.inDepartment(TENANT, "mgr-1", "dep-east", "manager"), Map.of(), recount,
                new Filter(null, "dep-east", null, null, false)));
        // another owner narrows within the rep's scope: rep-1's deals on rep-4's sales teams (none here), not a 403
        JsonNode colleagues = get(Tokens.issue(TENANT, "rep-4", "sales"), "/analytics/sales-processes/" + PROCESS + "/stage-transitions",
                Map.of("ownerId", "rep-1"));
        colleagues.get("stages").forEach(s -> assertEquals(0, s.get("totalOpportunities").asLong(), s.toString()));
        JsonNode own = get(Tokens.issue(TENANT, "rep-4", "sales"), "/analytics/weighted-pipeline", Map.of("groupBy", "owner"));
        own.get("groups").forEach(g -> assertEquals("rep-4", g.get("key").asText()));
    }

    @Test
    @Order(8)
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
    @Order(9)
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
    @Order(10)
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

    @Test
    @Order(11)
    void theOpenApiSaysWhichFieldsAreNullWhen() {
        String openapi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        JsonNode stage;
        try {
            stage = JSON.readTree(openapi).at("/components/schemas/StageMetrics/properties");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        for (String field : List.of("averageTimeInStage", "transitioned", "retained", "lost", "lossRate", "lossReasons")) {
            assertTrue(stage.get(field).toString().contains("null for an outcome stage"), field + ": " + stage.get(field));
        }
        assertTrue(stage.get("averageTimeInStage").toString().contains("no deal entered the stage"), stage.get("averageTimeInStage").toString());
    }
}
