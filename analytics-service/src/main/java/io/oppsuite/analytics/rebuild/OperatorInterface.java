package io.oppsuite.analytics.rebuild;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The operator's port: suite-wide actions on an HTTP listener of its own, bound to the loopback
 * interface by default, outside the API (no route of the API port reaches it, no token is read: who
 * can open a connection to it, e.g. {@code kubectl exec} or {@code kubectl port-forward} into the pod,
 * is the operator). Quarkus' management interface would serve this too, but it would move the health
 * and metrics endpoints every probe, scraper and script of the suite reads on the API port. One action
 * at a time (one handler thread).
 * <ul>
 * <li>{@code POST /rebuild}: every tenant recomputed from the stored event log</li>
 * <li>{@code POST /bootstrap-from-topics}: the topics imported into the event log, then every tenant rebuilt</li>
 * </ul>
 */
@ApplicationScoped
public class OperatorInterface {

    private static final Logger LOG = Logger.getLogger(OperatorInterface.class);

    @Inject
    SuiteRebuild suite;

    @Inject
    ObjectMapper mapper;

    @Inject
    OperatorSettings settings;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int apiPort;


    private volatile HttpServer server;
    private ExecutorService executor;

    void start(@Observes StartupEvent startup) throws IOException {
        if (!settings.enabled()) {
            return;
        }
        // the JDK's own server, apart from Vert.x's: its handlers may block (an action runs for minutes), on one thread
        executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "analytics-operator"));
        server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port().orElse(apiPort + 1100)), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        LOG.infof("operator interface on %s:%d (POST /rebuild, POST /bootstrap-from-topics)", settings.host(), port());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    /** The port it listens on (the configured one, or the one picked for port 0). */
    public int port() {
        return server == null ? -1 : server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Supplier<Uni<?>> action = switch (exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()) {
                case "POST /rebuild" -> suite::rebuildAll;
                case "POST /bootstrap-from-topics" -> suite::bootstrapFromTopics;
                default -> null;
            };
            if (action == null) {
                answer(exchange, 404, "application/problem+json", problem(404, "Not found", "POST /rebuild or POST /bootstrap-from-topics"));
                return;
            }
            try {
                answer(exchange, 200, "application/json", action.get().await().indefinitely());
            } catch (HttpProblem p) {
                answer(exchange, p.getStatusCode(), "application/problem+json", problem(p.getStatusCode(), p.getTitle(), p.getDetail()));
            } catch (RuntimeException e) {
                LOG.error("operator action failed", e);
                answer(exchange, 500, "application/problem+json", problem(500, "Operator action failed", String.valueOf(e.getMessage())));
            }
        }
    }

    private static Map<String, Object> problem(int status, String title, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("status", status);
        problem.put("title", title);
        problem.put("detail", detail);
        return problem;
    }

    private void answer(HttpExchange exchange, int status, String contentType, Object body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
