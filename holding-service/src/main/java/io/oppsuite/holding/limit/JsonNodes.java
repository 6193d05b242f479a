package io.oppsuite.holding.limit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

final class JsonNodes {
    private JsonNodes() {
    }

    static JsonNode text(String value) {
        return JsonNodeFactory.instance.textNode(value);
    }

    static JsonNode array(String... values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (String v : values) {
            array.add(v);
        }
        return array;
    }
}
