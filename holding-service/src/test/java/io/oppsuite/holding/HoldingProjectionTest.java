package io.oppsuite.holding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.events.Topics;
import io.oppsuite.testsupport.CloudEvents;
import io.oppsuite.testsupport.SuiteInfra;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.oppsuite.holding.HoldingApi.activeOpportunity;
import static io.oppsuite.holding.HoldingApi.newTenant;
import static io.oppsuite.holding.HoldingApi.reserve;
import static io.oppsuite.holding.HoldingApi.rule;
import static io.oppsuite.holding.HoldingApi.usage;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/** Holdings kept from opportunity-events (real broker): latest version wins, idempotent, poison to the DLQ. */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_holding_test"))
class HoldingProjectionTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static String publish(String tenant, String type, Map<String, Object> opportunity, Map<String, Object> extra) {
        String id = UUID.randomUUID().toString();
        publishWithId(tenant, id, type, opportunity, extra);
        return id;
    }

    static void publishWithId(String tenant, String eventId, String type, Map<String, Object> opportunity, Map<String, Object> extra) {
        Map<String, Object> data = new java.util.HashMap<>(extra);
        data.put("opportunity", opportunity);
        try {
            CloudEvents.publish(SuiteInfra.get().broker().bootstrapServers(), Topics.OPPORTUNITY_EVENTS, (String) opportunity.get("id"),
                    eventId, type, tenant, MAPPER.writeValueAsString(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void awaitHeld(String tenant, String path, int held) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> usage(tenant, path).then().statusCode(200).body("held", equalTo(held)));
    }

    @Test
    void holdingsFollowTheOpportunitysEventsByVersion() {
        String tenant = newTenant();
        HoldingApi.staff(tenant, "d-1", "rep-1", "rep-2", "rep-3");
        String oppId = UUID.randomUUID().toString();
        Map<String, Object> v0 = activeOpportunity(oppId, "rep-1", "d-1", 0);
        publish(tenant, "opportunity.created", v0, Map.of("by", "rep-1"));
        awaitHeld(tenant, "employees/rep-1", 1);

        Map<String, Object> v1 = activeOpportunity(oppId, "rep-2", "d-1", 1);
        publish(tenant, "opportunity.owner-changed", v1, Map.of("previousOwnerId", "rep-1", "by", "admin-1"));
        awaitHeld(tenant, "employees/rep-2", 1);
        usage(tenant, "employees/rep-1").then().body("held", equalTo(0));

        // an older event delivered late changes nothing
        publish(tenant, "opportunity.updated", activeOpportunity(oppId, "rep-1", "d-1", 0), Map.of());
        Map<String, Object> v2 = activeOpportunity(oppId, "rep-2", "d-1", 2);
        v2.put("status", "LOST");
        v2.put("stageType", "LOST");
        String closedEvent = publish(tenant, "opportunity.closed", v2, Map.of("reason", "price"));
        awaitHeld(tenant, "employees/rep-2", 0);
        usage(tenant, "employees/rep-1").then().body("held", equalTo(0));

        // the same event id again is ignored even though the state would count
        Map<String, Object> reopened = activeOpportunity(oppId, "rep-2", "d-1", 3);
        publishWithId(tenant, closedEvent, "opportunity.updated", reopened, Map.of());
        String marker = UUID.randomUUID().toString();
        publish(tenant, "opportunity.created", activeOpportunity(marker, "rep-3", "d-1", 0), Map.of());
        awaitHeld(tenant, "employees/rep-3", 1);
        usage(tenant, "employees/rep-2").then().body("held", equalTo(0));
    }

    @Test
    void aDeletedOpportunityStopsCountingAndStaysDeleted() {
        String tenant = newTenant();
        HoldingApi.staff(tenant, null, "rep-1");
        String oppId = UUID.randomUUID().toString();
        publish(tenant, "opportunity.created", activeOpportunity(oppId, "rep-1", null, 0), Map.of());
        awaitHeld(tenant, "employees/rep-1", 1);
        publish(tenant, "opportunity.deleted", activeOpportunity(oppId, "rep-1", null, 4), Map.of());
        awaitHeld(tenant, "employees/rep-1", 0);
        publish(tenant, "opportunity.stage-changed", activeOpportunity(oppId, "rep-1", null, 3), Map.of());
        String marker = UUID.randomUUID().toString();
        publish(tenant, "opportunity.created", activeOpportunity(marker, "rep-1", null, 0), Map.of());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> usage(tenant, "employees/rep-1").then()
                .body("opportunityIds", contains(marker)));
    }

    @Test
    void aConfirmedReservationGivesWayToTheProjectedHoldingWithoutCountingTwice() {
        String tenant = newTenant();
        rule(tenant, Map.of("name", "Two each", "scope", "EMPLOYEES", "limit", 2));
        Map<String, Object> first = activeOpportunity(UUID.randomUUID().toString(), "rep-1", null, 0);
        String reservation = reserve(tenant, "rep-1", null, first).then().statusCode(201).extract().path("reservationId");
        given().auth().oauth2(HoldingApi.sales(tenant, "rep-1")).post("/holdings/reservations/{id}/confirm", reservation)
                .then().statusCode(204);
        publish(tenant, "opportunity.created", first, Map.of());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(HoldingApi.sales(tenant, "rep-1"))
                .get("/holdings/reservations/{id}", reservation).then().statusCode(200).body("status", equalTo("SETTLED")));
        given().auth().oauth2(HoldingApi.sales(tenant, "rep-1")).delete("/holdings/reservations/{id}", reservation).then().statusCode(204);
        // settled by the event: releasing it late does not free the place the holding now takes
        usage(tenant, "employees/rep-1").then().body("held", equalTo(1)).body("headroom", equalTo(1));
        reserve(tenant, "rep-1", null, activeOpportunity(UUID.randomUUID().toString(), "rep-1", null, 0)).then().statusCode(201);
        reserve(tenant, "rep-1", null, activeOpportunity(UUID.randomUUID().toString(), "rep-1", null, 0)).then().statusCode(409)
                .body("current", equalTo(2));
        // an update of an opportunity already held is no new holding
        reserve(tenant, "rep-1", null, first).then().statusCode(201);
    }

    /**
     * opportunity-service returns a deal to an opportunity pool as owner-changed with a null owner
     * (the pool in the state): the former owner stops holding it, and so does its department (no
     * directory here, so the department counts by the deal's own department), replays change nothing,
     * and a claimant's reservation made at an older version is settled even when the event naming
     * the claimant never arrives.
     */
    @Test
    void aDealReturnedToAPoolCountsForNobody() {
        String tenant = newTenant();
        HoldingApi.staff(tenant, "d-1", "rep-1", "rep-2");
        rule(tenant, Map.of("name", "One each", "scope", "EMPLOYEES", "limit", 1));
        String oppId = UUID.randomUUID().toString();
        publish(tenant, "opportunity.created", activeOpportunity(oppId, "rep-1", "d-1", 0), Map.of());
        awaitHeld(tenant, "employees/rep-1", 1);
        usage(tenant, "departments/d-1").then().body("held", equalTo(1));
        reserve(tenant, "rep-1", "d-1", activeOpportunity(UUID.randomUUID().toString(), "rep-1", "d-1", 0)).then().statusCode(409);

        Map<String, Object> pooled = activeOpportunity(oppId, null, "d-1", 1);
        pooled.put("poolId", "pool-1");
        String returned = publish(tenant, "opportunity.owner-changed", pooled,
                Map.of("previousOwnerId", "rep-1", "previousDepartmentId", "d-1", "by", "rep-1", "reason", "no budget"));
        awaitHeld(tenant, "employees/rep-1", 0);
        usage(tenant, "departments/d-1").then().body("held", equalTo(0));

        // the same event again, the same state under a new id, and the older owned state late: still nobody's
        publishWithId(tenant, returned, "opportunity.owner-changed", pooled, Map.of());
        publish(tenant, "opportunity.owner-changed", pooled, Map.of("previousOwnerId", "rep-1"));
        publish(tenant, "opportunity.created", activeOpportunity(oppId, "rep-1", "d-1", 0), Map.of());
        // a marker on the same key (so the same partition): once it is in, so are the replays before it
        Map<String, Object> marker = activeOpportunity(UUID.randomUUID().toString(), "rep-9", null, 0);
        try {
            CloudEvents.publish(SuiteInfra.get().broker().bootstrapServers(), Topics.OPPORTUNITY_EVENTS, oppId,
                    UUID.randomUUID().toString(), "opportunity.created", tenant, MAPPER.writeValueAsString(Map.of("opportunity", marker)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        awaitHeld(tenant, "employees/rep-9", 1);
        usage(tenant, "employees/rep-1").then().body("held", equalTo(0)).body("headroom", equalTo(1));
        usage(tenant, "departments/d-1").then().body("held", equalTo(0));

        // rep-2 claims it at version 1 (reserved and confirmed), then it goes back to the pool at version 3;
        // the version-2 event naming rep-2 is lost: the claim's reservation must not count for ever
        Map<String, Object> claimed = activeOpportunity(oppId, "rep-2", "d-1", 1);
        String claim = reserve(tenant, "rep-2", "d-1", claimed).then().statusCode(201).extract().path("reservationId");
        given().auth().oauth2(HoldingApi.sales(tenant, "rep-2")).post("/holdings/reservations/{id}/confirm", claim).then().statusCode(204);
        usage(tenant, "employees/rep-2").then().body("held", equalTo(1));
        Map<String, Object> pooledAgain = activeOpportunity(oppId, null, "d-1", 3);
        pooledAgain.put("poolId", "pool-1");
        publish(tenant, "opportunity.owner-changed", pooledAgain, Map.of("previousOwnerId", "rep-2"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(HoldingApi.sales(tenant, "rep-2"))
                .get("/holdings/reservations/{id}", claim).then().statusCode(200).body("status", equalTo("SETTLED")));
        usage(tenant, "employees/rep-2").then().body("held", equalTo(0));
        reserve(tenant, "rep-1", "d-1", activeOpportunity(UUID.randomUUID().toString(), "rep-1", "d-1", 0)).then().statusCode(201);
    }

    @Test
    void whatIsAlreadyHeldIsRecountedWhenTheDefinitionChanges() {
        String tenant = newTenant();
        String admin = HoldingApi.admin(tenant);
        rule(tenant, Map.of("name", "One each", "scope", "EMPLOYEES", "limit", 1));
        long version = setDefinition(admin, 0, List.of(Map.of("field", "status", "operator", "EQ", "value", "ACTIVE")));
        // an ACTIVE deal in a WON stage: held under "status = ACTIVE", not under the standard definition
        Map<String, Object> won = activeOpportunity(UUID.randomUUID().toString(), "rep-1", null, 0);
        won.put("stageType", "WON");
        publish(tenant, "opportunity.created", won, Map.of());
        awaitHeld(tenant, "employees/rep-1", 1);
        reserve(tenant, "rep-1", null, activeOpportunity(UUID.randomUUID().toString(), "rep-1", null, 0)).then().statusCode(409)
                .body("current", equalTo(1));

        version = setDefinition(admin, version, List.of(Map.of("field", "stageType", "operator", "EQ", "value", "IN_PROGRESS")));
        String granted = reserve(tenant, "rep-1", null, activeOpportunity(UUID.randomUUID().toString(), "rep-1", null, 0))
                .then().statusCode(201).extract().path("reservationId");
        given().auth().oauth2(HoldingApi.sales(tenant, "rep-1")).delete("/holdings/reservations/{id}", granted).then().statusCode(204);

        setDefinition(admin, version, List.of(Map.of("field", "status", "operator", "IN", "value", List.of("ACTIVE"))));
        reserve(tenant, "rep-1", null, activeOpportunity(UUID.randomUUID().toString(), "rep-1", null, 0)).then().statusCode(409)
                .body("current", equalTo(1));
    }

    @Test
    void rejectedAndWithdrawnCreationsCountUnderNoDefinition() {
        String tenant = newTenant();
        String admin = HoldingApi.admin(tenant);
        // a definition that does not look at the status at all
        setDefinition(admin, 0, List.of(Map.of("field", "stageType", "operator", "EQ", "value", "IN_PROGRESS")));
        Map<String, Object> rejected = activeOpportunity(UUID.randomUUID().toString(), "rep-r", null, 0);
        rejected.put("status", "REJECTED");
        Map<String, Object> draft = activeOpportunity(UUID.randomUUID().toString(), "rep-r", null, 0);
        draft.put("status", "DRAFT");
        Map<String, Object> active = activeOpportunity(UUID.randomUUID().toString(), "rep-r", null, 0);
        publish(tenant, "opportunity.updated", rejected, Map.of());
        publish(tenant, "opportunity.updated", draft, Map.of());
        publish(tenant, "opportunity.created", active, Map.of());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> usage(tenant, "employees/rep-r").then().statusCode(200)
                .body("held", equalTo(1)).body("opportunityIds", contains(active.get("id"))));
        // nor in a reservation: a resubmitted deal reserves with its new status
        rule(tenant, Map.of("name", "Two each", "scope", "EMPLOYEES", "limit", 2));
        reserve(tenant, "rep-r", null, rejected).then().statusCode(201).body("counted", equalTo(false));
    }

    static long setDefinition(String admin, long version, List<Map<String, Object>> conditions) {
        return Long.parseLong(given().auth().oauth2(admin).contentType(io.restassured.http.ContentType.JSON)
                .header("If-Match", "\"" + version + "\"").body(Map.of("conditions", conditions))
                .put("/holding-definition").then().statusCode(200).extract().header("ETag").replace("\"", "").replace("W/", ""));
    }

    @Test
    void poisonMessagesGoToTheDeadLetterTopicAndTheConsumerGoesOn() {
        String tenant = newTenant();
        String bootstrap = SuiteInfra.get().broker().bootstrapServers();
        String poisonKey = "poison-" + UUID.randomUUID();
        CloudEvents.publishRaw(bootstrap, new ProducerRecord<>(Topics.OPPORTUNITY_EVENTS, poisonKey, "not json"), null, null, null);
        CloudEvents.publish(bootstrap, Topics.OPPORTUNITY_EVENTS, poisonKey + "-2", UUID.randomUUID().toString(), "opportunity.created",
                tenant, "{\"by\":\"x\"}");
        // the dead-letter topic comes into being with its first record
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> TopicProbe.await(Topics.deadLetter("holding-service"),
                r -> r.key() != null && r.key().startsWith(poisonKey), 2, Duration.ofSeconds(5)));

        publish(tenant, "opportunity.created", activeOpportunity(UUID.randomUUID().toString(), "rep-1", null, 0), Map.of());
        awaitHeld(tenant, "employees/rep-1", 1);
        usage(tenant, "employees/rep-1").then().body("rules", empty());
    }
}
