package io.oppsuite.common.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one place every service's OpenAPI document gets what is the same for all of them, so the five
 * documents agree and no resource repeats it: one bearer security scheme applied globally; every error
 * answer as {@code application/problem+json} with a schema per status carrying that status's problem
 * extensions ({@link ProblemSchemas}); the statuses every operation can answer (400, 401, 403, 500, 503;
 * 404 on a path with an id; 413, 415 and 422 with a body); {@code If-Match} documented where a write takes it
 * (required, with 412 and 428, unless the operation is marked {@link #IF_MATCH_OPTIONAL}); the
 * {@code ETag}, {@code Location} and {@code Retry-After} headers the resources refer to; and no component
 * nothing refers to ({@link ComponentPruning}).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiContractFilter implements OASFilter {

    /** On an operation whose racing losers are told 409 (a claim from a pool): {@code If-Match} stays optional. */
    public static final String IF_MATCH_OPTIONAL = "x-if-match";

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final String BEARER = "bearerAuth";

    private static final Map<String, String> STATUS_DESCRIPTIONS = Map.ofEntries(
            Map.entry("400", "Malformed request: body, parameter or header (problem document)"),
            Map.entry("401", "Missing, invalid or expired bearer token"),
            Map.entry("403", "The caller's role or scope does not allow this"),
            Map.entry("404", "No such resource in the caller's tenant"),
            Map.entry("409", "Conflict with the current state"),
            Map.entry("412", "Stale version (type stale-version, currentVersion when known) or a weak validator (type weak-validator)"),
            Map.entry("413", "Request body too large"),
            Map.entry("415", "Unsupported request content type"),
            Map.entry("422", "Well-formed but refused by the domain rules"),
            Map.entry("428", "If-Match missing (type precondition-required)"),
            Map.entry("500", "Unexpected failure; the problem's errorId, where present, identifies it in the log"),
            Map.entry("503", "The database or a service this one depends on is unavailable; retry after Retry-After seconds"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        openAPI.setComponents(components);
        components.setSecuritySchemes(new TreeMap<>(Map.of(BEARER, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("A JWT signed by the suite's issuer; claims tenant, sub, groups (admin, manager, sales), department"))));
        openAPI.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(BEARER)));
        headers(components);
        ProblemSchemas.addTo(components);
        servers(openAPI);
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (item.getOperations() != null) {
                item.getOperations().forEach((method, operation) -> document(path, method, operation));
            }
        });
        ComponentPruning.prune(openAPI);
        nullableOptionals(components);
    }

    /**
     * The services write absent optional members as null (a deal without close date, a stage without
     * settings): an optional member of a typed, non-enumerated schema may be null, as JSON Schema 2020-12
     * says it (type [x, "null"]), so validators and strict clients accept what the server sends.
     */
    private static void nullableOptionals(Components components) {
        if (components.getSchemas() == null) {
            return;
        }
        components.getSchemas().values().forEach(schema -> {
            if (schema.getProperties() == null) {
                return;
            }
            List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
            schema.getProperties().forEach((name, property) -> {
                if (!required.contains(name) && property.getRef() == null && property.getType() != null
                        && !property.getType().isEmpty() && property.getEnumeration() == null
                        && !property.getType().contains(Schema.SchemaType.NULL)) {
                    property.addType(Schema.SchemaType.NULL);
                }
            });
        });
    }

    /**
     * One server as a template whose variables a deployment fills in (the defaults are the local suite's
     * address, the service's own port): the same document serves the local suite, Kubernetes and a gateway.
     */
    private static void servers(OpenAPI openAPI) {
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
        openAPI.setServers(List.of(OASFactory.createServer().url("{scheme}://{host}:{port}")
                .description("A deployment of the service; the defaults are the local suite's (deploy/run-local.sh)")
                .addVariable("scheme", OASFactory.createServerVariable().defaultValue("http").enumeration(List.of("http", "https")))
                .addVariable("host", OASFactory.createServerVariable().defaultValue("localhost").description("Host name or address"))
                .addVariable("port", OASFactory.createServerVariable().defaultValue(String.valueOf(port)).description("Port"))));
    }

    private static void headers(Components components) {
        components.addHeader("ETag", OASFactory.createHeader().description("The version of the resource, a strong validator, e.g. \"3\"")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        components.addHeader("Location", OASFactory.createHeader().description("The URL of the created resource")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri-reference")));
        components.addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before retrying")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation) {
        operation.setSecurity(null); // the global requirement applies
        if (operation.getDescription() == null || operation.getDescription().isBlank()) {
            operation.setDescription(operation.getSummary());
        }
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        operation.setResponses(responses);
        ifMatch(operation, responses);
        // any operation: bad input, no or a bad token, a role that may not, a bug, the database (or a service asked) down
        addIfMissing(responses, "400", "401", "403", "500", "503");
        if (path.contains("{")) {
            addIfMissing(responses, "404");
        }
        if (operation.getRequestBody() != null) {
            // a body the domain rules refuse, or one too large or of a type not taken
            addIfMissing(responses, "413", "415", "422");
        }
        if (method != PathItem.HttpMethod.GET && responses.getAPIResponse("412") != null) {
            // writers racing on one row: the loser of the row lock may be told 409 concurrent-modification
            addIfMissing(responses, "409");
        }
        responses.getAPIResponses().forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                problem(code, response);
            } else if (response.getDescription() == null || response.getDescription().isBlank()) {
                response.setDescription("OK");
            }
        });
    }

    private static void addIfMissing(APIResponses responses, String... codes) {
        for (String code : codes) {
            if (responses.getAPIResponse(code) == null) {
                responses.addAPIResponse(code, OASFactory.createAPIResponse().description(STATUS_DESCRIPTIONS.get(code)));
            }
        }
    }

    private static void problem(String code, APIResponse response) {
        if (response.getDescription() == null || response.getDescription().isBlank()) {
            response.setDescription(STATUS_DESCRIPTIONS.getOrDefault(code, "Problem document"));
        }
        Schema schema = OASFactory.createSchema().ref(ProblemSchemas.forStatus(code));
        org.eclipse.microprofile.openapi.models.media.MediaType problem = OASFactory.createMediaType().schema(schema);
        // examples a resource gave for this answer stay, under the media type the server sends
        if (response.getContent() != null && response.getContent().getMediaTypes() != null) {
            response.getContent().getMediaTypes().values().stream()
                    .filter(type -> type.getExamples() != null && !type.getExamples().isEmpty())
                    .findFirst().ifPresent(type -> problem.setExamples(type.getExamples()));
        }
        response.setContent(OASFactory.createContent().addMediaType(PROBLEM_JSON, problem));
        if (code.equals("503")) {
            response.addHeader("Retry-After", OASFactory.createHeader().ref("Retry-After"));
        }
    }

    /** If-Match on an existing record's writes: required with 412 and 428, unless marked optional. */
    private static void ifMatch(Operation operation, APIResponses responses) {
        if (operation.getParameters() == null) {
            return;
        }
        Parameter ifMatch = operation.getParameters().stream()
                .filter(p -> p.getIn() == Parameter.In.HEADER && "If-Match".equalsIgnoreCase(p.getName()))
                .findFirst().orElse(null);
        if (ifMatch == null) {
            return;
        }
        // a method-level @Extension lands on the operation's responses: look there too, and leave it nowhere
        boolean optional = "optional".equals(operation.getExtensions() == null ? null : operation.getExtensions().get(IF_MATCH_OPTIONAL))
                || "optional".equals(responses.getExtensions() == null ? null : responses.getExtensions().get(IF_MATCH_OPTIONAL))
                || responses.getAPIResponses().values().stream().anyMatch(r -> r.getExtensions() != null
                && "optional".equals(r.getExtensions().get(IF_MATCH_OPTIONAL)));
        if (operation.getExtensions() != null) {
            operation.removeExtension(IF_MATCH_OPTIONAL);
        }
        if (responses.getExtensions() != null) {
            responses.removeExtension(IF_MATCH_OPTIONAL);
        }
        responses.getAPIResponses().values().stream().filter(r -> r.getExtensions() != null)
                .forEach(r -> r.removeExtension(IF_MATCH_OPTIONAL));
        ifMatch.setRequired(!optional);
        ifMatch.setDescription(optional
                ? "Optional: the ETag (a strong one, e.g. \"3\") of the version the request is based on; 412 when stale"
                : "Required: the ETag (a strong one, e.g. \"3\") of the version this write is based on, as GET answered it");
        addIfMissing(responses, "412");
        if (!optional) {
            addIfMissing(responses, "428");
        }
    }
}
