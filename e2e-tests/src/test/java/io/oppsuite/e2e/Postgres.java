package io.oppsuite.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Restarts the local PostgreSQL cluster the way an operator or a crash would (immediate stop). */
final class Postgres {

    private Postgres() {
    }

    static void restart() throws Exception {
        String version;
        try (var versions = Files.list(Path.of("/etc/postgresql"))) {
            version = versions.map(p -> p.getFileName().toString()).sorted().reduce((a, b) -> b).orElseThrow();
        }
        run("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "stop", "-m", "immediate");
        Thread.sleep(2000);
        run("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start");
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }
}
