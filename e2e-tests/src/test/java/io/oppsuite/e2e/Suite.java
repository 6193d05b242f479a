package io.oppsuite.e2e;

import io.oppsuite.devstack.DevStack;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.oppsuite.common.contracts.SalesProcessSnapshot;
import io.oppsuite.testsupport.CloudEvents;
import io.oppsuite.testsupport.SalesProcessFixtures;

import java.nio.file.Path;
import java.util.UUID;

/** The packaged suite, started once per test JVM with the same launcher as deploy/run-local.sh. */
final class Suite {

    private static DevStack stack;

    private Suite() {
    }

    static synchronized DevStack get() {
        if (stack == null) {
            Path root = Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
            try {
                stack = DevStack.start(DevStack.Options.isolated(root, root.resolve("e2e-tests/target/stack"), "_e2e"));
            } catch (Exception e) {
                throw new IllegalStateException("the suite did not start; logs in e2e-tests/target/stack/logs", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        }
        return stack;
    }

    /**
     * A standard sales process for the tenant, as pipeline-config-service publishes it on its
     * compacted topic (services that consume config learn it from there, asynchronously).
     */
    static String publishStandardProcess(String tenant) {
        SalesProcessSnapshot process = SalesProcessFixtures.standard(UUID.randomUUID().toString(), 1);
        try {
            CloudEvents.publish(get().broker().bootstrapServers(), "pipeline-config-events", process.id(),
                    UUID.randomUUID().toString(), "sales-process.upserted", tenant, SalesProcessFixtures.JSON.writeValueAsString(process));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return process.id();
    }

    static String url(String service) {
        return get().url(service);
    }
}
