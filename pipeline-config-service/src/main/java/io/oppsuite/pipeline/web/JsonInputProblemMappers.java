package io.oppsuite.pipeline.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.oppsuite.common.problem.Problems;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/**
 * A body that parses as JSON but does not fit the request (unknown field, wrong type, unknown
 * enum value, array instead of object): Quarkus answers a bare 400 with no body; clients get
 * a problem naming the offending field instead. Values are not echoed back.
 */
public class JsonInputProblemMappers {

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        String field = path(e);
        String detail;
        if (e instanceof UnrecognizedPropertyException unknown) {
            detail = "unknown field '" + unknown.getPropertyName() + "'" + (field.contains(".") ? " at " + field : "");
        } else if (field.isEmpty()) {
            detail = "the request body does not have the expected shape";
        } else {
            detail = "field '" + field + "' has the wrong type or an unknown value";
        }
        return Problems.badRequest(detail).toResponse();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
