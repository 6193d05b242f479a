package io.oppsuite.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The AsyncAPI document and the schema registry agree: one message per event type on its topic's
 * channel, its payload the current schema version, its {@code ce_dataschema} that schema's id, and
 * each schema's {@code $id} where {@link EventSchemas} says it is.
 */
class AsyncApiDocumentTest {

    @Test
    void everyEventTypeIsAMessageWithItsCurrentSchema() throws IOException {
        JsonNode doc;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/resources/asyncapi.yaml")) {
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        List<String> problems = new ArrayList<>();
        Set<String> documented = new HashSet<>();
        doc.path("components").path("messages").forEach(message -> {
            String type = message.path("name").asText();
            documented.add(type);
            Integer version = EventSchemas.versions().get(type);
            if (version == null) {
                problems.add(type + ": in the document, not in EventSchemas");
                return;
            }
            String payload = message.path("payload").path("$ref").asText();
            if (!payload.equals("./schemas/" + EventSchemas.resource(type, version).substring(EventSchemas.RESOURCE_BASE.length()))) {
                problems.add(type + ": payload " + payload + " is not version " + version);
            }
            String dataschema = message.path("headers").path("allOf").get(1).path("properties").path("ce_dataschema").path("const").asText();
            if (!dataschema.equals(EventSchemas.id(type, version))) {
                problems.add(type + ": ce_dataschema " + dataschema);
            }
        });
        Set<String> onChannels = new HashSet<>();
        doc.path("channels").forEach(channel -> channel.path("messages").fieldNames().forEachRemaining(onChannels::add));
        for (Map.Entry<String, Integer> entry : EventSchemas.versions().entrySet()) {
            if (!documented.contains(entry.getKey())) {
                problems.add(entry.getKey() + ": no message in the document");
            }
            JsonNode schema = SchemaCompatibility.read(EventSchemas.resource(entry.getKey(), entry.getValue()));
            if (schema == null || !EventSchemas.id(entry.getKey(), entry.getValue()).equals(schema.path("$id").asText())) {
                problems.add(entry.getKey() + ": schema missing or its $id is not " + EventSchemas.id(entry.getKey(), entry.getValue()));
            }
        }
        assertEquals(EventSchemas.versions().size(), onChannels.size(), "every message on a channel");
        assertEquals(List.of(), problems);
    }
}
