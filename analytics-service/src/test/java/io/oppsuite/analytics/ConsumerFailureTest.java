package io.oppsuite.analytics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.oppsuite.common.contracts.PipelineConfigEvents;
import io.oppsuite.common.contracts.StageType;
import io.oppsuite.common.events.InboxConfig;
import io.oppsuite.common.events.Topics;
import io.oppsuite.testsupport.CloudEvents;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.SuiteInfra;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A handler failure that comes back every time does not stall its partition (real broker, real
 * PostgreSQL): a failure judged transient (here a serialization failure raised on every attempt)
 * is retried {@code suite.inbox.max-retries} times with backoff, a unique violation not at all; then
 * the event is on analytics-service.dlq, counted in {@code inbox_failures_total}, and the next event
 * with the same key (so the same partition) is applied. The failures are real PostgreSQL errors, raised
 * by a trigger on the projection's table for marked labels.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_analytics_test"))
class ConsumerFailureTest {

    static final String CONSUMER = "analytics-service.pipeline-config";

    @Inject
    MeterRegistry registry;

    @Inject
    InboxConfig inbox;

    final String tenant = "t-" + UUID.randomUUID();

    @BeforeEach
    void failMarkedLabels() throws Exception {
        try (Connection db = StageTransitionAnalysisTest.database(); Statement sql = db.createStatement()) {
            sql.execute("""
                    create or replace function test_fail_marked_stage() returns trigger language plpgsql as $$
                    begin
                        if new.label like 'fail-race-%' then
                            raise exception 'marked to lose every race' using errcode = 'serialization_failure';
                        elsif new.label like 'fail-unique-%' then
                            raise exception 'marked as a duplicate' using errcode = 'unique_violation';
                        end if;
                        return new;
                    end $$""");
            sql.execute("drop trigger if exists test_fail_marked_stage on stage_catalogue");
            sql.execute("create trigger test_fail_marked_stage before insert or update on stage_catalogue "
                    + "for each row execute function test_fail_marked_stage()");
        }
    }

    @AfterEach
    void dropTrigger() throws Exception {
        try (Connection db = StageTransitionAnalysisTest.database(); Statement sql = db.createStatement()) {
            sql.execute("drop trigger if exists test_fail_marked_stage on stage_catalogue");
            sql.execute("drop function if exists test_fail_marked_stage()");
        }
    }

    @Test
    void aFailureThatKeepsComingBackIsRetriedABoundedNumberOfTimesThenDeadLetteredAndThePartitionMovesOn() throws Exception {
        String stageId = "stage-" + UUID.randomUUID();
        double retriedBefore = count("retried");
        double deadBefore = count("dead-lettered");

        publishStage(stageId, "fail-race-" + stageId);
        awaitDeadLetter(stageId);
        assertEquals(inbox.maxRetries(), count("retried") - retriedBefore, 0.0, "each retry counted, no more than max-retries");
        assertEquals(1, count("dead-lettered") - deadBefore, 0.0);

        // the partition moved on: the next event on the same key is applied
        publishStage(stageId, "Discovery call");
        await().atMost(Duration.ofSeconds(30)).until(() -> "Discovery call".equals(label(stageId)));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("inbox_failures_total{") && l.contains("consumer=\"" + CONSUMER + "\"")
                && l.contains("outcome=\"dead-lettered\"")), "inbox_failures_total is exposed");
    }

    @Test
    void aUniqueViolationIsDeadLetteredWithoutRetries() throws Exception {
        String stageId = "stage-" + UUID.randomUUID();
        double retriedBefore = count("retried");
        double deadBefore = count("dead-lettered");

        publishStage(stageId, "fail-unique-" + stageId);
        awaitDeadLetter(stageId);
        assertEquals(0, count("retried") - retriedBefore, 0.0, "deterministic: never retried");
        assertEquals(1, count("dead-lettered") - deadBefore, 0.0);

        publishStage(stageId, "Proposal");
        await().atMost(Duration.ofSeconds(30)).until(() -> "Proposal".equals(label(stageId)));
    }

    void publishStage(String stageId, String label) throws Exception {
        CloudEvents.publish(SuiteInfra.get().broker().bootstrapServers(), Topics.PIPELINE_CONFIG_EVENTS, stageId,
                UUID.randomUUID().toString(), PipelineConfigEvents.STAGE_UPSERTED, tenant, SalesProcessFixtures.JSON.writeValueAsString(
                        new PipelineConfigEvents.StageDefinition(stageId, "discovery", label, StageType.IN_PROGRESS, 20)));
    }

    static void awaitDeadLetter(String key) {
        // the dead-letter topic comes into being with its first record: probe until it exists and holds ours
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> !TopicProbe.await(
                Topics.deadLetter("analytics-service"), TopicProbe.key(key), 1, Duration.ofSeconds(5)).isEmpty());
    }

    double count(String outcome) {
        Counter counter = registry.find("inbox.failures").tags("consumer", CONSUMER, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    String label(String stageId) throws Exception {
        try (Connection db = StageTransitionAnalysisTest.database();
             PreparedStatement query = db.prepareStatement("select label from stage_catalogue where tenant_id = ? and stage_id = ?")) {
            query.setString(1, tenant);
            query.setString(2, stageId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
