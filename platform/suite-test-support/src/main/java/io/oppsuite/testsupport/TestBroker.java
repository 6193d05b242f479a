package io.oppsuite.testsupport;

import io.oppsuite.localinfra.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.testcontainers.kafka.KafkaContainer;

import java.util.Collection;
import java.util.Map;
import java.util.Properties;

/** The broker a test talks to, with the outage controls the fault tests need. */
public interface TestBroker {

    String bootstrapServers();

    /** Takes the broker away from its clients (process stopped, or container paused). */
    void stop();

    /** Brings it back on the same address with its data. */
    void start();

    default void createTopics(Collection<String> names, Collection<String> compacted) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            var existing = admin.listTopics().names().get();
            var topics = names.stream().filter(n -> !existing.contains(n)).map(n -> {
                NewTopic topic = new NewTopic(n, 4, (short) 1);
                return compacted.contains(n)
                        ? topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))
                        : topic;
            }).toList();
            admin.createTopics(topics).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topics", e);
        }
    }

    static TestBroker of(KafkaBroker broker) {
        return new TestBroker() {
            public String bootstrapServers() {
                return broker.bootstrapServers();
            }

            public void stop() {
                broker.kill();
            }

            public void start() {
                broker.start();
            }
        };
    }

    static TestBroker of(KafkaContainer container) {
        return new TestBroker() {
            public String bootstrapServers() {
                return container.getBootstrapServers();
            }

            public void stop() {
                container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
            }

            public void start() {
                container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
            }
        };
    }
}
