package io.oppsuite.testsupport;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The check that runs after every test class, against the real broker: a service's event that
 * breaks its schema is reported, a good one and a test's own fabricated event are not, and each
 * event is checked once. (Its own topic, so the check after this class sees nothing of it.)
 */
class EventContractCheckTest {

    @Test
    void reportsAServicesEventThatBreaksTheContractOnce() {
        String topic = "contract-check-" + UUID.randomUUID();
        String bootstrap = SuiteInfra.get().broker().bootstrapServers();
        SuiteInfra.get().broker().createTopics(List.of(topic), List.of());

        publish(bootstrap, topic, "/opportunity-service", "{\"opportunity\":" + EventContractTest.STATE + ",\"by\":\"rep-1\"}");
        // a test's own event (source /test) with any data is not the services'
        CloudEvents.publish(bootstrap, topic, "o-1", UUID.randomUUID().toString(), "opportunity.created", "t-1", "{}");
        assertEquals(List.of(), EventContractCheck.checkNewEvents(bootstrap, List.of(topic)));

        publish(bootstrap, topic, "/opportunity-service", "{\"by\":\"rep-1\"}");
        List<String> problems = EventContractCheck.checkNewEvents(bootstrap, List.of(topic));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("opportunity.created from /opportunity-service"), problems.get(0));
        assertTrue(problems.get(0).contains("opportunity"), problems.get(0));

        assertEquals(List.of(), EventContractCheck.checkNewEvents(bootstrap, List.of(topic)), "checked once");
    }

    /** As a service's relay publishes it: every CloudEvent header, the service as source. */
    private static void publish(String bootstrap, String topic, String source, String data) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, "o-1", data);
        EventContractTest.record("opportunity.created", data).headers().forEach(h -> record.headers().add(
                h.key().equals("ce_source") ? new RecordHeader("ce_source", source.getBytes(StandardCharsets.UTF_8)) : h));
        CloudEvents.publishRaw(bootstrap, record, null, null, null);
    }
}
