package io.oppsuite.approval;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A stand-in for pipeline-config-service's {@code GET /sales-processes/{id}} (JDK HTTP server): it knows
 * one process, {@link #PROCESS} (stages qualification, proposal, negotiation, won, lost, invalid), and
 * only for callers that send a bearer token; every other id is a 404, as another tenant's would be.
 */
public class PipelineConfigStub implements QuarkusTestResourceLifecycleManager {

    public static final String PROCESS = "process-1";
    private static final String BODY = """
            {"id": "process-1", "name": "Test process", "version": 0, "stages": [
              {"key": "qualification", "label": "Qualification", "type": "IN_PROGRESS", "defaultWinRate": 10, "tasks": []},
              {"key": "proposal", "label": "Proposal", "type": "IN_PROGRESS", "defaultWinRate": 50, "tasks": []},
              {"key": "negotiation", "label": "Negotiation", "type": "IN_PROGRESS", "defaultWinRate": 75, "tasks": []},
              {"key": "won", "label": "Won", "type": "WON", "defaultWinRate": 100, "tasks": []},
              {"key": "lost", "label": "Lost", "type": "LOST", "defaultWinRate": 0, "tasks": []},
              {"key": "invalid", "label": "Invalid", "type": "INVALID", "defaultWinRate": 0, "tasks": []}]}""";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/sales-processes/", exchange -> {
            String id = exchange.getRequestURI().getPath().substring("/sales-processes/".length());
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            boolean known = PROCESS.equals(id) && auth != null && auth.startsWith("Bearer ");
            byte[] body = (known ? BODY : "{\"status\":404}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", known ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(known ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return Map.of("quarkus.rest-client.pipeline-config.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
