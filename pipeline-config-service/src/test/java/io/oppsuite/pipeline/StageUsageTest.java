package io.oppsuite.pipeline;

import io.oppsuite.common.events.InboxRetention;
import io.oppsuite.common.events.Topics;
import io.oppsuite.testsupport.CloudEvents;
import io.oppsuite.testsupport.SuiteInfra;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.ProducerRecord;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.oppsuite.pipeline.Api.admin;
import static io.oppsuite.pipeline.Api.process;
import static io.oppsuite.pipeline.Api.sales;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stage use is learnt from opportunity-events
 * (idempotently, newest opportunity version wins, poison to pipeline-config-service.dlq); a used
 * stage cannot be deleted and a stage with open opportunities cannot leave its process.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_pipeline_test"))
class StageUsageTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    /** Publishes an opportunity event as opportunity-service would; returns its event id. */
    static String publish(String tenant, String eventId, String type, String opportunityId, String processId, String stageKey,
                          String stageType, String status, long version, String fromKey) {
        Map<String, Object> opportunity = new LinkedHashMap<>();
        opportunity.put("id", opportunityId);
        opportunity.put("name", "Deal " + opportunityId);
        opportunity.put("ownerId", "rep-1");
        opportunity.put("amount", 1000);
        opportunity.put("salesProcessId", processId);
        opportunity.put("stageKey", stageKey);
        opportunity.put("stageType", stageType);
        opportunity.put("status", status);
        opportunity.put("version", version);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("opportunity", opportunity);
        data.put("by", "rep-1");
        if (fromKey != null) {
            data.put("from", Map.of("key", fromKey, "type", "IN_PROGRESS"));
            data.put("to", Map.of("key", stageKey, "type", stageType));
        }
        try {
            CloudEvents.publish(SuiteInfra.get().broker().bootstrapServers(), Topics.OPPORTUNITY_EVENTS, opportunityId, eventId, type, tenant,
                    io.oppsuite.testsupport.SalesProcessFixtures.JSON.writeValueAsString(data));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return eventId;
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    static void awaitUsage(String tenant, String stageId, int opportunities) {
        await().atMost(WAIT).untilAsserted(() -> sales(tenant).get("/stages/{id}/usage", stageId).then().statusCode(200)
                .body("opportunities", equalTo(opportunities)));
    }

    @Test
    void aStageUsedByOpportunitiesCannotBeDeletedNorRemovedWhileOpenDealsSitInIt() {
        String tenant = Api.newTenant("use");
        String discovery = Api.createStage(tenant, "discovery", "IN_PROGRESS");
        String processId = Api.createProcess(tenant, process("With discovery", "qualification", "discovery", "won", "lost", "invalid"))
                .then().statusCode(201).extract().path("id");
        String a = id();
        String b = id();
        String createdA = publish(tenant, id(), "opportunity.created", a, processId, "discovery", "IN_PROGRESS", "ACTIVE", 0, null);
        publish(tenant, createdA, "opportunity.created", a, processId, "discovery", "IN_PROGRESS", "ACTIVE", 0, null); // redelivery
        publish(tenant, id(), "opportunity.created", b, processId, "qualification", "IN_PROGRESS", "ACTIVE", 0, null);
        // a rejected creation still sits in its stage: it can be edited and resubmitted, so it must not be stranded
        publish(tenant, id(), "opportunity.stage-changed", b, processId, "discovery", "IN_PROGRESS", "REJECTED", 1, "qualification");
        awaitUsage(tenant, discovery, 2);

        admin(tenant).header("If-Match", Api.etag(tenant, "/stages/{id}", discovery)).delete("/stages/{id}", discovery).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://oppsuite.io/problems/stage-in-use")).body("opportunities", equalTo(2));
        admin(tenant).header("If-Match", Api.etag(tenant, "/sales-processes/{id}", processId)).body(process("With discovery", "qualification", "won", "lost", "invalid")).put("/sales-processes/{id}", processId)
                .then().statusCode(409).body("type", equalTo("https://oppsuite.io/problems/stage-has-open-opportunities"))
                .body("openOpportunities", equalTo(2)).body("stages.discovery", equalTo(2));
        admin(tenant).header("If-Match", Api.etag(tenant, "/sales-processes/{id}", processId)).delete("/sales-processes/{id}", processId).then().statusCode(409).body("openOpportunities", equalTo(2));
        admin(tenant).get("/sales-processes/{id}", processId).then().header("ETag", "\"0\"");

        // both deals leave the stage: it may leave the process, but it stays in the catalogue because deals have used it
        publish(tenant, id(), "opportunity.won", a, processId, "won", "WON", "WON", 1, null);
        publish(tenant, id(), "opportunity.closed", b, processId, "lost", "LOST", "LOST", 2, null);
        await().atMost(WAIT).until(() -> admin(tenant).header("If-Match", Api.etag(tenant, "/sales-processes/{id}", processId)).body(process("With discovery", "qualification", "won", "lost", "invalid"))
                .put("/sales-processes/{id}", processId).statusCode() == 200);
        admin(tenant).header("If-Match", Api.etag(tenant, "/stages/{id}", discovery)).delete("/stages/{id}", discovery).then().statusCode(409).body("opportunities", equalTo(2));

        // deleted opportunities release it; a stale replay of an older event afterwards changes nothing
        publish(tenant, id(), "opportunity.deleted", a, processId, "won", "WON", "WON", 2, null);
        publish(tenant, id(), "opportunity.deleted", b, processId, "lost", "LOST", "LOST", 3, null);
        awaitUsage(tenant, discovery, 0);
        publish(tenant, id(), "opportunity.created", a, processId, "discovery", "IN_PROGRESS", "ACTIVE", 0, null);
        // a marker on the same key (same partition, so consumed after the replay), in another tenant
        String marker = Api.newTenant("marker");
        String markerStage = Api.stageId(marker, "qualification");
        publish(marker, id(), "opportunity.created", a, id(), "qualification", "IN_PROGRESS", "ACTIVE", 0, null);
        awaitUsage(marker, markerStage, 1);
        sales(tenant).get("/stages/{id}/usage", discovery).then().body("opportunities", equalTo(0));

        admin(tenant).header("If-Match", Api.etag(tenant, "/stages/{id}", discovery)).delete("/stages/{id}", discovery).then().statusCode(204);
    }

    @Test
    void anOlderEventArrivingAfterANewerOneDoesNotMoveTheDealBack() {
        String tenant = Api.newTenant("order");
        String discovery = Api.createStage(tenant, "discovery", "IN_PROGRESS");
        String negotiation = Api.stageId(tenant, "negotiation");
        String processId = Api.createProcess(tenant, process("Ordered", "qualification", "discovery", "negotiation", "won", "lost", "invalid"))
                .then().statusCode(201).extract().path("id");
        String c = id();
        // one burst on one key: usually one poll, so the batch itself holds the versions out of order
        publish(tenant, id(), "opportunity.created", c, processId, "qualification", "IN_PROGRESS", "ACTIVE", 0, null);
        publish(tenant, id(), "opportunity.stage-changed", c, processId, "negotiation", "IN_PROGRESS", "ACTIVE", 2, "discovery");
        publish(tenant, id(), "opportunity.stage-changed", c, processId, "discovery", "IN_PROGRESS", "ACTIVE", 1, "qualification");
        awaitUsage(tenant, discovery, 1);
        awaitUsage(tenant, negotiation, 1);

        // the deal sits in negotiation (version 2), not in discovery (the late version 1)
        admin(tenant).header("If-Match", Api.etag(tenant, "/sales-processes/{id}", processId))
                .body(process("Ordered", "qualification", "negotiation", "won", "lost", "invalid"))
                .put("/sales-processes/{id}", processId).then().statusCode(200);
        admin(tenant).body(process("Ordered", "qualification", "won", "lost", "invalid")).header("If-Match", "\"1\"")
                .put("/sales-processes/{id}", processId).then().statusCode(409)
                .body("type", equalTo("https://oppsuite.io/problems/stage-has-open-opportunities")).body("stages.negotiation", equalTo(1));
    }

    @Inject
    InboxRetention inboxRetention;

    @Inject
    Pool pool;

    @Test
    void processedEventIdsAreForgottenOnlyAfterTheRetention() {
        String tenant = Api.newTenant("retention");
        String discovery = Api.createStage(tenant, "discovery", "IN_PROGRESS");
        String processId = Api.createProcess(tenant, process("Retained", "qualification", "discovery", "won", "lost", "invalid"))
                .then().statusCode(201).extract().path("id");
        String old = publish(tenant, id(), "opportunity.created", id(), processId, "discovery", "IN_PROGRESS", "ACTIVE", 0, null);
        String recent = publish(tenant, id(), "opportunity.created", id(), processId, "discovery", "IN_PROGRESS", "ACTIVE", 0, null);
        awaitUsage(tenant, discovery, 2);
        // the first id was processed 15 days ago: past the 14-day retention
        pool.preparedQuery("update processed_event set processed_at = now() - interval '15 days' where event_id = $1")
                .execute(Tuple.of(old)).await().indefinitely();

        assertTrue(inboxRetention.purge().await().indefinitely() >= 1);

        assertEquals(0L, processed(old), "an id past the retention is forgotten");
        assertEquals(1L, processed(recent), "an id within the retention still guards against a redelivery");
        awaitUsage(tenant, discovery, 2);
    }

    private long processed(String eventId) {
        return pool.preparedQuery("select count(*) from processed_event where event_id = $1").execute(Tuple.of(eventId))
                .await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void usageIsPerTenant() {
        String tenant = Api.newTenant("use");
        String other = Api.newTenant("use");
        String negotiation = Api.stageId(tenant, "negotiation");
        String otherNegotiation = Api.stageId(other, "negotiation");
        publish(other, id(), "opportunity.created", id(), id(), "negotiation", "IN_PROGRESS", "ACTIVE", 0, null);
        awaitUsage(other, otherNegotiation, 1);
        sales(tenant).get("/stages/{id}/usage", negotiation).then().body("opportunities", equalTo(0));
    }

    @Test
    void poisonMessagesGoToTheDeadLetterTopicAndConsumptionGoesOn() {
        String tenant = Api.newTenant("poison");
        // the dead-letter topic appears with the first dead letter; probe it only once it exists
        SuiteInfra.get().broker().createTopics(List.of(Topics.deadLetter("pipeline-config-service")), List.of());
        String notJson = "poison-" + id();
        CloudEvents.publishRaw(SuiteInfra.get().broker().bootstrapServers(),
                new ProducerRecord<>(Topics.OPPORTUNITY_EVENTS, notJson, "{not json"), id(), "opportunity.created", tenant);
        String noOpportunity = "poison-" + id();
        CloudEvents.publish(SuiteInfra.get().broker().bootstrapServers(), Topics.OPPORTUNITY_EVENTS, noOpportunity, id(),
                "opportunity.created", tenant, "{\"by\": \"rep-1\"}");
        TopicProbe.await(Topics.deadLetter("pipeline-config-service"), TopicProbe.key(notJson), 1, WAIT);
        TopicProbe.await(Topics.deadLetter("pipeline-config-service"), TopicProbe.key(noOpportunity), 1, WAIT);

        String proposal = Api.stageId(tenant, "proposal");
        publish(tenant, id(), "opportunity.created", id(), id(), "proposal", "IN_PROGRESS", "ACTIVE", 0, null);
        awaitUsage(tenant, proposal, 1);
    }
}
