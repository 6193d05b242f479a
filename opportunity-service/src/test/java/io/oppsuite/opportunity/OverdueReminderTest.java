package io.oppsuite.opportunity;

import com.fasterxml.jackson.databind.JsonNode;
import io.oppsuite.common.contracts.HoldingEvents;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.common.contracts.StageType;
import io.oppsuite.testsupport.CloudEvents;
import io.oppsuite.testsupport.SalesProcessFixtures;
import io.oppsuite.testsupport.SuiteInfra;
import io.oppsuite.testsupport.SuiteTestResource;
import io.oppsuite.testsupport.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.oppsuite.opportunity.Api.as;
import static io.oppsuite.opportunity.Api.createId;
import static io.oppsuite.opportunity.Api.json;
import static io.oppsuite.opportunity.Api.opportunity;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Overdue reminders obey their settings (issue 19 point 4), through Kafka: enabled, opportunity.overdue
 * names the recipients as employee ids (the owner; the manager of the owner's department, from
 * holding-service's directory on holding-events), the due time and how long overdue; disabled, the deal
 * is listed as overdue and nothing is sent; a changed duration applies to stays already open.
 */
@QuarkusTest
@QuarkusTestResource(value = SuiteTestResource.class, initArgs = @ResourceArg(name = "database", value = "oppsuite_opportunity_test"))
@QuarkusTestResource(HoldingStub.class)
class OverdueReminderTest {

    static final String TENANT = "reminders";
    static final String rep = Tokens.issue(TENANT, "rep-o", "sales");

    static SalesProcessSnapshot process(String id, long version, String duration, boolean enabled, List<String> recipients) {
        SalesProcessSnapshot.Settings first = new SalesProcessSnapshot.Settings(duration,
                new SalesProcessSnapshot.OverdueReminder(enabled, recipients), null, false, List.of(), List.of(), false, null);
        List<SalesProcessSnapshot.Stage> stages = new java.util.ArrayList<>(SalesProcessFixtures.standard(id, version).stages());
        stages.set(0, new SalesProcessSnapshot.Stage("qualification", "Qualification", StageType.IN_PROGRESS, 10, first, List.of()));
        return new SalesProcessSnapshot(id, "Reminded " + id.substring(0, 8), version, stages);
    }

    static void directory(String type, String key, Object data) {
        Api.directory(TENANT, type, key, data);
    }

    /** The consumers are slow to join on a loaded machine: wait until a create in the process is accepted. */
    static void awaitCached(String processId) {
        await().atMost(Duration.ofSeconds(120)).until(() -> Api.create(rep, opportunity("probe " + UUID.randomUUID(), processId)).statusCode() == 201);
    }

    static List<JsonNode> overdueEvents(String id) {
        return Api.events(id, 1).stream().filter(r -> "opportunity.overdue".equals(CloudEvents.header(r, "ce_type")))
                .map(ConsumerRecord::value).map(Api::json).toList();
    }

    @Test
    void anEnabledReminderNamesItsRecipientsTheDueTimeAndHowLongOverdue() {
        directory(HoldingEvents.DEPARTMENT_UPSERTED, "dep-o", new HoldingEvents.Department("dep-o", "Field sales", "boss-o"));
        directory(HoldingEvents.EMPLOYEE_UPSERTED, "rep-o", new HoldingEvents.Employee("rep-o", "Rep", "dep-o", "lead-o", List.of(), Map.of()));
        String processId = UUID.randomUUID().toString();
        // a day long first: the directory events are in by the time the duration is cut to a second
        SalesProcessFixtures.publish(TENANT, process(processId, 1, "P1D", true, List.of("OWNER", "OWNER_MANAGER")));
        awaitCached(processId);
        String id = createId(rep, opportunity("Reminded deal", processId));
        Instant enteredAt = Instant.parse(as(rep).get("/opportunities/{id}", id).path("stageEnteredAt"));
        // a changed duration applies to the stay already open
        SalesProcessFixtures.publish(TENANT, process(processId, 2, "PT1S", true, List.of("OWNER", "OWNER_MANAGER")));
        await().atMost(Duration.ofSeconds(30)).until(() -> !overdueEvents(id).isEmpty());
        JsonNode overdue = overdueEvents(id).get(0);
        assertEquals(List.of("rep-o", "boss-o"), List.of(overdue.at("/recipients/0").asText(), overdue.at("/recipients/1").asText()));
        assertEquals(2, overdue.get("recipients").size());
        assertEquals(enteredAt.plusSeconds(1), Instant.parse(overdue.get("dueAt").asText()));
        assertTrue(overdue.get("overdueSeconds").asLong() >= 0, overdue.toString());
        assertEquals("qualification", overdue.get("stageKey").asText());
        assertEquals("PT1S", overdue.get("duration").asText());
        assertEquals(id, overdue.at("/opportunity/id").asText());

        // lengthened again: the stay is no longer overdue
        SalesProcessFixtures.publish(TENANT, process(processId, 3, "P1D", true, List.of("OWNER")));
        await().atMost(Duration.ofSeconds(30)).until(() -> !as(rep).get("/opportunities/{id}", id).then().extract().<Boolean>path("overdue"));
        assertEquals(1, overdueEvents(id).size(), "one reminder per stay");
    }

    @Test
    void aDisabledReminderSendsNothingButTheDealIsListedOverdue() {
        String processId = UUID.randomUUID().toString();
        SalesProcessFixtures.publish(TENANT, process(processId, 1, "PT1S", false, List.of("OWNER")));
        awaitCached(processId);
        String id = createId(rep, opportunity("Quiet deal", processId));
        await().atMost(Duration.ofSeconds(30)).until(() -> as(rep).get("/opportunities/{id}", id).then().extract().<Boolean>path("overdue"));
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertEquals(List.of(), overdueEvents(id));
    }
}
