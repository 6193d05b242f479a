package io.oppsuite.common.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.common.contracts.SalesProcessSnapshot.FieldCondition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Stored JSON round-trips, and JSON a service cannot read back is its own bug (IllegalStateException), not the client's. */
class JsonTest {

    @Test
    void storedJsonRoundTrips() {
        List<FieldCondition> conditions = List.of(new FieldCondition("status", "IN", Json.array("ACTIVE", "PENDING_APPROVAL")),
                new FieldCondition("stageType", "EQ", Json.text("IN_PROGRESS")));
        String stored = Json.write(conditions);
        assertEquals("[{\"field\":\"status\",\"operator\":\"IN\",\"value\":[\"ACTIVE\",\"PENDING_APPROVAL\"]},"
                + "{\"field\":\"stageType\",\"operator\":\"EQ\",\"value\":\"IN_PROGRESS\"}]", stored);
        assertEquals(conditions, Json.read(stored, Json.CONDITIONS));
        assertEquals(List.of("a", "b"), Json.read(new ObjectMapper(), "[\"a\",\"b\"]", Json.STRINGS));
    }

    @Test
    void unreadableStoredJsonIsAnIllegalState() {
        assertThrows(IllegalStateException.class, () -> Json.read("[\"a\"", Json.STRINGS));
        assertThrows(IllegalStateException.class, () -> Json.read(new ObjectMapper(), "{", FieldCondition.class));
        assertThrows(IllegalStateException.class, () -> Json.tree(new ObjectMapper(), "{"));
    }
}
