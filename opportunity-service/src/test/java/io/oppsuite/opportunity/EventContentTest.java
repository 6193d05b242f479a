package io.oppsuite.opportunity;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.testsupport.CloudEvents;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.oppsuite.opportunity.Api.createId;
import static io.oppsuite.opportunity.Api.events;
import static io.oppsuite.opportunity.Api.move;
import static io.oppsuite.opportunity.Api.opportunity;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What opportunity events say, read as a subscriber reads them: the change's own time, one form for numbers. */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_opportunity_test"))
@QuarkusTestResource(HoldingStub.class)
class EventContentTest {

    @Test
    void ceTimeIsTheTimeOfTheChangeAndDecimalsHaveOneJsonForm() {
        String tenant = "content-" + UUID.randomUUID().toString().substring(0, 8);
        String rep = Tokens.issue(tenant, "rep-1", "sales");
        String process = UUID.randomUUID().toString();
        Api.publishAndAwait(tenant, SalesProcessFixtures.standard(process, 1), rep);
        // 4000.0 and 60.0 as the client wrote them; stored as numeric(19,2) / numeric(5,2)
        String id = createId(rep, opportunity("Content " + UUID.randomUUID(), process, "amount", 4000.0, "winRate", 60.0));
        move(rep, id, "proposal", null).then().statusCode(200);

        List<ConsumerRecord<String, String>> records = events(id, 2);
        ConsumerRecord<String, String> created = records.get(0);
        ConsumerRecord<String, String> moved = records.get(1);
        assertEquals("opportunity.created", CloudEvents.header(created, "ce_type"));
        assertEquals("opportunity.stage-changed", CloudEvents.header(moved, "ce_type"));

        JsonNode createdData = Api.json(created.value());
        assertEquals(Instant.parse(createdData.at("/opportunity/createdAt").asText()), Instant.parse(CloudEvents.header(created, "ce_time")));
        JsonNode movedData = Api.json(moved.value());
        assertEquals(Instant.parse(movedData.get("enteredAt").asText()), Instant.parse(CloudEvents.header(moved, "ce_time")));

        // the number's JSON text as it reaches the subscriber
        assertEquals("4000", createdData.at("/opportunity/amount").toString());
        assertEquals("60", createdData.at("/opportunity/winRate").toString());
        // the proposal stage's default win rate (40), set from an integer, reads the same way
        assertEquals("40", movedData.at("/opportunity/winRate").toString());
        assertEquals("4000", movedData.at("/opportunity/amount").toString());
    }

    /**
     * A stage move says where from and where to (key, type, label), how long the deal stayed in the
     * stage it left, the process version that decided it; closing says why and names the records
     * the closing stage requires.
     */
    @Test
    void stageChangedTellsTheStayItEndedAndClosingNamesItsReasonAndRequiredRecords() {
        String tenant = "content-" + UUID.randomUUID().toString().substring(0, 8);
        String rep = Tokens.issue(tenant, "rep-1", "sales");
        String process = UUID.randomUUID().toString();
        Api.publishAndAwait(tenant, Processes.governed(process, null), rep);
        String id = createId(rep, opportunity("Closing " + UUID.randomUUID(), process, "amount", 100));
        String recordId = Api.as(rep).body(java.util.Map.of("recordType", "invalidity-proof", "name", "Spam report"))
                .post("/opportunities/{id}/associated-records", id).then().statusCode(201).extract().path("id");
        Api.as(rep).body(java.util.Map.of("recordType", "quotation", "name", "Not required here"))
                .post("/opportunities/{id}/associated-records", id).then().statusCode(201);
        move(rep, id, "invalid", "spam").then().statusCode(200);

        JsonNode created = ofType(id, "opportunity.created");
        JsonNode moved = ofType(id, "opportunity.stage-changed");
        assertEquals("qualification", moved.at("/from/key").asText());
        assertEquals("IN_PROGRESS", moved.at("/from/type").asText());
        assertEquals("Qualification", moved.at("/from/label").asText());
        assertEquals("invalid", moved.at("/to/key").asText());
        assertEquals("INVALID", moved.at("/to/type").asText());
        assertEquals("Invalid", moved.at("/to/label").asText());
        assertEquals("spam", moved.get("reason").asText());
        assertEquals("rep-1", moved.get("by").asText());
        assertEquals(1, moved.get("processVersion").asLong());
        Instant previous = Instant.parse(moved.get("previousEnteredAt").asText());
        assertEquals(Instant.parse(created.at("/opportunity/stageEnteredAt").asText()), previous);
        assertEquals(java.time.Duration.between(previous, Instant.parse(moved.get("enteredAt").asText())).getSeconds(),
                moved.get("previousStaySeconds").asLong());
        // invalid ignores in-progress rules: qualification's unfinished required task is named as waived
        org.junit.jupiter.api.Assertions.assertTrue(moved.get("waivedRules").size() > 0, moved.toString());

        JsonNode closed = ofType(id, "opportunity.closed");
        assertEquals("spam", closed.get("reason").asText());
        assertEquals(1, closed.get("requiredRecords").size(), closed.toString());
        assertEquals(recordId, closed.at("/requiredRecords/0/id").asText());
        assertEquals("invalidity-proof", closed.at("/requiredRecords/0/type").asText());
        assertEquals("Spam report", closed.at("/requiredRecords/0/name").asText());
    }

    /** The data of the opportunity's first event of this type, once it is on the topic. */
    private static JsonNode ofType(String id, String type) {
        JsonNode[] found = new JsonNode[1];
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> events(id, 1).stream()
                .filter(r -> type.equals(CloudEvents.header(r, "ce_type"))).findFirst()
                .map(r -> found[0] = Api.json(r.value())).isPresent());
        return found[0];
    }
}
