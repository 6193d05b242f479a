package io.oppsuite.testsupport;

import io.oppsuite.common.events.EventSchemas;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract check itself: it passes a good event and names what is wrong with a bad one. */
class EventContractTest {

    static final String STATE = """
            {"id":"o-1","name":"Deal","accountId":null,"accountName":null,"ownerId":"rep-1","departmentId":"d-1",
             "amount":2500,"currency":"EUR","winRate":60,"expectedCloseDate":"2026-12-31","salesProcessId":"p-1",
             "stageKey":"qualification","stageType":"IN_PROGRESS","status":"ACTIVE",
             "stageEnteredAt":"2026-12-06T10:00:00.123456Z","createdAt":"2026-12-06T10:00:00Z","version":1,"poolId":null}""";

    @Test
    void aGoodEventKeepsTheContract() {
        assertEquals(List.of(), EventContract.violations(record("opportunity.created", "{\"opportunity\":" + STATE + ",\"by\":\"rep-1\"}")));
    }

    @Test
    void unknownFieldsAreAdditionsNotViolations() {
        assertEquals(List.of(), EventContract.dataViolations("opportunity.created",
                "{\"opportunity\":" + STATE + ",\"by\":\"rep-1\",\"somethingNew\":{\"x\":1}}"));
    }

    @Test
    void aMissingRequiredFieldAWrongTypeAndABadTimeAreViolations() {
        assertFalse(EventContract.dataViolations("opportunity.created", "{\"by\":\"rep-1\"}").isEmpty());
        assertFalse(EventContract.dataViolations("opportunity.created",
                "{\"opportunity\":" + STATE.replace("\"amount\":2500", "\"amount\":\"2500\"") + "}").isEmpty());
        List<String> badTime = EventContract.dataViolations("opportunity.stage-changed",
                "{\"opportunity\":" + STATE + ",\"from\":null,\"to\":{\"key\":\"won\",\"type\":\"WON\"},\"enteredAt\":\"yesterday\"}");
        assertTrue(badTime.stream().anyMatch(v -> v.contains("enteredAt")), badTime.toString());
    }

    @Test
    void headersDataschemaAndTypeAreChecked() {
        ConsumerRecord<String, String> record = record("opportunity.created", "{\"opportunity\":" + STATE + "}");
        record.headers().remove("ce_dataschema");
        record.headers().add("ce_dataschema", "https://schemas.oppsuite.io/events/opportunity.created/v0.json".getBytes(StandardCharsets.UTF_8));
        assertTrue(EventContract.violations(record).stream().anyMatch(v -> v.startsWith("ce_dataschema")));

        record.headers().remove("ce_tenant");
        assertTrue(EventContract.violations(record).contains("missing header ce_tenant"));

        assertTrue(EventContract.violations(record("opportunity.teleported", "{}")).stream().anyMatch(v -> v.contains("no schema")));
    }

    @Test
    void everyPublishedTypeHasALoadableSchema() {
        EventSchemas.versions().keySet().forEach(type -> {
            List<String> violations = EventContract.dataViolations(type, "{}");
            // {} lacks the required fields of every type: the schema loaded (refs resolved) and was applied
            assertFalse(violations.isEmpty(), type);
            assertFalse(violations.stream().anyMatch(v -> v.contains("no schema")), type);
        });
    }

    static ConsumerRecord<String, String> record(String type, String data) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("opportunity-events", 0, 0L, "o-1", data);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", "e-1");
        header(record, "ce_source", "/opportunity-service");
        header(record, "ce_type", type);
        header(record, "ce_time", "2026-12-06T10:00:00.123456Z");
        header(record, "ce_subject", "o-1");
        header(record, "ce_tenant", "t-1");
        header(record, "content-type", "application/json");
        EventSchemas.dataschema(type).ifPresent(id -> header(record, "ce_dataschema", id.toString()));
        return record;
    }

    private static void header(ConsumerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
