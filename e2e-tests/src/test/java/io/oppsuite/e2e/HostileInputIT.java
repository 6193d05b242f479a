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
                } else if (response.statusCode() >= 400 && !response.body().contains("\"type\":\"https://oppsuite.io/problems/")) {
                    failures.add(service + " " + request.method() + " " + request.uri() + " → " + response.statusCode() + " names no problem type of ours: " + abbreviate(response.body()));
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " bad answers of " + total + ", e.g.:\n" + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
        assertTrue(total >= REQUESTS_PER_SERVICE * DevStack.SERVICES.size());
    }

    /** The victim tenant's records whose ids the reference class sends from another tenant. */
    record Victim(String process, String opportunity, String department) {
    }

    /** A tenant where alice created a deal with an Idempotency-Key, and bob, a colleague, who sends that key too. */
    record Users(String process, String key, String other) {
    }

    Victim victim;
    String victimProcess;
    String fuzzProcess;
    Users users;
    final String userSecret = "USER-SECRET-" + UUID.randomUUID();

    private String seedVictimDepartment() {
        String department = "victim-dept-" + UUID.randomUUID();
        Suite.directory(Tokens.admin(victimTenant), Map.of("departments", List.of(Map.of("id", department, "name", victimSecret))));
        return department;
    }

    /** alice's deal, created with her Idempotency-Key and named with a marker bob must never see. */
    private Users seedUsers(DevStack stack) {
        String tenant = "users-" + UUID.randomUUID().toString().substring(0, 8);
        String process = Suite.publishStandardProcess(tenant);
        String alice = Tokens.issue(tenant, "alice", "sales");
        String key = "key-" + UUID.randomUUID();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> http.send(HttpRequest.newBuilder(
                        URI.create(stack.url("opportunity-service") + "/opportunities"))
                .header("Authorization", "Bearer " + alice).header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("name", userSecret, "amount", 1, "currency", "EUR",
                        "salesProcessId", process, "accountId", userSecret)))).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 201);
        return new Users(process, key, Tokens.issue(tenant, "bob", "sales"));
    }

    /** An opportunity in a tenant no fuzzing token belongs to, named with a marker no answer may contain. */
    private String seedVictim(DevStack stack) {
        String process = Suite.publishStandardProcess(victimTenant);
        victimProcess = process;
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

    /** One documented operation: method, path template, and its documented query parameters (name → schema). */
    /** One documented operation: its query parameters, the properties and media types of its request body. */
    record Operation(String method, String path, Map<String, JsonNode> query, boolean secured, java.util.Set<String> bodyProperties,
                     java.util.Set<String> bodyMedia) {

        boolean pathless() {
            return !path.contains("{");
        }

        boolean takes(String... properties) {
            return java.util.Arrays.stream(properties).anyMatch(bodyProperties::contains);
        }
    }

    /** What a class accepts of an answer, beyond the rules for every answer: null when acceptable, else why not. */
    interface Check {
        String verdict(HttpResponse<String> response);

        static Check status(int expected) {
            return r -> r.statusCode() == expected ? null : r.statusCode() + " where " + expected + " was expected: " + abbreviate(r.body());
        }

        /** Refused: any 4xx (which one depends on what the operation checks first), never a success. */
        Check REFUSED = r -> r.statusCode() >= 400 && r.statusCode() < 500 ? null : r.statusCode() + " where a refusal was expected: " + abbreviate(r.body());
        Check ANY = r -> null;
    }

    /** A class of attack: the requests it makes against one operation (none when it does not apply). */
    interface AttackClass {
        List<HttpRequest.Builder> requests(Operation op, String base, String token);
    }

    static final long NOW = java.time.Instant.now().getEpochSecond();

    /**
     * The trust boundary's classes of hostile input, one line each: every documented operation of
     * every service gets every class that applies to it. An answer must be below 500, a problem
     * document when it is an error, name no Java class and carry no other tenant's data; the
     * {@code expect} status, when given, is the one answer allowed.
     */
    final Map<String, Map.Entry<Check, AttackClass>> classes = new java.util.LinkedHashMap<>(Map.ofEntries(
            cls("paging overflow", 400, (op, base, t) -> op.query().containsKey("page")
                    ? List.of(get(base, op, "page=2147483647", t), get(base, op, "page=30000000&size=100", t)) : List.of()),
            cls("malformed query values", 400, (op, base, t) -> op.query().entrySet().stream()
                    .filter(q -> !q.getValue().path("type").asText("string").equals("string") || q.getValue().has("format")
                            || q.getValue().has("enum"))
                    .map(q -> get(base, op, q.getKey() + "=" + enc(malformed(q.getValue())), t)).toList()),
            cls("control characters in query values", 400, (op, base, t) -> op.query().keySet().stream()
                    .map(q -> get(base, op, q + "=a%00b", t)).toList()),
            cls("dates outside years 1-9999", Check.ANY, (op, base, t) -> body(op, base, t,
                    "{\"name\":\"x\",\"expectedCloseDate\":\"0000-01-01\",\"asOf\":\"-999999999-01-01\",\"from\":\"+10000-01-01\"}")),
            cls("NUL and control-only names", Check.ANY, (op, base, t) -> body(op, base, t,
                    "{\"name\":\"\\u0000\",\"label\":\"\\u0001\\u0002\",\"reason\":\"a\\u0000b\"}")),
            cls("deeply nested JSON", Check.ANY, (op, base, t) -> body(op, base, t,
                    "{\"customFields\":" + "{\"a\":".repeat(999) + "1" + "}".repeat(999) + ",\"data\":" + "[".repeat(2000)
                            + "]".repeat(2000) + "}")),
            cls("tokens without usable claims", 401, (op, base, t) -> op.secured() ? List.of(
                    any(base, op, Tokens.withClaims(Map.of("sub", "mallory", "tenant", 42, "groups", List.of("admin")))),
                    any(base, op, Tokens.withClaims(Map.of("sub", "mallory", "tenant", List.of("fuzz"), "groups", List.of("admin")))),
                    any(base, op, Tokens.withClaims(Map.of("tenant", "fuzz", "groups", List.of("admin")))),
                    any(base, op, Tokens.withClaims(Map.of("sub", "mallory", "tenant", "fuzz", "groups", List.of("admin"),
                            "iat", NOW + 86_400)))) : List.of()),
            cls("oversized body", 413, (op, base, t) -> op.method().equals("POST") || op.method().equals("PUT")
                    ? List.of(any(base, op, t).header("Content-Type", "application/json")
                    .method(op.method(), HttpRequest.BodyPublishers.ofString("\"" + "x".repeat(3 * 1024 * 1024) + "\""))) : List.of()),
            cls("oversized URI", 414, (op, base, t) -> List.of(get(base, op, "q=" + "x".repeat(20_000), t))),
            cls("oversized headers", 431, (op, base, t) -> List.of(any(base, op, t).header("X-Padding", "y".repeat(20_000)))),
            cls("another tenant's references", Check.REFUSED, (op, base, t) -> op.pathless() && op.method().equals("POST")
                    && op.takes(REFERENCES) ? body(op, base, t, json(Map.of("name", "x", "amount", 1, "currency", "EUR",
                    "salesProcessId", victim.process(), "departmentId", victim.department(), "scope", "DEPARTMENT",
                    "scopeId", victim.department(), "poolId", victim.opportunity()))) : List.of()),
            cls("a rep acting for a colleague", Check.REFUSED, (op, base, t) -> op.pathless() && op.takes("ownerId")
                    ? body(op, base, Tokens.issue(FUZZ, "rep-mallory", "sales"), json(Map.of("ownerId", "rep-colleague",
                    "opportunityId", UUID.randomUUID().toString(), "name", "x", "amount", 1, "currency", "EUR",
                    "salesProcessId", fuzzProcess))) : List.of()),
            cls("a rep filing under another department", Check.REFUSED, (op, base, t) -> op.pathless() && op.takes("departmentId")
                    ? body(op, base, Tokens.issue(FUZZ, "rep-mallory", "sales"), json(Map.of("ownerId", "rep-mallory",
                    "departmentId", "no-such-department", "name", "x", "amount", 1, "currency", "EUR", "salesProcessId", fuzzProcess)))
                    : List.of()),
            cls("another user's idempotency key", Check.ANY, (op, base, t) -> op.pathless() && op.method().equals("POST")
                    ? body(op, base, users.other(), json(Map.of("name", "not alice's", "amount", 1, "currency", "EUR",
                    "salesProcessId", users.process()))).stream().map(b -> b.header("Idempotency-Key", users.key())).toList()
                    : List.of()),
            cls("CSV with a BOM and a broken quote", HostileInputIT::everyCsvRowAnswered, (op, base, t) ->
                    op.bodyMedia().contains("text/csv") ? List.of(HttpRequest.newBuilder(URI.create(base + concrete(op.path())))
                    .header("Authorization", "Bearer " + t).header("Content-Type", "text/csv")
                    .method(op.method(), HttpRequest.BodyPublishers.ofString(brokenCsv()))) : List.of())));

    /** Properties of request bodies that name another record: checked in the caller's tenant. */
    static final String[] REFERENCES = {"salesProcessId", "departmentId", "scopeId", "poolId"};
    static final String FUZZ = "fuzz";
    static final int CSV_DATA_ROWS = 4;

    private static Map.Entry<String, Map.Entry<Check, AttackClass>> cls(String name, Integer expect, AttackClass attack) {
        return cls(name, expect == null ? Check.ANY : Check.status(expect), attack);
    }

    private static Map.Entry<String, Map.Entry<Check, AttackClass>> cls(String name, Check check, AttackClass attack) {
        return Map.entry(name, new java.util.AbstractMap.SimpleEntry<>(check, attack));
    }

    /** A UTF-8 BOM, then four data rows, the second with a stray quote and the third with one that never closes. */
    private String brokenCsv() {
        return "\uFEFFname,amount,currency,salesProcessId\n"
                + "One,10,EUR," + fuzzProcess + "\n"
                + "Two \"quoted\" badly,10,EUR," + fuzzProcess + "\n"
                + "\"Three,10,EUR," + fuzzProcess + "\n"
                + "Four,10,EUR," + fuzzProcess + "\n";
    }

    /** An import answers every data row of the file, no more, no less. */
    private static String everyCsvRowAnswered(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return null;
        }
        try {
            int rows = JSON.readTree(response.body()).path("rows").size();
            return rows == CSV_DATA_ROWS ? null : rows + " row results for " + CSV_DATA_ROWS + " data rows: " + abbreviate(response.body());
        } catch (Exception e) {
            return "unreadable import answer: " + abbreviate(response.body());
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyClassOfHostileInputOnEveryOperationOfEveryServiceIsRefusedCleanly() throws Exception {
        DevStack stack = Suite.get();
        victimOpportunity = seedVictim(stack);
        victim = new Victim(victimProcess, victimOpportunity, seedVictimDepartment());
        fuzzProcess = Suite.publishStandardProcess(FUZZ);
        users = seedUsers(stack);
        String token = Tokens.issue(FUZZ, "mallory", "admin", "manager", "sales");
        List<String> failures = new ArrayList<>();
        Map<String, Integer> sent = new java.util.TreeMap<>();
        for (String service : DevStack.SERVICES.keySet()) {
            String base = stack.url(service);
            for (Operation op : documented(base)) {
                for (var entry : classes.entrySet()) {
                    for (HttpRequest.Builder builder : entry.getValue().getValue().requests(op, base, token)) {
                        HttpRequest request = builder.timeout(Duration.ofSeconds(30)).build();
                        sent.merge(entry.getKey(), 1, Integer::sum);
                        String where = service + " [" + entry.getKey() + "] " + request.method() + " " + abbreviate(request.uri().toString());
                        HttpResponse<String> response;
                        try {
                            response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        } catch (java.io.IOException e) {
                            failures.add(where + " → no answer: " + e.getMessage());
                            continue;
                        }
                        String problem = judge(response);
                        if (problem == null) {
                            problem = entry.getValue().getKey().verdict(response);
                        }
                        if (problem != null) {
                            failures.add(where + " → " + problem);
                        }
                    }
                }
            }
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (health.statusCode() != 200) {
                failures.add(service + " is not healthy afterwards: " + health.statusCode() + " " + abbreviate(health.body()));
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " bad answers (sent per class: " + sent + "), e.g.:\n"
                + String.join("\n", failures.subList(0, Math.min(30, failures.size()))));
        classes.keySet().forEach(name -> assertTrue(sent.getOrDefault(name, 0) > 0, "class '" + name + "' sent nothing"));
    }

    /** Why an answer is bad (5xx, an error that is no problem document, a Java class name, another tenant's data), or null. */
    private String judge(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        String contentType = response.headers().firstValue("content-type").orElse("");
        if (body.contains(victimSecret)) {
            return "another tenant's data: " + abbreviate(body);
        }
        if (body.contains(userSecret)) {
            return "another user's data: " + abbreviate(body);
        }
        if (response.statusCode() >= 500) {
            return response.statusCode() + " " + abbreviate(body);
        }
        if (response.statusCode() >= 400 && !contentType.startsWith("application/problem+json")) {
            return response.statusCode() + " not a problem document (" + contentType + ")";
        }
        if (response.statusCode() >= 400 && JAVA_CLASS.matcher(body).find()) {
            return response.statusCode() + " names a Java class: " + abbreviate(body);
        }
        if (response.statusCode() >= 400 && !body.contains("\"type\":\"https://oppsuite.io/problems/")) {
            return response.statusCode() + " names no problem type of ours: " + abbreviate(body);
        }
        return null;
    }

    static final java.util.regex.Pattern JAVA_CLASS = java.util.regex.Pattern.compile(
            "\\b(java|javax|jakarta|com\\.fasterxml|io\\.vertx|io\\.quarkus|org\\.hibernate|io\\.oppsuite)\\.[a-z]+\\.");

    /** Every documented operation with its query parameters, from the service's OpenAPI document. */
    private List<Operation> documented(String base) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode root = JSON.readTree(response.body());
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("paths").fields(); it.hasNext(); ) {
            var path = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                var method = methods.next();
                String verb = method.getKey().toUpperCase();
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(verb)) {
                    continue;
                }
                Map<String, JsonNode> query = new java.util.LinkedHashMap<>();
                for (JsonNode parameter : method.getValue().path("parameters")) {
                    JsonNode resolved = parameter.has("$ref") ? root.at(parameter.get("$ref").asText().substring(1)) : parameter;
                    if ("query".equals(resolved.path("in").asText())) {
                        JsonNode schema = resolved.path("schema");
                        if (schema.has("$ref")) {
                            schema = root.at(schema.get("$ref").asText().substring(1));
                        }
                        query.put(resolved.path("name").asText(), schema);
                    }
                }
                boolean secured = method.getValue().has("security") || root.has("security")
                        || !path.getKey().startsWith("/q/");
                java.util.Set<String> bodyProperties = new java.util.TreeSet<>();
                java.util.Set<String> bodyMedia = new java.util.TreeSet<>();
                JsonNode content = resolve(root, method.getValue().path("requestBody")).path("content");
                for (Iterator<Map.Entry<String, JsonNode>> media = content.fields(); media.hasNext(); ) {
                    var m = media.next();
                    bodyMedia.add(m.getKey());
                    properties(root, m.getValue().path("schema"), bodyProperties, 0);
                }
                operations.add(new Operation(verb, path.getKey(), query, secured, bodyProperties, bodyMedia));
            }
        }
        return operations;
    }

    private static JsonNode resolve(JsonNode root, JsonNode node) {
        return node.has("$ref") ? root.at(node.get("$ref").asText().substring(1)) : node;
    }

    /** The property names a body schema admits (through $ref, allOf, oneOf and anyOf). */
    private static void properties(JsonNode root, JsonNode schema, java.util.Set<String> into, int depth) {
        JsonNode resolved = resolve(root, schema);
        if (depth > 5 || resolved.isMissingNode()) {
            return;
        }
        resolved.path("properties").fieldNames().forEachRemaining(into::add);
        for (String combinator : new String[]{"allOf", "oneOf", "anyOf"}) {
            resolved.path(combinator).forEach(part -> properties(root, part, into, depth + 1));
        }
    }

    /** A value the parameter's schema does not admit. */
    private static String malformed(JsonNode schema) {
        String type = schema.path("type").asText("string");
        String format = schema.path("format").asText("");
        if (schema.has("enum")) {
            return "BOGUS";
        }
        if (format.equals("date")) {
            return "notadate";
        }
        if (format.equals("date-time")) {
            return "-999999999-01-01T00:00:00Z";
        }
        return switch (type) {
            case "integer", "number" -> "abc";
            case "boolean" -> "maybe";
            default -> "not-a-" + (format.isEmpty() ? type : format);
        };
    }

    private HttpRequest.Builder any(String base, Operation op, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + concrete(op.path())))
                .header("Authorization", "Bearer " + token);
        return op.method().equals("GET") || op.method().equals("DELETE")
                ? builder.method(op.method(), HttpRequest.BodyPublishers.noBody())
                : builder.header("Content-Type", "application/json").method(op.method(), HttpRequest.BodyPublishers.ofString("{}"));
    }

    private HttpRequest.Builder get(String base, Operation op, String query, String token) {
        return HttpRequest.newBuilder(URI.create(base + concrete(op.path()) + "?" + query)).header("Authorization", "Bearer " + token)
                .method(op.method(), op.method().equals("GET") || op.method().equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"));
    }

    private List<HttpRequest.Builder> body(Operation op, String base, String token, String json) {
        if (op.method().equals("GET") || op.method().equals("DELETE")) {
            return List.of();
        }
        return List.of(HttpRequest.newBuilder(URI.create(base + concrete(op.path()))).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").method(op.method(), HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Path parameters filled with a fresh id, so that every operation is reachable and another tenant's rows are not. */
    private static String concrete(String template) {
        return template.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
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
