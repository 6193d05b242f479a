package io.oppsuite.common.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A CloudEvent as a consumer sees it: the attributes every consumer needs and the JSON data.
 *
 * @param key the Kafka record key, i.e. the aggregate id
 */
public record EventEnvelope(String id, String type, String source, String tenantId, String key, Instant time, JsonNode data) {

    public String text(String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
