package io.oppsuite.opportunity;

import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.contracts.SalesProcessSnapshot.Stage;
import io.oppsuite.testsupport.CloudEvents;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.oppsuite.opportunity.Api.as;
import static io.oppsuite.opportunity.Api.createId;
import static io.oppsuite.opportunity.Api.etag;
import static io.oppsuite.opportunity.Api.json;
import static io.oppsuite.opportunity.Api.opportunity;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No deal is stranded by a process change, whatever the interleaving. 50 rounds: a stage's removal
 * from its process (pipeline-config-service saves the new version, so a read-through sees it at once,
 * and publishes it on pipeline-config-events) races a move into that stage. Either the move is refused
 * (it saw the new version) or it lands and the stage then leaves the process under the deal. Every deal
 * so stranded stays readable, its stage-changed into the stage went out (what pipeline-config-service's
 * stage usage and analytics count it from), and it moves out to a stage of the current version: the
 * skip rule is waived for that move and the waiver recorded, the target's rules are kept.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_opportunity_test"))
@QuarkusTestResource(HoldingStub.class)
class StrandedStageRaceTest {

    static final String TENANT = "stranded";
    static final String rep = Tokens.issue(TENANT, "rep-s", "sales");
    static final int ROUNDS = 50;

    /** The standard process without "proposal": the version that removes the stage. */
    static SalesProcessSnapshot withoutProposal(SalesProcessSnapshot v1) {
        List<Stage> stages = v1.stages().stream().filter(s -> !s.key().equals("proposal")).toList();
        return new SalesProcessSnapshot(v1.id(), v1.name(), v1.version() + 1, stages);
    }

    /** pipeline-config-service's save: stored (read through by the next request) and published. */
    static void save(SalesProcessSnapshot process) {
        PipelineConfigStub.save(TENANT, process);
        SalesProcessFixtures.publish(TENANT, process);
    }

    record Round(String dealId, int moveStatus, String moveType) {
    }

    @Test
    void aStageRemovalRacingAMoveIntoItNeverStrandsTheDeal() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Round> rounds = new ArrayList<>();
        try {
            for (int i = 0; i < ROUNDS; i++) {
                SalesProcessSnapshot v1 = SalesProcessFixtures.standard(UUID.randomUUID().toString(), 1);
                save(v1);
                String id = createId(rep, opportunity("Race " + i, v1.id()));
                String ifMatch = etag(rep, id);
                // the removal starts a little later round by round, so the rounds cover both orders
                long removalDelayMillis = (i % 10) * 15L;
                CyclicBarrier start = new CyclicBarrier(2);
                CompletableFuture<Void> removal = CompletableFuture.runAsync(() -> {
                    await(start);
                    sleep(removalDelayMillis);
                    save(withoutProposal(v1));
                }, pool);
                CompletableFuture<Response> move = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return as(rep).header("If-Match", ifMatch).body(Map.of("toStage", "proposal"))
                            .post("/opportunities/{id}/stage-transitions", id);
                }, pool);
                removal.get(30, TimeUnit.SECONDS);
                Response moved = move.get(30, TimeUnit.SECONDS);
                rounds.add(new Round(id, moved.statusCode(), moved.statusCode() == 200 ? null : moved.path("type")));
            }
        } finally {
            pool.shutdownNow();
        }

        // the move either landed (200) or saw the stage gone (422 naming target-in-process); nothing else
        for (Round r : rounds) {
            assertTrue(r.moveStatus() == 200 || r.moveStatus() == 422 && "https://oppsuite.io/problems/stage-transition-refused".equals(r.moveType()),
                    "round of " + r.dealId() + " answered " + r.moveStatus() + " " + r.moveType());
        }
        List<String> stranded = rounds.stream().filter(r -> r.moveStatus() == 200).map(Round::dealId).toList();
        assertTrue(!stranded.isEmpty(), "no move landed before its stage left the process in " + ROUNDS + " rounds: nothing was tested");
        System.out.printf("StrandedStageRaceTest: %d of %d moves landed in the stage as it left the process, %d saw it gone%n",
                stranded.size(), ROUNDS, ROUNDS - stranded.size());

        for (String id : stranded) {
            // readable, in the stage its process no longer has
            as(rep).get("/opportunities/{id}", id).then().statusCode(200).body("stageKey", equalTo("proposal"))
                    .body("status", equalTo("ACTIVE"));
            // its move into the stage went out: stage usage and analytics count the deal there from it
            List<ConsumerRecord<String, String>> events = Api.events(id, 2);
            assertTrue(events.stream().anyMatch(e -> "opportunity.stage-changed".equals(CloudEvents.header(e, "ce_type"))
                    && "proposal".equals(json(e.value()).at("/to/key").asText())), "stage-changed into proposal for " + id);
            // out to Won of the current version: from proposal that skips negotiation, which forbids it; waived here
            as(rep).get("/opportunities/{id}/stage-readiness?to=won", id).then().statusCode(200).body("ready", equalTo(true));
            as(rep).header("If-Match", etag(rep, id)).body(Map.of("toStage", "won")).post("/opportunities/{id}/stage-transitions", id)
                    .then().statusCode(200).body("stageKey", equalTo("won")).body("status", equalTo("WON"));
            // the waiver is recorded in the stage history
            as(rep).get("/opportunities/{id}/stage-history", id).then().statusCode(200)
                    .body("[2].fromStage", equalTo("proposal")).body("[2].toStage", equalTo("won"))
                    .body("[2].waivedRules.name", equalTo(List.of("stage-left-process")));
        }

        // no deal is left in a stage its process no longer has
        Set<String> current = Set.of("qualification", "negotiation", "won", "lost", "invalid");
        Map<String, String> stages = rounds.stream().collect(Collectors.toMap(Round::dealId,
                r -> as(rep).get("/opportunities/{id}", r.dealId()).then().statusCode(200).extract().<String>path("stageKey")));
        assertEquals(Map.of(), stages.entrySet().stream().filter(e -> !current.contains(e.getValue()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
