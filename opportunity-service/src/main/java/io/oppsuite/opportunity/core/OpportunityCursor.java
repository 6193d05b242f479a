package io.oppsuite.opportunity.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.problem.Problems;
import io.quarkiverse.resteasy.problem.HttpProblem;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The opaque keyset cursor of list endpoints: base64url of the last row's sort key values and id,
 * plus the sort they belong to. Clients pass it back unchanged; anything else is a 400. Plain Java.
 */
final class OpportunityCursor {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_LENGTH = 2048;

    record Position(String sort, List<String> keys, String id) {
    }

    private OpportunityCursor() {
    }

    static String encode(Position position) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(position));
        } catch (Exception e) {
            throw new IllegalStateException("cursor not serializable", e);
        }
    }

    static Position decode(String cursor) {
        if (cursor == null || cursor.isBlank() || cursor.length() > MAX_LENGTH) {
            throw malformed();
        }
        try {
            Position p = JSON.readValue(new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8), Position.class);
            if (p == null || p.sort() == null || p.keys() == null || p.id() == null || p.keys().stream().anyMatch(k -> k == null)) {
                throw malformed();
            }
            return p;
        } catch (HttpProblem e) {
            throw e;
        } catch (Exception e) {
            throw malformed();
        }
    }

    static HttpProblem malformed() {
        return Problems.badRequest("cursor is not one this service issued; pass nextCursor back unchanged");
    }
}
