package io.oppsuite.devstack;

import io.oppsuite.localinfra.KafkaBroker;
import io.oppsuite.localinfra.LocalDatabases;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole suite on one machine without Docker: a KRaft broker from Maven Central jars, the
 * per-service databases on the local PostgreSQL, and the five services as built Quarkus apps,
 * each waited for until healthy. {@code main} is the local launcher; tests start it too.
 */
public final class DevStack implements AutoCloseable {

    /** The services, their default ports and database names. */
    public static final Map<String, Integer> SERVICES = new LinkedHashMap<>();
    static {
        SERVICES.put("pipeline-config-service", 8082);
        SERVICES.put("opportunity-service", 8081);
        SERVICES.put("approval-service", 8083);
        SERVICES.put("holding-service", 8084);
        SERVICES.put("analytics-service", 8085);
    }

    public static final List<String> TOPICS = List.of("opportunity-events", "pipeline-config-events", "approval-events", "holding-events");

    private final KafkaBroker broker;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, String> urls = new LinkedHashMap<>();

    private DevStack(KafkaBroker broker) {
        this.broker = broker;
    }

    /** Options: where the repo is, where state goes, fixed or free ports, database name suffix, PostgreSQL. */
    public record Options(Path root, Path stateDir, boolean freePorts, String databaseSuffix, boolean freshDatabases,
                          String pgHost, int pgPort, String pgUser, String pgPassword) {
        /** The developer's stack: fixed ports, data kept across runs. */
        public static Options local(Path root) {
            return new Options(root, root.resolve(".dev-stack"), false, "", false, env("PGHOST", "127.0.0.1"),
                    Integer.parseInt(env("PGPORT", "5432")), env("PGUSER", "postgres"), env("PGPASSWORD", ""));
        }

        /** A throw-away stack for tests and benchmarks: free ports, its own fresh databases. */
        public static Options isolated(Path root, Path stateDir, String databaseSuffix) {
            return new Options(root, stateDir, true, databaseSuffix, true, env("PGHOST", "127.0.0.1"),
                    Integer.parseInt(env("PGPORT", "5432")), env("PGUSER", "postgres"), env("PGPASSWORD", ""));
        }
    }

    public static DevStack start(Options options) throws Exception {
        List<String> databases = new ArrayList<>();
        for (String service : SERVICES.keySet()) {
            databases.add(database(service) + options.databaseSuffix());
        }
        String adminUrl = "jdbc:postgresql://" + options.pgHost() + ":" + options.pgPort() + "/postgres";
        try {
            if (options.freshDatabases()) {
                LocalDatabases.recreate(adminUrl, options.pgUser(), options.pgPassword(), databases.toArray(String[]::new));
            } else {
                LocalDatabases.ensure(adminUrl, options.pgUser(), options.pgPassword(), databases.toArray(String[]::new));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("""
                    PostgreSQL is not reachable at %s:%d as user '%s' (%s).
                    Start it:   bash deploy/scripts/ensure-postgres.sh   (or: pg_ctlcluster --skip-systemctl-redirect 15 main start)
                    Or point the launcher at another server with PGHOST, PGPORT, PGUSER, PGPASSWORD."""
                    .formatted(options.pgHost(), options.pgPort(), options.pgUser(), e.getMessage()), e);
        }
        if (options.freshDatabases()) {
            deleteRecursively(options.stateDir());
        }
        Files.createDirectories(options.stateDir().resolve("logs"));
        KafkaBroker broker = KafkaBroker.start(options.stateDir().resolve("kafka"), options.freePorts() ? 0 : 9092);
        broker.createTopics(TOPICS, 4, List.of("pipeline-config-events"));
        DevStack stack = new DevStack(broker);
        try {
            // ports first: services are told each other's addresses
            for (var entry : SERVICES.entrySet()) {
                int port = options.freePorts() ? KafkaBroker.freePort() : entry.getValue();
                stack.urls.put(entry.getKey(), "http://localhost:" + port);
            }
            for (String service : SERVICES.keySet()) {
                stack.launch(options, service, URI.create(stack.urls.get(service)).getPort());
            }
            stack.awaitHealthy(Duration.ofSeconds(300)); // five JVMs boot slowly on a loaded 2-core machine
        } catch (Exception e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    public String url(String service) {
        return urls.get(service);
    }

    public KafkaBroker broker() {
        return broker;
    }

    /** Stops one service (SIGTERM), e.g. to show a consumer catching up after a restart. */
    public void stopService(String service) {
        stop(service, false);
    }

    /** Kills one service outright (SIGKILL): no shutdown hooks, in-flight work lost, as in a node failure. */
    public void killService(String service) {
        stop(service, true);
    }

    private void stop(String service, boolean forcibly) {
        Process process = processes.get(service);
        if (process != null) {
            if (forcibly) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts a stopped or killed service again on its port and waits until the suite is healthy. */
    public void startService(String service) throws Exception {
        launch(lastOptions, service, URI.create(urls.get(service)).getPort());
        awaitHealthy(Duration.ofSeconds(120));
    }

    private Options lastOptions;

    static final String SERVICE_PROPERTY = "suite.service-property.";

    public void restartService(String service) throws Exception {
        stopService(service);
        int port = URI.create(urls.get(service)).getPort();
        launch(lastOptions, service, port);
        awaitHealthy(Duration.ofSeconds(120));
    }

    private void launch(Options options, String service, int port) throws IOException {
        lastOptions = options;
        Path jar = options.root().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests package)");
        }
        String db = database(service) + options.databaseSuffix();
        String pg = options.pgHost() + ":" + options.pgPort() + "/" + db;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // small and quick to boot by default (five JVMs on a laptop); benchmarks set SUITE_JVM_OPTS
        String jvmOpts = env("SUITE_JVM_OPTS", "-Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        command.addAll(List.of(jvmOpts.trim().split("\\s+")));
        command.addAll(List.of(
                "-Dquarkus.http.port=" + port,
                "-Dkafka.bootstrap.servers=" + broker.bootstrapServers(),
                "-Dquarkus.datasource.reactive.url=postgresql://" + pg,
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://" + pg,
                "-Dquarkus.datasource.username=" + options.pgUser(),
                "-Dquarkus.datasource.password=" + options.pgPassword(),
                "-Dmp.jwt.verify.publickey.location=" + options.root().resolve("deploy/dev-keys/dev-jwt-public.pem"),
                "-Dquarkus.rest-client.holding.url=" + urls.get("holding-service"),
                "-Dquarkus.rest-client.pipeline-config.url=" + urls.get("pipeline-config-service")));
        // settings a test run hands every service, e.g. -Dsuite.service-property.opportunity.overdue.every=2s
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith(SERVICE_PROPERTY)).sorted()
                .forEach(name -> command.add("-D" + name.substring(SERVICE_PROPERTY.length()) + "=" + System.getProperty(name)));
        command.add("-jar");
        command.add(jar.toString());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(options.stateDir().resolve("logs/" + service + ".log").toFile()))
                .start();
        processes.put(service, process);
        urls.put(service, "http://localhost:" + port);
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (var entry : urls.entrySet()) {
            while (true) {
                Process process = processes.get(entry.getKey());
                if (!process.isAlive()) {
                    throw new IllegalStateException(entry.getKey() + " exited with " + process.exitValue() + ", see its log under .dev-stack/logs");
                }
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(entry.getValue() + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        break;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(entry.getKey() + " not healthy after " + timeout);
                }
                Thread.sleep(500);
            }
        }
    }

    @Override
    public void close() {
        for (Process process : processes.values()) {
            process.destroy();
        }
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        broker.close();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    public static String database(String service) {
        return "oppsuite_" + service.replace("-service", "").replace("pipeline-config", "pipeline");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        System.out.println("Starting Opportunity Suite: embedded KRaft broker + 5 services against local PostgreSQL...");
        DevStack stack;
        try {
            stack = start(Options.local(root));
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the suite...");
            stack.close();
        }));
        System.out.println("\nOpportunity Suite is up. Kafka: " + stack.broker.bootstrapServers());
        stack.urls.forEach((service, url) -> System.out.printf("  %-24s %s   (Swagger UI: %s/q/swagger-ui, health: %s/q/health)%n",
                service, url, url, url));
        System.out.println("""

                A token for the demo tenant:  export TOKEN=$(deploy/dev-token.sh demo alice admin,manager,sales sales-emea)
                Then e.g.:                    curl -H "Authorization: Bearer $TOKEN" http://localhost:8082/sales-processes
                Logs: .dev-stack/logs/   Stop: Ctrl-C""");
        Thread.currentThread().join();
    }
}
