package io.oppsuite.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.stream.Collectors;

/**
 * A body that is not the JSON an endpoint takes (broken, wrong type, unknown field) is a 400
 * problem naming where it went wrong, never Jackson's message (which names Java types). Ours,
 * ahead of Quarkus's built-in mismatched-input mapper (an empty 400 outside dev mode) and of
 * resteasy-problem's Jackson mappers (registered at priority 999; the lower number wins).
 */
public class JsonProblemMappers {

    private static final java.util.regex.Pattern ENUM_VALUES = java.util.regex.Pattern.compile("accepted for Enum class: \\[([A-Za-z0-9_, ]*)\\]");

    // the specific types too: a mapper for the exact type wins over one for a supertype, whatever the priority
    @ServerExceptionMapper(value = {JsonProcessingException.class, MismatchedInputException.class, UnrecognizedPropertyException.class,
            InvalidFormatException.class, com.fasterxml.jackson.core.JsonParseException.class}, priority = ProblemPriorities.AHEAD_OF_LIBRARY)
    public Response unreadableJson(JsonProcessingException e) {
        return unreadable(e).toResponse();
    }

    /** The problem a body Jackson could not read is: where it went wrong, never Jackson's own message. */
    public static HttpProblem unreadable(JsonProcessingException e) {
        String where = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                ? m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining(".")).replace(".[", "[")
                : null;
        String detail;
        if (e instanceof UnrecognizedPropertyException u) {
            detail = "unknown field '" + (where != null ? where : u.getPropertyName()) + "'";
        } else if (e instanceof InvalidFormatException && where != null) {
            detail = "'" + where + "' is invalid: " + reason(e.getOriginalMessage());
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
        return problem.build();
    }

    /** The reason at the end of Jackson's message ("...from String \"x\": <reason>"), without the Java type it names. */
    static String reason(String message) {
        if (message == null) {
            return "not a valid value";
        }
        int at = message.lastIndexOf("\": ");
        String reason = at < 0 ? "not a valid value" : message.substring(at + 3);
        // Jackson's "not one of the values accepted for Enum class: [A, B]": the values, in the API's words
        java.util.regex.Matcher values = ENUM_VALUES.matcher(reason);
        if (values.find()) {
            return "must be one of " + values.group(1);
        }
        return reason.contains("`") || reason.contains("java.") ? "not a valid value" : reason;
    }
}
