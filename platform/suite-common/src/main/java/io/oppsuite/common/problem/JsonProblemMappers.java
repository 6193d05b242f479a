package io.oppsuite.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.stream.Collectors;

/**
 * A body that is not the JSON an endpoint takes (broken, wrong type, unknown field) is a 400
 * problem naming where it went wrong. Ours, ahead of Quarkus's built-in mismatched-input mapper,
 * which answers an empty 400 outside dev mode.
 */
public class JsonProblemMappers {

    // the specific types too: a mapper for the exact type wins over one for a supertype, whatever the priority
    @ServerExceptionMapper(value = {JsonProcessingException.class, MismatchedInputException.class, UnrecognizedPropertyException.class,
            InvalidFormatException.class, com.fasterxml.jackson.core.JsonParseException.class}, priority = Priorities.USER - 100)
    public Response unreadableJson(JsonProcessingException e) {
        String where = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                ? m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining(".")).replace(".[", "[")
                : null;
        String detail;
        if (e instanceof UnrecognizedPropertyException u) {
            detail = "unknown field '" + (where != null ? where : u.getPropertyName()) + "'";
        } else if (e instanceof InvalidFormatException invalid && where != null) {
            detail = "'" + where + "' cannot be " + invalid.getValue();
        } else if (where != null) {
            detail = "'" + where + "' has the wrong type or shape";
        } else {
            detail = "the body is not the JSON this endpoint takes";
        }
        HttpProblem.Builder problem = HttpProblem.builder()
                .withType(URI.create("https://oppsuite.io/problems/unreadable-body"))
                .withStatus(400)
                .withTitle("Unreadable request body")
                .withDetail(detail);
        if (where != null) {
            problem.with("field", where);
        }
        return problem.build().toResponse();
    }
}
