package io.oppsuite.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Checks every answer the end-to-end tests get (through RestAssured) against the service's own OpenAPI
 * document, as the build stored it: the status must be declared for that operation, and the content type
 * of a body must be declared for that status. What does not match is collected and fails the test class
 * that saw it (this is also a JUnit extension, registered for every class by auto-detection), so a
 * document that disagrees with its server fails the build.
 * <p>
 * Not checked: requests to a path or method the document does not have (the hostile-input test sends
 * those on purpose), and 414/431, which the HTTP layer answers before any operation is chosen.
 */
public final class OpenApiConformance implements Filter, AfterAllCallback {

    private static final Set<Integer> TRANSPORT_STATUSES = Set.of(405, 406, 414, 431);
    private static final Map<String, List<Operation>> OPERATIONS_BY_PORT = new ConcurrentHashMap<>();
    private static final List<String> VIOLATIONS = java.util.Collections.synchronizedList(new ArrayList<>());

    private record Operation(String service, String method, String template, Pattern pattern, int literalSegments, JsonNode responses) {
    }

    /** Reads the documents of the services at their URLs: service name -> base URL. */
    static void load(Path root, Map<String, String> urls) {
        ObjectMapper json = new ObjectMapper();
        urls.forEach((service, url) -> {
            JsonNode doc;
            try {
                doc = json.readTree(root.resolve(service).resolve("target/openapi/openapi.json").toFile());
            } catch (IOException e) {
                throw new IllegalStateException("the OpenAPI document of " + service + " is missing: build first", e);
            }
            List<Operation> operations = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                String regex = "^" + path.getKey().replaceAll("\\{[^/]+}", "[^/]+") + "/?$";
                int literals = (int) java.util.Arrays.stream(path.getKey().split("/")).filter(s -> !s.startsWith("{")).count();
                for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                    Map.Entry<String, JsonNode> method = methods.next();
                    if (method.getValue().has("responses")) {
                        operations.add(new Operation(service, method.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                                Pattern.compile(regex), literals, method.getValue().get("responses")));
                    }
                }
            }
            OPERATIONS_BY_PORT.put(String.valueOf(URI.create(url).getPort()), operations);
        });
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec, FilterContext context) {
        Response response = context.next(request, responseSpec);
        URI uri = URI.create(request.getURI());
        List<Operation> operations = OPERATIONS_BY_PORT.get(String.valueOf(uri.getPort()));
        if (operations == null || TRANSPORT_STATUSES.contains(response.statusCode())) {
            return response;
        }
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        Operation operation = operations.stream()
                .filter(o -> o.method().equals(method) && o.pattern().matcher(uri.getRawPath()).matches())
                .max(java.util.Comparator.comparingInt(Operation::literalSegments)).orElse(null);
        if (operation == null) {
            return response;
        }
        String status = String.valueOf(response.statusCode());
        JsonNode declared = operation.responses().get(status);
        String where = operation.service() + " " + method + " " + operation.template();
        if (declared == null) {
            VIOLATIONS.add(where + " answered " + status + ", which its document does not declare");
            return response;
        }
        String contentType = response.contentType();
        if (contentType != null && !contentType.isBlank() && response.asByteArray().length > 0) {
            String mediaType = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (!declared.path("content").has(mediaType)) {
                VIOLATIONS.add(where + " answered " + status + " as " + mediaType + ", declared " + iterable(declared.path("content")));
            }
        }
        return response;
    }

    private static List<String> iterable(JsonNode content) {
        List<String> names = new ArrayList<>();
        content.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> seen;
        synchronized (VIOLATIONS) {
            seen = new ArrayList<>(new java.util.LinkedHashSet<>(VIOLATIONS));
            VIOLATIONS.clear();
        }
        assertEquals(List.of(), seen, "answers the OpenAPI documents do not declare");
    }
}
