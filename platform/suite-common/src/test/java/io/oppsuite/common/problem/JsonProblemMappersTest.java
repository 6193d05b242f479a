package io.oppsuite.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkiverse.resteasy.problem.HttpProblem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A body Jackson cannot read is told by the field and in the API's words, never with Jackson's message or our classes. */
class JsonProblemMappersTest {

    enum Access { READ, EDIT }

    record Member(String employeeId, Access access, BigDecimal amount) {
    }

    final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    HttpProblem problemOf(String json) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> mapper.readValue(json, Member.class));
        return JsonProblemMappers.unreadable(e);
    }

    @Test
    void anEnumValueNotTakenNamesTheValuesThatAre() {
        HttpProblem problem = problemOf("{\"employeeId\":\"bob\",\"access\":\"edit\"}");
        // Jackson lists the values in an order of its own
        String detail = problem.getDetail();
        assertTrue(detail.startsWith("'access' is invalid: must be one of ") && detail.contains("READ") && detail.contains("EDIT")
                && !detail.contains("Enum class"), detail);
        assertEquals("access", problem.getParameters().get("field"));
    }

    @Test
    void anUnknownFieldAndAWrongTypeNameTheField() {
        assertEquals("unknown field 'ownerId'", problemOf("{\"ownerId\":\"x\"}").getDetail());
        assertEquals("'amount' is invalid: not a valid representation", problemOf("{\"amount\":\"lots\"}").getDetail());
        assertEquals(400, problemOf("{").getStatusCode());
    }
}
