package io.oppsuite.approval.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.oppsuite.common.problem.Problems;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/**
 * A body that parses as JSON but does not fit the request (unknown field, wrong type, unknown
 * enum value) is a 400 problem naming the field. Quarkus' own mapper for these answers a bare
 * 400 without a body, which clients cannot tell apart from other failures.
 */
public class JsonBodyProblemMappers {

    @ServerExceptionMapper(priority = Priorities.USER - 1)
    public Response mismatchedInput(MismatchedInputException e) {
        String field = path(e);
        String detail;
        if (e instanceof UnrecognizedPropertyException unknown) {
            detail = "unknown field '" + (field.isEmpty() ? unknown.getPropertyName() : field) + "'";
        } else if (e instanceof InvalidFormatException invalid) {
            detail = "'" + field + "' cannot be " + invalid.getValue();
        } else {
            detail = field.isEmpty() ? "the body does not have the expected shape" : "'" + field + "' does not have the expected type";
        }
        return Problems.badRequest(detail).toResponse();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
