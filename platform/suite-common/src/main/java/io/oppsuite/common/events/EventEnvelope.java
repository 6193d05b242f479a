package io.oppsuite.common.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.function.Predicate;

/**
 * A CloudEvent as a consumer sees it: the attributes every consumer needs and the JSON data.
 *
 * @param key the Kafka record key, i.e. the aggregate id
 */
public record EventEnvelope(String id, String type, String source, String tenantId, String key, Instant time, JsonNode data) {

    /** Reads contract records (suite-common {@code contracts}); their own annotations say what is lenient. */
    private static final ObjectMapper CONTRACTS = JsonMapper.builder().findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public String text(String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    /**
     * The data as a contract record, or a {@link PoisonMessageException} (the event goes to the
     * dead-letter topic) when it does not parse, when the event has no tenant, or when
     * {@code complete} rejects it ({@code missing} says what it lacks). The one way consumers read
     * event data.
     */
    public <T> T dataAs(Class<T> type, Predicate<T> complete, String missing) {
        return as(data, type, complete, missing);
    }

    public <T> T dataAs(Class<T> type) {
        return dataAs(type, value -> true, "");
    }

    /** A member of the data (e.g. {@code "opportunity"}) as a contract record, judged like {@link #dataAs}. */
    public <T> T dataAs(String member, Class<T> type, Predicate<T> complete, String missing) {
        return as(data == null ? null : data.path(member), type, complete, missing);
    }

    private <T> T as(JsonNode node, Class<T> type, Predicate<T> complete, String missing) {
        if (tenantId == null || tenantId.isBlank()) {
            throw new PoisonMessageException(type() + " " + id + " has no tenant");
        }
        T value;
        try {
            value = node == null || node.isMissingNode() || node.isNull() ? null : CONTRACTS.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PoisonMessageException(type() + " " + id + " does not match the contract", e);
        }
        if (value == null || !complete.test(value)) {
            throw new PoisonMessageException(type() + " " + id + (value == null ? " has no data" : " " + missing));
        }
        return value;
    }
}
