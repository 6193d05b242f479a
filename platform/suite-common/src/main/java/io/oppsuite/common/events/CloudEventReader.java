package io.oppsuite.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.time.ZonedDateTime;

/** Turns an incoming binary-mode CloudEvent into an {@link EventEnvelope}, or says why it is poison. */
@ApplicationScoped
public class CloudEventReader {

    public static final String TENANT_EXTENSION = "tenant";

    @Inject
    ObjectMapper mapper;

    public EventEnvelope read(Message<?> message) {
        IncomingCloudEventMetadata<?> ce = message.getMetadata(IncomingCloudEventMetadata.class)
                .orElseThrow(() -> new PoisonMessageException("not a CloudEvent (no ce_* headers)"));
        String tenant = ce.getExtension(TENANT_EXTENSION).map(Object::toString)
                .filter(t -> !t.isBlank())
                .orElseThrow(() -> new PoisonMessageException("CloudEvent " + ce.getId() + " has no 'tenant' extension"));
        Object payload = message.getPayload();
        if (payload == null) {
            throw new PoisonMessageException("CloudEvent " + ce.getId() + " has no data");
        }
        JsonNode data;
        try {
            data = payload instanceof JsonNode node ? node : mapper.readTree(payload.toString());
        } catch (Exception e) {
            throw new PoisonMessageException("CloudEvent " + ce.getId() + " data is not JSON", e);
        }
        if (data == null || !data.isObject()) {
            throw new PoisonMessageException("CloudEvent " + ce.getId() + " data is not a JSON object");
        }
        String key = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getKey).map(Object::toString)
                .orElse(ce.getSubject().orElse(null));
        Instant time = ce.getTimeStamp().map(ZonedDateTime::toInstant).orElse(Instant.now());
        return new EventEnvelope(ce.getId(), ce.getType(), String.valueOf(ce.getSource()), tenant, key, time, data);
    }
}
