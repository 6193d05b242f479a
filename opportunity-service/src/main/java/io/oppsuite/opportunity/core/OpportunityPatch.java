package io.oppsuite.opportunity.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oppsuite.common.problem.JsonProblemMappers;
import io.oppsuite.common.problem.Problems;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.Comparator;

/**
 * PATCH as JSON Merge Patch (RFC 7396) over the opportunity's editable fields: the current
 * fields as a JSON document, the patch merged into it (a member set to null removes it, nested
 * objects such as customFields merge member by member), and the result read back as an
 * {@link UpdateOpportunity} (unknown members are a 400, Bean Validation then says which required
 * field must not be cleared). Plain Java; the merge itself is JSON-P's.
 */
public final class OpportunityPatch {

    /** Numbers compare by value (1000 and 1000.00 are the same amount); everything else by equals. */
    private static final Comparator<JsonNode> SAME = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private final ObjectMapper mapper;

    public OpportunityPatch(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The result of merging a patch: the fields as they would be, and whether any of them changes. */
    public record Merged(UpdateOpportunity fields, boolean changes) {
    }

    /** The editable fields of {@code o} as the document a patch applies to. */
    public ObjectNode document(Opportunity o) {
        ObjectNode doc = mapper.valueToTree(new UpdateOpportunity(o.name, o.accountId, o.accountName, o.amount, o.currency,
                o.winRate, o.expectedCloseDate, o.contactId, o.contactName, null));
        doc.set("customFields", OpportunityView.customFields(o));
        return doc;
    }

    public Merged merge(Opportunity o, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw Problems.badRequest("a merge patch must be a JSON object");
        }
        ObjectNode current = document(o);
        JsonNode merged = read(Json.createMergePatch(jsonp(patch)).apply(jsonp(current)).toString());
        if (merged.has("customFields") && !merged.get("customFields").isObject()) {
            throw Problems.badRequest("customFields must be a JSON object");
        }
        UpdateOpportunity fields;
        try {
            fields = mapper.treeToValue(merged, UpdateOpportunity.class);
        } catch (JsonProcessingException e) {
            // as any body Jackson cannot read: the field named, never Jackson's message (it names our classes)
            throw JsonProblemMappers.unreadable(e);
        }
        return new Merged(fields, !current.equals(SAME, merged));
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonValue jsonp(JsonNode node) {
        try (JsonReader reader = Json.createReader(new StringReader(node.toString()))) {
            return reader.readValue();
        }
    }
}
