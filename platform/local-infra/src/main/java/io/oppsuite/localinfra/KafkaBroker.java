package io.oppsuite.localinfra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker in KRaft mode (broker + controller), run from the Maven
 * Central jars on this JVM's classpath as a child JVM. A separate process, not an in-process
 * server, so it can be stopped, killed and restarted on the same port and data directory:
 * the broker outages the fault tests need, and what the local launcher runs.
 */
public final class KafkaBroker implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final String classpath;
    private Process process;

    private KafkaBroker(Path dir, int port, int controllerPort, String classpath) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.classpath = classpath;
    }

    /** Formats (once) and starts a broker under {@code dir}; port 0 picks a free one. */
    public static KafkaBroker start(Path dir, int port) {
        KafkaBroker broker = new KafkaBroker(dir, port == 0 ? freePort() : port, freePort(), System.getProperty("java.class.path"));
        broker.format();
        broker.start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path logFile() {
        return dir.resolve("broker.log");
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        process = java(List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "kafka.Kafka", dir.resolve("server.properties").toString()), true);
        awaitReady(Duration.ofSeconds(180)); // a JVM start takes minutes on a loaded 2-core machine
    }

    /** A clean stop (SIGTERM), as in a rolling restart. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            waitFor(process, 30);
        }
    }

    /** A crash (SIGKILL): nothing flushed, nothing said to clients. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process, 30);
        }
    }

    @Override
    public void close() {
        stop();
    }

    public void createTopics(Collection<String> names, int partitions, Collection<String> compacted) {
        try (Admin admin = admin()) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : names) {
                NewTopic topic = new NewTopic(name, partitions, (short) 1);
                if (compacted.contains(name)) {
                    topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                }
                topics.add(topic);
            }
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("topic creation timed out", e);
        }
    }

    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return Admin.create(props);
    }

    private void format() {
        try {
            Files.createDirectories(dir);
            Path props = dir.resolve("server.properties");
            Files.writeString(props, serverProperties());
            if (Files.exists(dir.resolve("data/meta.properties"))) {
                return;
            }
            Process formatter = java(List.of("-Xmx128m", "kafka.tools.StorageTool", "format",
                    "-t", Uuid.randomUuid().toString(), "-c", props.toString(), "--ignore-formatted"), false);
            if (!formatter.waitFor(120, TimeUnit.SECONDS) || formatter.exitValue() != 0) {
                throw new IllegalStateException("kafka storage format failed, see " + logFile());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String serverProperties() {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=4",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "log.retention.hours=168",
                "") ;
    }

    private Process java(List<String> args, boolean appendLog) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(classpath);
        if (onClasspath("org.jboss.logmanager.LogManager")) {
            command.add("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        }
        command.addAll(args);
        try {
            Files.createDirectories(dir);
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean onClasspath(String className) {
        try {
            Class.forName(className, false, KafkaBroker.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("kafka broker exited with " + process.exitValue() + ", see " + logFile());
            }
            try (Admin admin = admin()) {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            sleep(300);
        }
        throw new IllegalStateException("kafka broker not ready after " + timeout + ", see " + logFile(), last);
    }

    private static void waitFor(Process process, int seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
