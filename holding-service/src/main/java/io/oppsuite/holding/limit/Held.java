package io.oppsuite.holding.limit;

import com.fasterxml.jackson.databind.JsonNode;

/** One opportunity held in a scope: a live holding or a live reservation. */
public record Held(String opportunityId, JsonNode opportunity) {
}
