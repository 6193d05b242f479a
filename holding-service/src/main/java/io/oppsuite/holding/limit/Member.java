package io.oppsuite.holding.limit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** An employee as rules see them; {@link #asJson()} is the subject of employee conditions. */
public record Member(String id, String name, String departmentId, String managerId, List<String> userGroups,
                     Map<String, BigDecimal> attributes) {

    public Member {
        userGroups = userGroups == null ? List.of() : List.copyOf(userGroups);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** An owner the directory does not know yet: only what the opportunity tells. */
    public static Member unknown(String id, String departmentId) {
        return new Member(id, null, departmentId, null, List.of(), Map.of());
    }

    public JsonNode asJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode node = f.objectNode();
        node.put("id", id);
        node.put("name", name);
        node.put("departmentId", departmentId);
        node.put("managerId", managerId);
        var groups = node.putArray("userGroups");
        userGroups.forEach(groups::add);
        ObjectNode attrs = node.putObject("attributes");
        attributes.forEach(attrs::put);
        return node;
    }
}
