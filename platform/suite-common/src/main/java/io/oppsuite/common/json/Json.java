package io.oppsuite.common.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.oppsuite.common.contracts.SalesProcessSnapshot.FieldCondition;

import java.util.List;

/**
 * JSON text a service stores and reads back (JSON columns, cached snapshots), and the few JSON values
 * code builds by hand. The one place that turns Jackson's checked exceptions into an
 * {@link IllegalStateException}: JSON the service wrote itself and cannot read or write is a bug (500
 * {@code internal-error}, logged with its errorId), never the client's 400. Request bodies and event data
 * are not read here (Jackson in the REST layer, {@code EventEnvelope.dataAs}).
 * <p>
 * Pass the application's {@link ObjectMapper} for values with dates or anything its modules handle; the
 * methods without one use a plain mapper, for lists and maps of strings, numbers and {@link JsonNode}s
 * (conditions, groups, attributes).
 */
public final class Json {

    public static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    public static final TypeReference<List<FieldCondition>> CONDITIONS = new TypeReference<>() {
    };

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private Json() {
    }

    public static String write(Object value) {
        return write(PLAIN, value);
    }

    public static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serializable as JSON: " + value.getClass().getName(), e);
        }
    }

    public static <T> T read(String json, TypeReference<T> type) {
        return read(PLAIN, json, type);
    }

    public static <T> T read(ObjectMapper mapper, String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON unreadable as " + type.getType().getTypeName(), e);
        }
    }

    public static <T> T read(ObjectMapper mapper, String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON unreadable as " + type.getName(), e);
        }
    }

    public static JsonNode tree(ObjectMapper mapper, String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON unreadable", e);
        }
    }

    public static JsonNode text(String value) {
        return JsonNodeFactory.instance.textNode(value);
    }

    public static ArrayNode array(String... values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (String v : values) {
            array.add(v);
        }
        return array;
    }
}
