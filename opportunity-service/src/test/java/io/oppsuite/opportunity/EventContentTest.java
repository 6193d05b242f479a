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
}
