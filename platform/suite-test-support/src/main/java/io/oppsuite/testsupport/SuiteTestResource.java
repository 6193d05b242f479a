package io.oppsuite.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Points a service under test at the real PostgreSQL (its own database, from the
 * {@code database} arg) and the real Kafka broker of {@link SuiteInfra}.
 */
public class SuiteTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "oppsuite_test";

    @Override
    public void init(Map<String, String> initArgs) {
        // a suffix keeps two checkouts testing on one machine (e.g. git worktrees) out of each other's databases
        database = initArgs.getOrDefault("database", database) + System.getenv().getOrDefault("SUITE_TEST_DB_SUFFIX", "");
    }

    @Override
    public Map<String, String> start() {
        SuiteInfra infra = SuiteInfra.get();
        infra.ensureDatabase(database);
        // the contract check after each test class reads what the services published here
        System.setProperty(EventContractCheck.BOOTSTRAP_PROPERTY, infra.broker().bootstrapServers());
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", infra.broker().bootstrapServers());
        config.put("quarkus.datasource.reactive.url", infra.reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", infra.jdbcUrl(database));
        config.put("quarkus.datasource.username", infra.pgUser());
        config.put("quarkus.datasource.password", infra.pgPassword());
        return config;
    }

    @Override
    public void stop() {
        // The broker is shared by every test class of this JVM and stops with it.
    }
}
