package io.oppsuite.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published versions' schemas are kept as baselines ({@code src/test/resources/event-schemas/published/<type>/v<n>.json},
 * bundled). Every event type's current schema must be safe for a consumer of the baseline of its own
 * version: a breaking change fails here until the type's version is bumped in {@link EventSchemas} and
 * the new version's baseline is added. {@code -Devent-schemas.write-baselines=true} writes the missing
 * baselines (new types, bumped versions); it never overwrites a published one.
 */
class EventSchemaCompatibilityTest {

    static final String BASELINES = "event-schemas/published/";

    @Test
    void everyCurrentSchemaIsCompatibleWithItsPublishedBaseline() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : EventSchemas.versions().entrySet()) {
            String type = entry.getKey();
            int version = entry.getValue();
            ObjectNode current = SchemaCompatibility.bundle(type, version);
            String baselinePath = BASELINES + type + "/v" + version + ".json";
            JsonNode baseline = SchemaCompatibility.read(baselinePath);
            if (baseline == null) {
                if (Boolean.getBoolean("event-schemas.write-baselines")) {
                    Path file = Path.of("src/test/resources", baselinePath);
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, SchemaCompatibility.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(current) + "\n");
                    continue;
                }
                problems.add(type + " v" + version + ": no published baseline " + baselinePath
                        + " (a new type or a bumped version: run this test with -Devent-schemas.write-baselines=true)");
                continue;
            }
            SchemaCompatibility.breakingChanges(baseline, current)
                    .forEach(change -> problems.add(type + " v" + version + " " + change
                            + ": breaks consumers of the published schema; bump the version in EventSchemas"));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void removedOrRenamedFieldsTypeChangesAndNewRequiredFieldsBreak() throws IOException {
        JsonNode published = json("""
                {"type":"object","required":["id"],"properties":{
                  "id":{"type":"string"},"amount":{"type":["number","null"]},
                  "to":{"type":"object","properties":{"key":{"type":"string"}}}}}""");
        assertEquals(List.of(), SchemaCompatibility.breakingChanges(published, published));
        assertEquals(List.of(), SchemaCompatibility.breakingChanges(published, json("""
                {"type":"object","required":["id"],"properties":{
                  "id":{"type":"string"},"amount":{"type":["number","null"]},"reason":{"type":"string"},
                  "to":{"type":"object","properties":{"key":{"type":"string"},"label":{"type":"string"}}}}}""")));

        assertEquals(List.of("$.amount: removed", "$.to.key: removed"), SchemaCompatibility.breakingChanges(published, json("""
                {"type":"object","required":["id"],"properties":{
                  "id":{"type":"string"},"total":{"type":["number","null"]},
                  "to":{"type":"object","properties":{"stageKey":{"type":"string"}}}}}""")));
        assertEquals(List.of("$.amount: type [null, number] became [null, string]"), SchemaCompatibility.breakingChanges(published, json("""
                {"type":"object","required":["id"],"properties":{
                  "id":{"type":"string"},"amount":{"type":["string","null"]},
                  "to":{"type":"object","properties":{"key":{"type":"string"}}}}}""")));
        assertEquals(List.of("$.amount: newly required"), SchemaCompatibility.breakingChanges(published, json("""
                {"type":"object","required":["id","amount"],"properties":{
                  "id":{"type":"string"},"amount":{"type":["number","null"]},
                  "to":{"type":"object","properties":{"key":{"type":"string"}}}}}""")));
        assertTrue(SchemaCompatibility.breakingChanges(published, json("""
                {"type":"object","required":["id"],"additionalProperties":false,"properties":{
                  "id":{"type":"string"},"amount":{"type":["number","null"]},
                  "to":{"type":"object","properties":{"key":{"type":"string"}}}}}""")).contains("$: unknown properties now forbidden"));
    }

    @Test
    void aSchemaComparesWithItsSharedDefinitionsInlined() {
        ObjectNode stageChanged = SchemaCompatibility.bundle("opportunity.stage-changed", EventSchemas.versions().get("opportunity.stage-changed"));
        assertEquals("string", stageChanged.at("/properties/opportunity/properties/id/type").asText());
        assertTrue(SchemaCompatibility.types(stageChanged.at("/properties/from")).contains("null"));
        assertEquals("string", stageChanged.at("/properties/from/properties/key/type").asText());
    }

    private static JsonNode json(String text) throws IOException {
        return SchemaCompatibility.JSON.readTree(text);
    }
}
