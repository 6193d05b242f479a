package io.oppsuite.e2e;

import io.oppsuite.devstack.DevStack;

import java.nio.file.Path;

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

    static String url(String service) {
        return get().url(service);
    }
}
