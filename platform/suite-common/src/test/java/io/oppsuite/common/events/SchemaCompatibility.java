package io.oppsuite.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a consumer written against one version of an event's schema would trip over in another:
 * a field removed (or renamed), a field's type changed, a field newly required, a const changed,
 * unknown fields forbidden. Additions (new optional fields) are compatible. Schemas are compared
 * bundled: every {@code $ref} to the suite's own schemas inlined, a nullable {@code anyOf} folded
 * into its type.
 */
final class SchemaCompatibility {

    static final ObjectMapper JSON = new ObjectMapper();

    private SchemaCompatibility() {
    }

    /** The current schema of a type at a version, self-contained. */
    static ObjectNode bundle(String type, int version) {
        URI id = URI.create(EventSchemas.id(type, version));
        return (ObjectNode) inline(read(EventSchemas.resource(type, version)), id, read(EventSchemas.resource(type, version)));
    }

    static JsonNode read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(resource, e);
        }
    }

    private static JsonNode inline(JsonNode node, URI base, JsonNode document) {
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(item -> copy.add(inline(item, base, document)));
            return copy;
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.has("$ref")) {
            URI target = base.resolve(node.get("$ref").asText());
            String fragment = target.getFragment();
            URI documentId = URI.create(target.toString().replaceFirst("#.*$", ""));
            JsonNode targetDocument = documentId.equals(base) ? document
                    : read(EventSchemas.RESOURCE_BASE + documentId.toString().substring(EventSchemas.ID_BASE.length()));
            if (targetDocument == null) {
                throw new IllegalStateException("unresolvable $ref " + target);
            }
            JsonNode resolved = fragment == null ? targetDocument : targetDocument.at(fragment);
            ObjectNode merged = ((ObjectNode) inline(resolved, documentId, targetDocument)).deepCopy();
            // keywords beside the $ref (a description) stay
            node.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("$ref")) {
                    merged.set(f.getKey(), inline(f.getValue(), base, document));
                }
            });
            return foldNullable(merged);
        }
        ObjectNode copy = JSON.createObjectNode();
        node.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("$defs")) {
                copy.set(f.getKey(), inline(f.getValue(), base, document));
            }
        });
        return foldNullable(copy);
    }

    /** {@code anyOf: [X, {type: null}]} is X that may also be null. */
    private static ObjectNode foldNullable(ObjectNode node) {
        JsonNode anyOf = node.get("anyOf");
        if (anyOf == null || anyOf.size() != 2) {
            return node;
        }
        JsonNode nullAlternative = null;
        JsonNode other = null;
        for (JsonNode alternative : anyOf) {
            if (types(alternative).equals(Set.of("null")) && alternative.size() == 1) {
                nullAlternative = alternative;
            } else {
                other = alternative;
            }
        }
        if (nullAlternative == null || other == null || !other.isObject()) {
            return node;
        }
        ObjectNode folded = ((ObjectNode) other).deepCopy();
        node.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("anyOf")) {
                folded.set(f.getKey(), f.getValue());
            }
        });
        ArrayNode typeArray = JSON.createArrayNode();
        Set<String> types = new TreeSet<>(types(other));
        types.add("null");
        types.forEach(typeArray::add);
        folded.set("type", typeArray);
        return folded;
    }

    /** The breaking changes from {@code published} to {@code current}; empty when a consumer of the published one is safe. */
    static List<String> breakingChanges(JsonNode published, JsonNode current) {
        List<String> changes = new ArrayList<>();
        compare("$", published, current, changes);
        return changes;
    }

    private static void compare(String path, JsonNode published, JsonNode current, List<String> changes) {
        Set<String> before = types(published);
        Set<String> after = types(current);
        if (!before.equals(after)) {
            changes.add(path + ": type " + before + " became " + after);
        }
        if (published.has("const") && !published.get("const").equals(current.get("const"))) {
            changes.add(path + ": const " + published.get("const") + " became " + current.get("const"));
        }
        if (current.path("additionalProperties").isBoolean() && !current.get("additionalProperties").asBoolean()
                && !published.path("additionalProperties").isBoolean()) {
            changes.add(path + ": unknown properties now forbidden");
        }
        Set<String> requiredBefore = strings(published.get("required"));
        for (String required : strings(current.get("required"))) {
            if (!requiredBefore.contains(required)) {
                changes.add(path + "." + required + ": newly required");
            }
        }
        JsonNode propertiesBefore = published.path("properties");
        JsonNode propertiesAfter = current.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = propertiesBefore.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            JsonNode now = propertiesAfter.get(property.getKey());
            if (now == null) {
                changes.add(path + "." + property.getKey() + ": removed");
            } else {
                compare(path + "." + property.getKey(), property.getValue(), now, changes);
            }
        }
        if (published.has("items") && current.has("items")) {
            compare(path + "[]", published.get("items"), current.get("items"), changes);
        }
        if (published.path("additionalProperties").isObject() && current.path("additionalProperties").isObject()) {
            compare(path + ".*", published.get("additionalProperties"), current.get("additionalProperties"), changes);
        }
    }

    /** The JSON types a schema admits; empty means any. */
    static Set<String> types(JsonNode schema) {
        JsonNode type = schema.get("type");
        Set<String> types = new TreeSet<>();
        if (type == null) {
            return types;
        }
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else {
            types.add(type.asText());
        }
        return types;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new TreeSet<>();
        if (array != null) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
    }
}
