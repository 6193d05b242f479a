package io.oppsuite.approval.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.oppsuite.common.problem.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.stream.Collectors;

/** The body is optional; a comment says why. */
@Schema(example = "{\"comment\": \"customer postponed the deal\"}")
public record WithdrawRequest(@Size(max = 2000) String comment) {

    static final WithdrawRequest NONE = new WithdrawRequest(null);

    /** Reads the optional body with the application's mapper and rules: bad JSON or a broken rule is a 400. */
    @ApplicationScoped
    public static class Reader {

        @Inject
        ObjectMapper mapper;

        @Inject
        Validator validator;

        WithdrawRequest read(String body) {
            if (body == null || body.isBlank()) {
                return NONE;
            }
            WithdrawRequest request;
            try {
                request = mapper.readValue(body, WithdrawRequest.class);
            } catch (UnrecognizedPropertyException e) {
                throw Problems.badRequest("unknown field '" + e.getPropertyName() + "'");
            } catch (JsonProcessingException e) {
                throw Problems.badRequest("the body must be JSON like {\"comment\": \"...\"}");
            }
            if (request == null) {
                return NONE;
            }
            var violations = validator.validate(request);
            if (!violations.isEmpty()) {
                throw Problems.badRequest(violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage())
                        .collect(Collectors.joining("; ")));
            }
            return request;
        }
    }
}
