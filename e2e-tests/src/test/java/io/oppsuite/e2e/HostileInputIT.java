package io.oppsuite.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oppsuite.devstack.DevStack;
import io.oppsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sends at least 1,000 malformed or hostile requests to every service, built from each
 * service's own OpenAPI document: broken JSON, wrong types, huge strings, negative amounts,
 * unknown stages, SQL and script text, path traversal, missing, forged, expired and garbage
 * tokens, another tenant's token. Every answer must be below 500 and every error a problem
 * document.
 */
class HostileInputIT {

    static final int REQUESTS_PER_SERVICE = 1000;
    static final ObjectMapper JSON = new ObjectMapper();
    static final String[] HOSTILE_STRINGS = {
            "' OR '1'='1", "1; DROP TABLE opportunity; --", "<script>alert(1)</script>", "../../../../etc/passwd",
            "%00", "\u0000", "${jndi:ldap://x}", "-1", "0", "999999999999999999999999", "NaN", "true", "",
            "x".repeat(10_000), "\uD83D\uDE00".repeat(100), "null", "{}", "[]"};
    static final String[] BROKEN_BODIES = {
            "{", "[", "}", "{\"name\":", "null", "42", "\"just a string\"", "{\"amount\": -1}", "{\"amount\": \"lots\"}",
            "{\"name\": 12345, \"currency\": [1,2]}", "{\"stageKey\": \"won\", \"tenantId\": \"other\"}",
            "{\"toStage\": \"no-such-stage\"}", "{\"unknownField\": true}", "<xml/>", "[".repeat(5000) + "]".repeat(5000)};

    final Random random = new Random(20261123);
    /** A tenant none of the fuzzer's tokens belongs to; its opportunity's id is among the ids tried. */
    final String victimTenant = "victim-" + UUID.randomUUID().toString().substring(0, 8);
    final String victimSecret = "VICTIM-SECRET-" + UUID.randomUUID();
    String victimOpportunity;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void noServiceAnswersHostileInputWithA5xxOrANonProblem() throws Exception {
        DevStack stack = Suite.get();
        victimOpportunity = seedVictim(stack);
        List<String> failures = new ArrayList<>();
        int total = 0;
        for (String service : DevStack.SERVICES.keySet()) {
            String base = stack.url(service);
            List<String[]> operations = operations(base);
            if (operations.isEmpty()) {
                failures.add(service + " documents no operations");
                continue;
            }
            for (int i = 0; i < REQUESTS_PER_SERVICE; i++) {
                String[] op = operations.get(random.nextInt(operations.size()));
                HttpRequest request = hostile(base, op[0], op[1]);
                HttpResponse<String> response;
                total++;
                try {
                    response = http.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (java.io.IOException e) {
                    failures.add(service + " " + request.method() + " " + abbreviate(request.uri().toString()) + " → no answer: " + e.getMessage());
                    continue;
                }
                String contentType = response.headers().firstValue("content-type").orElse("");
                if (response.body() != null && response.body().contains(victimSecret)) {
                    failures.add(service + " " + request.method() + " " + request.uri() + " → another tenant's data: " + abbreviate(response.body()));
                } else if (response.statusCode() >= 500) {
                    failures.add(service + " " + request.method() + " " + request.uri() + " → " + response.statusCode() + " " + abbreviate(response.body()));
                } else if (response.statusCode() >= 400 && !contentType.startsWith("application/problem+json")) {
                    failures.add(service + " " + request.method() + " " + request.uri() + " → " + response.statusCode() + " not a problem document (" + contentType + ")");
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " bad answers of " + total + ", e.g.:\n" + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
        assertTrue(total >= REQUESTS_PER_SERVICE * DevStack.SERVICES.size());
    }

    /** An opportunity in a tenant no fuzzing token belongs to, named with a marker no answer may contain. */
    private String seedVictim(DevStack stack) {
        String process = Suite.publishStandardProcess(victimTenant);
        String token = Tokens.admin(victimTenant);
        String[] id = new String[1];
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(stack.url("opportunity-service") + "/opportunities"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("name", victimSecret, "amount", 1,
                            "currency", "EUR", "salesProcessId", process, "accountId", victimSecret)))).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 201) {
                id[0] = JSON.readTree(r.body()).get("id").asText();
                return true;
            }
            return false;
        });
        return id[0];
    }

    /** [method, path template] of every documented operation. */
    private List<String[]> operations(String base) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode paths = JSON.readTree(response.body()).path("paths");
        List<String[]> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            var path = it.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next().toUpperCase();
                if (List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    operations.add(new String[]{method, path.getKey()});
                }
            }
        }
        return operations;
    }

    private HttpRequest hostile(String base, String method, String template) {
        String path = template.replaceAll("\\{[^}]+}", pathValue());
        String query = random.nextInt(3) == 0 ? "?page=-1&size=" + enc(pick(HOSTILE_STRINGS)) + "&to=" + enc(pick(HOSTILE_STRINGS)) : "";
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path + query)).timeout(Duration.ofSeconds(30));
        String token = token();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (random.nextInt(4) == 0) {
            builder.header("If-Match", pick(new String[]{"\"abc\"", "\"-1\"", "W/\"1\"", "*", "\"99999\""}));
        }
        if (random.nextInt(4) == 0) {
            // hostile but transmittable: HTTP header values are visible ASCII
            String key = pick(HOSTILE_STRINGS).replaceAll("[^\\x21-\\x7e ]", "").strip();
            builder.header("Idempotency-Key", key.isEmpty() ? "k" : key.substring(0, Math.min(300, key.length())));
        }
        if (method.equals("GET") || method.equals("DELETE")) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        String contentType = random.nextInt(8) == 0 ? pick(new String[]{"text/plain", "application/xml", "text/csv"}) : "application/json";
        return builder.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body())).build();
    }

    private String body() {
        if (random.nextBoolean()) {
            return pick(BROKEN_BODIES);
        }
        // well-formed JSON with hostile values in plausible field names
        StringBuilder json = new StringBuilder("{");
        String[] fields = {"name", "amount", "currency", "salesProcessId", "toStage", "reason", "ownerId", "key", "label", "type",
                "stages", "limit", "comment", "decision", "trigger", "steps", "winRate", "expectedCloseDate", "employees", "conditions"};
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append('"').append(pick(fields)).append("\":").append(value());
        }
        return json.append('}').toString();
    }

    private String value() {
        return switch (random.nextInt(6)) {
            case 0 -> String.valueOf(-random.nextInt(1_000_000));
            case 1 -> "1e308";
            case 2 -> "[" + value() + "]";
            case 3 -> "{\"field\":" + quoted(pick(HOSTILE_STRINGS)) + "}";
            case 4 -> "null";
            default -> quoted(pick(HOSTILE_STRINGS));
        };
    }

    private String pathValue() {
        return switch (random.nextInt(5)) {
            case 0 -> UUID.randomUUID().toString();
            case 4 -> victimOpportunity;
            case 1 -> {
                String hostile = pick(HOSTILE_STRINGS);
                yield enc(hostile.isEmpty() ? "x" : hostile.substring(0, Math.min(500, hostile.length())));
            }
            case 2 -> "-1";
            default -> "qualification";
        };
    }

    private String token() {
        return switch (random.nextInt(7)) {
            case 0 -> null;
            case 1 -> Tokens.forged("fuzz", "mallory", "admin");
            case 2 -> Tokens.expired("fuzz", "mallory", "admin");
            case 3 -> "not.a.jwt";
            case 4 -> Tokens.issue("other-tenant", "eve", "sales");
            default -> Tokens.issue("fuzz", "mallory", pick(new String[]{"admin", "manager", "sales"}));
        };
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String quoted(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.substring(0, Math.min(200, s.length()));
    }
}
