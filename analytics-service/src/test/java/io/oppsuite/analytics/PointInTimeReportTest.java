package io.oppsuite.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.analytics.support.EventPublisher;
import io.oppsuite.analytics.support.GeneratedEvent;
import io.oppsuite.common.contracts.OpportunityEvents;
import io.oppsuite.common.contracts.PipelineConfigEvents;
import io.oppsuite.common.events.Topics;
import io.oppsuite.testsupport.CloudEvents;
import io.oppsuite.testsupport.SuiteInfra;
import io.oppsuite.common.contracts.OpportunityState;
import io.oppsuite.common.contracts.StageType;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A report as of an instant is what the report said at that instant: reports are taken live (now)
 * after each step of a deal history, then asked again later with {@code asOf} = each of those instants,
 * unfiltered and filtered, and must be the same JSON. Before the first event the report is empty.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_analytics_test"))
class PointInTimeReportTest {

    final String tenant = "t-" + UUID.randomUUID();
    final String process = UUID.randomUUID().toString();
    final String admin = Tokens.admin(tenant);
    final Map<String, OpportunityState> deals = new HashMap<>();
    final Map<String, String> owners = new HashMap<>();

    OpportunityState state(String id, long version, String stage, StageType type, Instant entered, Instant created, int amount, int winRate) {
        String owner = owners.computeIfAbsent(id, k -> owners.size() % 2 == 0 ? "rep-1" : "rep-2");
        return new OpportunityState(id, "Deal " + id, "acc", "Initech", owner, "dep-1", BigDecimal.valueOf(amount), "EUR",
                BigDecimal.valueOf(winRate), LocalDate.parse("2026-12-31"), process, stage, type,
                type == StageType.IN_PROGRESS ? "ACTIVE" : type.name(), entered, created, version);
    }

    List<GeneratedEvent> create(String id, int amount) {
        Instant now = Instant.now();
        OpportunityState s = state(id, 1, "qualification", StageType.IN_PROGRESS, now, now, amount, 10);
        deals.put(id, s);
        return List.of(new GeneratedEvent(UUID.randomUUID().toString(), OpportunityEvents.CREATED, s, null, null, null, now, null));
    }

    List<GeneratedEvent> move(String id, String stage, StageType type, int winRate, String reason) {
        Instant now = Instant.now();
        OpportunityState before = deals.get(id);
        OpportunityState s = state(id, before.version() + 1, stage, type, now, before.createdAt(), before.amount().intValue(), winRate);
        deals.put(id, s);
        List<GeneratedEvent> events = new ArrayList<>(List.of(new GeneratedEvent(UUID.randomUUID().toString(),
                OpportunityEvents.STAGE_CHANGED, s, before.stageKey(), before.stageType(), now, now, null)));
        if (type.isLoss()) {
            events.add(new GeneratedEvent(UUID.randomUUID().toString(), OpportunityEvents.CLOSED, s, null, null, null, now, reason));
        } else if (type == StageType.WON) {
            events.add(new GeneratedEvent(UUID.randomUUID().toString(), OpportunityEvents.WON, s, null, null, null, now, null));
        }
        return events;
    }

    List<GeneratedEvent> delete(String id) {
        Instant now = Instant.now();
        OpportunityState before = deals.get(id);
        OpportunityState s = state(id, before.version() + 1, before.stageKey(), before.stageType(), before.stageEnteredAt(),
                before.createdAt(), before.amount().intValue(), before.winRate().intValue());
        return List.of(new GeneratedEvent(UUID.randomUUID().toString(), OpportunityEvents.DELETED, s, null, null, null, now, null));
    }

    JsonNode report(Map<String, String> query) {
        return StageTransitionAnalysisTest.get(admin, "/analytics/sales-processes/" + process + "/stage-transitions", query);
    }

    static long total(JsonNode report, int stage) {
        return report.get("stages").get(stage).get("totalOpportunities").asLong();
    }

    /** Publishes a step, waits until the live report shows it, and takes the live reports (unfiltered and rep-1's). */
    List<JsonNode> step(List<GeneratedEvent> events, Predicate<JsonNode> visible) throws InterruptedException {
        try (EventPublisher publisher = new EventPublisher()) {
            publisher.publishAll(tenant, events);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> visible.test(report(Map.of())));
        List<JsonNode> live = List.of(report(Map.of()), report(Map.of("ownerId", "rep-1")));
        Thread.sleep(1_100); // the next step a second later: open stays must have grown in between
        return live;
    }

    @Test
    void aStageThatLeftTheProcessIsReportedUnderItsCatalogueLabel() throws Exception {
        // the catalogue stage, as pipeline-config-service publishes it; the process (its current version) no longer has it
        CloudEvents.publish(SuiteInfra.get().broker().bootstrapServers(), Topics.PIPELINE_CONFIG_EVENTS, "stage-discovery-" + tenant,
                UUID.randomUUID().toString(), PipelineConfigEvents.STAGE_UPSERTED, tenant, SalesProcessFixtures.JSON.writeValueAsString(
                        new PipelineConfigEvents.StageDefinition("stage-discovery-" + tenant, "discovery", "Discovery call",
                                StageType.IN_PROGRESS, 20)));
        SalesProcessFixtures.publish(tenant, SalesProcessFixtures.standard(process, 2));
        List<GeneratedEvent> events = new ArrayList<>(create("x", 1000));
        // a move into discovery raced its removal from the process
        events.addAll(move("x", "discovery", StageType.IN_PROGRESS, 20, null));
        try (EventPublisher publisher = new EventPublisher()) {
            publisher.publishAll(tenant, events);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode stages = report(Map.of()).get("stages");
            JsonNode last = stages.get(stages.size() - 1);
            return "discovery".equals(last.get("key").asText()) && "Discovery call".equals(last.get("label").asText());
        });
        JsonNode stages = report(Map.of()).get("stages");
        JsonNode discovery = stages.get(stages.size() - 1);
        assertTrue(discovery.get("type").isNull(), discovery.toString());
        assertEquals(1, discovery.get("retained").asLong(), discovery.toString());
        JsonNode counts = SalesProcessFixtures.JSON.readTree(given().auth().oauth2(admin)
                .get("/analytics/stage-counts?salesProcessId=" + process).then().statusCode(200).extract().asString());
        JsonNode counted = counts.get(counts.size() - 1);
        assertEquals("Discovery call", counted.get("label").asText(), counts.toString());
        assertEquals(1, counted.get("count").asLong(), counts.toString());
    }

    @Test
    void theReportAsOfEachInstantIsWhatItSaidThenAndBeforeTheFirstEventItIsEmpty() throws Exception {
        SalesProcessFixtures.publish(tenant, SalesProcessFixtures.standard(process, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(admin)
                .get("/analytics/sales-processes/" + process + "/stage-transitions").statusCode() == 200);
        Instant beforeFirst = Instant.now();
        Thread.sleep(50);
        List<List<JsonNode>> live = new ArrayList<>();
        List<GeneratedEvent> step1 = new ArrayList<>();
        step1.addAll(create("a", 1000));
        step1.addAll(create("b", 2000));
        step1.addAll(create("c", 3000));
        live.add(step(step1, r -> total(r, 0) == 3));

        List<GeneratedEvent> step2 = new ArrayList<>();
        step2.addAll(move("a", "proposal", StageType.IN_PROGRESS, 40, null));
        step2.addAll(move("b", "lost", StageType.LOST, 0, "budget"));
        live.add(step(step2, r -> total(r, 1) == 1 && total(r, 4) == 1));

        List<GeneratedEvent> step3 = new ArrayList<>();
        step3.addAll(move("a", "won", StageType.WON, 100, null));
        step3.addAll(move("c", "proposal", StageType.IN_PROGRESS, 40, null));
        step3.addAll(create("d", 500));
        live.add(step(step3, r -> total(r, 3) == 1 && total(r, 1) == 2 && total(r, 0) == 4));

        List<GeneratedEvent> step4 = new ArrayList<>();
        step4.addAll(move("c", "qualification", StageType.IN_PROGRESS, 10, null));
        step4.addAll(move("d", "invalid", StageType.INVALID, 0, "duplicate"));
        step4.addAll(delete("b"));
        live.add(step(step4, r -> total(r, 5) == 1 && total(r, 4) == 0
                && r.get("stages").get(0).get("retained").asLong() == 1));

        for (List<JsonNode> atThen : live) {
            String instant = atThen.get(0).get("asOf").asText();
            assertEquals(atThen.get(0), report(Map.of("asOf", instant)), "unfiltered as of " + instant);
            String filteredInstant = atThen.get(1).get("asOf").asText();
            assertEquals(atThen.get(1), report(Map.of("asOf", filteredInstant, "ownerId", "rep-1")), "rep-1's as of " + filteredInstant);
            for (JsonNode stage : atThen.get(0).get("stages")) {
                JsonNode average = stage.get("averageTimeInStage");
                assertTrue(average.isNull() || average.get("seconds").asLong() >= 0, stage.toString());
            }
        }
        // the history moved on in between: the instants differ
        assertTrue(!live.get(1).get(0).equals(live.get(2).get(0)));
        JsonNode lostThen = live.get(1).get(0).get("stages").get(0);
        assertEquals(1, lostThen.get("lost").asLong(), "b was lost from qualification then, deleted since");
        assertEquals("budget", lostThen.get("lossReasons").get(0).get("reason").asText());

        JsonNode empty = report(Map.of("asOf", beforeFirst.toString()));
        for (JsonNode stage : empty.get("stages")) {
            assertEquals(0, stage.get("totalOpportunities").asLong(), stage.toString());
            assertEquals("0.00", stage.get("totalAmount").asText(), stage.toString());
            assertTrue(stage.get("averageTimeInStage").isNull(), stage.toString());
        }
        assertEquals(0, empty.get("wonCount").asLong());
        assertTrue(empty.get("salesCycle").isNull());
        given().auth().oauth2(admin).queryParam("asOf", Instant.now().plusSeconds(3600).toString())
                .get("/analytics/sales-processes/" + process + "/stage-transitions").then().statusCode(400);
    }
}
