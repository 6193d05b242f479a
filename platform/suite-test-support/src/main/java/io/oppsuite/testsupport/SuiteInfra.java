package io.oppsuite.testsupport;

import io.oppsuite.common.events.Topics;
import io.oppsuite.localinfra.KafkaBroker;
import io.oppsuite.localinfra.LocalDatabases;
import org.jboss.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real PostgreSQL and the real Kafka broker one test JVM shares. Testcontainers where a
 * Docker engine answers; otherwise the local PostgreSQL (127.0.0.1:5432, or PGHOST/PGPORT/
 * PGUSER/PGPASSWORD) and a KRaft broker started from Maven Central jars.
 */
public final class SuiteInfra {

    private static final Logger LOG = Logger.getLogger(SuiteInfra.class);
    private static SuiteInfra instance;

    private final TestBroker broker;
    private final String pgHost;
    private final int pgPort;
    private final String pgUser;
    private final String pgPassword;

    private SuiteInfra(TestBroker broker, String pgHost, int pgPort, String pgUser, String pgPassword) {
        this.broker = broker;
        this.pgHost = pgHost;
        this.pgPort = pgPort;
        this.pgUser = pgUser;
        this.pgPassword = pgPassword;
    }

    public static synchronized SuiteInfra get() {
        if (instance == null) {
            instance = dockerAvailable() ? withContainers() : local();
            List<String> topics = new ArrayList<>(Topics.ALL);
            instance.broker.createTopics(topics, Topics.COMPACTED);
        }
        return instance;
    }

    public TestBroker broker() {
        return broker;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://" + pgHost + ":" + pgPort + "/" + database;
    }

    public String pgUser() {
        return pgUser;
    }

    public String pgPassword() {
        return pgPassword;
    }

    public void ensureDatabase(String database) {
        try {
            LocalDatabases.ensure(jdbcUrl("postgres"), pgUser, pgPassword, database);
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL at " + pgHost + ":" + pgPort + " is not reachable as " + pgUser
                    + ". Start it (pg_ctlcluster --skip-systemctl-redirect 15 main start) or set PGHOST/PGPORT.", e);
        }
    }

    /** Only ask Testcontainers when there is a hint of Docker: it logs an ERROR when there is none. */
    private static boolean dockerAvailable() {
        if (System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static SuiteInfra local() {
        Path dir = Path.of("target", "kafka-broker").toAbsolutePath();
        deleteRecursively(dir);
        long start = System.nanoTime();
        KafkaBroker kafka = KafkaBroker.start(dir, 0);
        LOG.infof("embedded KRaft broker at %s in %d ms", kafka.bootstrapServers(), (System.nanoTime() - start) / 1_000_000);
        String host = env("PGHOST", "127.0.0.1");
        int port = Integer.parseInt(env("PGPORT", "5432"));
        return new SuiteInfra(TestBroker.of(kafka), host, port, env("PGUSER", "postgres"), env("PGPASSWORD", ""));
    }

    @SuppressWarnings("resource")
    private static SuiteInfra withContainers() {
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:15-alpine")
                .withUsername("postgres").withPassword("postgres");
        postgres.start();
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");
        kafka.start();
        return new SuiteInfra(TestBroker.of(kafka), postgres.getHost(), postgres.getMappedPort(5432), "postgres", "postgres");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
