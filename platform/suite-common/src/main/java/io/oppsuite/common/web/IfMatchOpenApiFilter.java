package io.oppsuite.common.web;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.Map;

/**
 * The one place the OpenAPI of every service documents optimistic concurrency
 * ({@link Preconditions}): every operation that takes an {@code If-Match} header gets it as
 * required, with its 412 and 428 answers. An operation whose racing losers are told 409 instead
 * (a claim from a pool) carries the extension {@code x-if-match: optional} and keeps it optional.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class IfMatchOpenApiFilter implements OASFilter {

    public static final String OPTIONAL_EXTENSION = "x-if-match";

    @Override
    public PathItem filterPathItem(PathItem pathItem) {
        Map<PathItem.HttpMethod, Operation> operations = pathItem.getOperations();
        if (operations != null) {
            operations.values().forEach(IfMatchOpenApiFilter::document);
        }
        return pathItem;
    }

    private static void document(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        Parameter ifMatch = operation.getParameters().stream()
                .filter(p -> p.getIn() == Parameter.In.HEADER && "If-Match".equalsIgnoreCase(p.getName()))
                .findFirst().orElse(null);
        if (ifMatch == null) {
            return;
        }
        boolean optional = operation.getExtensions() != null && "optional".equals(operation.getExtensions().get(OPTIONAL_EXTENSION));
        ifMatch.setRequired(!optional);
        ifMatch.setDescription(optional
                ? "Optional: the ETag (a strong one, e.g. \"3\") of the version the request is based on; 412 when stale"
                : "Required: the ETag (a strong one, e.g. \"3\") of the version this write is based on, as GET answered it");
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        if (responses.getAPIResponse("412") == null) {
            responses.addAPIResponse("412", OASFactory.createAPIResponse().description(
                    "Stale version (type stale-version, currentVersion when known) or a weak validator (type weak-validator)"));
        }
        if (!optional && responses.getAPIResponse("428") == null) {
            responses.addAPIResponse("428", OASFactory.createAPIResponse().description("If-Match missing (type precondition-required)"));
        }
        operation.setResponses(responses);
    }
}
