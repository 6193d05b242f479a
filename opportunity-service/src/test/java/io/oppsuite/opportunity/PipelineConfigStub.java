package io.oppsuite.opportunity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.testsupport.SalesProcessFixtures;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for pipeline-config-service's {@code GET /sales-processes/{id}} (served on {@link HoldingStub}'s
 * port, so the module keeps one test-resource configuration). It knows only the processes a test
 * {@link #save saves} here, never those published on the topic: a create that succeeds with a saved
 * process was read through. Steered JVM-wide through system properties (class loaders do not matter):
 * {@code pipeline.stub.process.<tenant>.<id>} holds a process's JSON, {@code pipeline.stub.unavailable=true}
 * answers 503. Answers 304 to an If-None-Match naming the current version, as the service does.
 */
final class PipelineConfigStub {

    static final String PROCESS_PREFIX = "pipeline.stub.process.";
    static final String UNAVAILABLE = "pipeline.stub.unavailable";
    /** The calls received: "GET <id> <If-None-Match or -> <bearer|no-auth>". */
    static final List<String> CALLS = new CopyOnWriteArrayList<>();

    private PipelineConfigStub() {
    }

    /** As pipeline-config-service stores it after a save (nothing is published to Kafka). */
    static void save(String tenant, SalesProcessSnapshot process) {
        try {
            System.setProperty(PROCESS_PREFIX + tenant + "." + process.id(), SalesProcessFixtures.JSON.writeValueAsString(process));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean handles(String path) {
        return path.startsWith("/sales-processes/");
    }

    static void handle(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/sales-processes/".length());
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        CALLS.add("GET " + id + " " + (ifNoneMatch == null ? "-" : ifNoneMatch) + " "
                + (auth != null && auth.startsWith("Bearer ") ? "bearer" : "no-auth"));
        if (Boolean.getBoolean(UNAVAILABLE)) {
            respond(exchange, 503, "{\"status\":503}");
            return;
        }
        String tenant = tenantOf(auth);
        String json = tenant == null ? null : System.getProperty(PROCESS_PREFIX + tenant + "." + id);
        if (json == null) {
            respond(exchange, 404, "{\"status\":404}");
            return;
        }
        String version = String.valueOf(SalesProcessFixtures.JSON.readTree(json).path("version").asLong());
        exchange.getResponseHeaders().add("ETag", "\"" + version + "\"");
        if (ifNoneMatch != null && ifNoneMatch.replace("\"", "").trim().equals(version)) {
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        respond(exchange, 200, json);
    }

    /** The token's tenant claim (the service verified the token before forwarding it). */
    private static String tenantOf(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        try {
            JsonNode claims = SalesProcessFixtures.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return claims.path("tenant").asText(null);
        } catch (RuntimeException | IOException e) {
            return null;
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
