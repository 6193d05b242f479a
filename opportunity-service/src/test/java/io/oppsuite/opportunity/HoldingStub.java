package io.oppsuite.opportunity;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for holding-service's reservation API (JDK HTTP server), as the contract describes it.
 * Tests steer it through system properties (JVM-wide, so class loaders do not matter):
 * {@code holding.stub.refuse-owner} → 409 holding-limit-exceeded for that owner,
 * {@code holding.stub.down=true} → the server goes away (connection refused).
 * {@code holding.stub.limit.<ownerId>=L} → that owner holds at most L: a reservation counts from reserve until it is
 * released (confirmed ones keep counting), checked and taken atomically as holding-service does, so exactly L of
 * any number of parallel reservations get through.
 * {@code GET /__open/<ownerId>} answers how many of the owner's reservations are open (not released).
 * {@code GET /__calls} lists the calls received ("reserve <ownerId> <auth>", "confirm <id> <auth>", "release <id> <auth>"; auth is
 * "bearer" when a bearer token came along, else "no-auth").
 */
public class HoldingStub implements QuarkusTestResourceLifecycleManager {

    public static final String REFUSE_OWNER = "holding.stub.refuse-owner";
    public static final String DOWN = "holding.stub.down";
    /** Answers for this owner only after 5 s: longer than the client's timeout. */
    public static final String SLOW_OWNER = "holding.stub.slow-owner";
    /** Prefix of the per-owner limit property. */
    public static final String LIMIT_PREFIX = "holding.stub.limit.";
    private static final Pattern OWNER = Pattern.compile("\"ownerId\"\\s*:\\s*\"([^\"]*)\"");

    private final List<String> calls = new CopyOnWriteArrayList<>();
    /** Open (not released) reservation ids per owner, and each id's owner; guarded by {@code this}. */
    private final Map<String, java.util.Set<String>> open = new java.util.HashMap<>();
    private final Map<String, String> ownerOf = new java.util.HashMap<>();
    private volatile HttpServer server;
    private volatile int port;
    private volatile boolean running = true;

    @Override
    public Map<String, String> start() {
        try {
            server = open(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        port = server.getAddress().getPort();
        Thread watcher = new Thread(this::watch, "holding-stub-watcher");
        watcher.setDaemon(true);
        watcher.start();
        return Map.of("quarkus.rest-client.holding.url", "http://127.0.0.1:" + port,
                "quarkus.rest-client.pipeline-config.url", "http://127.0.0.1:" + port);
    }

    @Override
    public void stop() {
        running = false;
        if (server != null) {
            server.stop(0);
        }
    }

    /** Goes away and comes back on the same port as the DOWN property says. */
    private void watch() {
        while (running) {
            boolean down = Boolean.getBoolean(DOWN);
            try {
                if (down && server != null) {
                    server.stop(0);
                    server = null;
                } else if (!down && server == null) {
                    server = open(port);
                }
                Thread.sleep(20);
            } catch (IOException | InterruptedException e) {
                // port busy for a moment: try again on the next round
            }
        }
    }

    private HttpServer open(int onPort) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 50);
        http.createContext("/", this::handle);
        http.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        http.start();
        return http;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (PipelineConfigStub.handles(path)) {
            PipelineConfigStub.handle(exchange);
            return;
        }
        if (path.equals("/__calls")) {
            respond(exchange, 200, String.join("\n", calls));
            return;
        }
        if (path.startsWith("/__open/")) {
            synchronized (this) {
                respond(exchange, 200, String.valueOf(open.getOrDefault(path.substring("/__open/".length()), java.util.Set.of()).size()));
            }
            return;
        }
        if (method.equals("POST") && path.equals("/holdings/reservations")) {
            Matcher m = OWNER.matcher(body);
            String owner = m.find() ? m.group(1) : "";
            calls.add("reserve " + owner + " " + auth(auth));
            if (owner.equals(System.getProperty(SLOW_OWNER))) {
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (owner.equals(System.getProperty(REFUSE_OWNER))) {
                exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
                respond(exchange, 409, "{\"type\":\"https://oppsuite.io/problems/holding-limit-exceeded\",\"title\":\"Holding limit reached\","
                        + "\"status\":409,\"detail\":\"" + owner + " holds 3 of at most 3\",\"ruleId\":\"rule-1\",\"ruleName\":\"Three per rep\","
                        + "\"limit\":3,\"current\":3,\"scope\":\"EMPLOYEE\",\"ownerId\":\"" + owner + "\"}");
                return;
            }
            String id = UUID.randomUUID().toString();
            String limit = System.getProperty(LIMIT_PREFIX + owner);
            long current;
            synchronized (this) {
                java.util.Set<String> held = open.computeIfAbsent(owner, o -> new java.util.HashSet<>());
                current = held.size();
                if (limit == null || current < Long.parseLong(limit)) {
                    held.add(id);
                    ownerOf.put(id, owner);
                    current = -1;
                }
            }
            if (current >= 0) {
                exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
                respond(exchange, 409, "{\"type\":\"https://oppsuite.io/problems/holding-limit-exceeded\",\"title\":\"Holding limit reached\","
                        + "\"status\":409,\"detail\":\"" + owner + " holds " + current + " of at most " + limit + "\",\"ruleId\":\"rule-l\","
                        + "\"ruleName\":\"Stub limit\",\"limit\":" + limit + ",\"current\":" + current + ",\"scope\":\"EMPLOYEE\","
                        + "\"ownerId\":\"" + owner + "\"}");
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            respond(exchange, 201, "{\"reservationId\":\"" + id + "\",\"counted\":true,\"expiresAt\":\""
                    + Instant.now().plusSeconds(30) + "\"}");
            return;
        }
        if (method.equals("POST") && path.startsWith("/holdings/reservations/") && path.endsWith("/confirm")) {
            calls.add("confirm " + path.split("/")[3] + " " + auth(auth));
            respond(exchange, 204, null);
            return;
        }
        if (method.equals("DELETE") && path.startsWith("/holdings/reservations/")) {
            String id = path.split("/")[3];
            calls.add("release " + id + " " + auth(auth));
            synchronized (this) {
                String owner = ownerOf.remove(id);
                if (owner != null) {
                    open.get(owner).remove(id);
                }
            }
            respond(exchange, 204, null);
            return;
        }
        respond(exchange, 404, "");
    }

    private static String auth(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ") ? "bearer" : "no-auth";
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
