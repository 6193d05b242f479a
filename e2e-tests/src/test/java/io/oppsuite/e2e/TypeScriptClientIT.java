package io.oppsuite.e2e;

import io.oppsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TypeScript client of deploy/api-client-ts: types generated from the five OpenAPI documents the build
 * stored, compiled with {@code tsc --strict}, and the README's walkthrough run through it against the
 * running suite (a new tenant: its default process, a refused move and its typed problem, readiness, a
 * merge patch, a move, the report and the weighted pipeline).
 */
class TypeScriptClientIT {

    @Test
    void theWalkthroughRunsThroughTheGeneratedTypeScriptClient() throws Exception {
        Path root = Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
        Path client = root.resolve("deploy/api-client-ts");
        Suite.get();
        if (!Files.isDirectory(client.resolve("node_modules"))) {
            run(client, Map.of(), "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
        }
        run(client, Map.of(), "npm", "run", "generate");
        run(client, Map.of(), "npm", "run", "build");
        String tenant = "ts-" + UUID.randomUUID().toString().substring(0, 8);
        // as the README's token: an admin, manager and rep with a department claim the directory does not list
        String output = run(client, Map.of("OPPSUITE_TOKEN", Tokens.inDepartment(tenant, "alice", "sales-emea", "admin", "manager", "sales"),
                "OPPSUITE_PIPELINE_URL", Suite.url("pipeline-config-service"),
                "OPPSUITE_OPPORTUNITY_URL", Suite.url("opportunity-service"),
                "OPPSUITE_ANALYTICS_URL", Suite.url("analytics-service")), "npm", "run", "walkthrough");
        assertTrue(output.contains("5. report: 1 in needs-analysis"), output);
    }

    private static String run(Path dir, Map<String, String> env, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("ts-client", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean done = process.waitFor(10, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (!done) {
            process.destroyForcibly();
        }
        assertTrue(done, String.join(" ", command) + " did not finish: " + output);
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + output);
        return output;
    }
}
