package io.oppsuite.bench;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Scale: N opportunities bulk-loaded straight into opportunity-service's and analytics-service's
 * tables (the bulk path: SQL generate_series, with the same normalized duplicate keys and stage
 * aggregates the services keep), then single-client request latencies measured over HTTP:
 * the duplicate check, and the stage-transition report (unfiltered: served from the precomputed
 * aggregates; filtered by owner: index range over the owner's stage facts).
 */
final class ScaleBench {

    static List<String> run(BenchStack suite, int rows) throws Exception {
        long t0 = System.nanoTime();
        psql(suite, "opportunity-service", "opportunity-bulk.sql", rows);
        psql(suite, "analytics-service", "analytics-bulk.sql", rows);
        // a BLOCK rule created now is backfilled over the 1M rows by the service itself (in SQL)
        var rule = suite.send(suite.request("opportunity-service", "/duplicate-rules").timeout(java.time.Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name":"bulk: same account and name","action":"BLOCK","appliesTo":"ALL",
                         "matchers":[{"type":"ACCOUNT_EXACT"},{"type":"NAME_NORMALIZED"}]}""")).build());
        if (rule.statusCode() != 201) {
            throw new IllegalStateException("duplicate rule: " + rule.statusCode() + " " + rule.body());
        }
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        List<String> out = new ArrayList<>();
        out.add(String.format("Scale: %,d opportunities bulk-loaded into opportunity-service and analytics-service in %.0f s", rows, loadSeconds));

        // warm-up, then measure one request at a time
        Latencies dup = new Latencies();
        for (int i = 0; i < 3000; i++) {
            int n = ThreadLocalRandom.current().nextInt(1, rows + 1);
            String body = """
                    {"name":"BULK  Deal %d","accountId":"bulk-acc-%d","expectedCloseDate":"2027-03-31"}""".formatted(n, n);
            long s = System.nanoTime();
            var answer = suite.send(suite.request("opportunity-service", "/opportunities/duplicate-check")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            if (answer.statusCode() != 200 || !answer.body().contains("\"duplicate\":true")) {
                throw new IllegalStateException("duplicate-check did not find bulk deal " + n + ": " + answer.statusCode() + " " + answer.body());
            }
            if (i >= 500) {
                dup.add((System.nanoTime() - s) / 1000);
            }
        }
        out.add(row("duplicate check (POST /opportunities/duplicate-check, a match among 1M)", dup));

        Latencies report = new Latencies();
        Latencies byOwner = new Latencies();
        for (int i = 0; i < 2500; i++) {
            long s = System.nanoTime();
            check(suite.send(suite.request("analytics-service", "/analytics/sales-processes/" + suite.processId + "/stage-transitions").GET().build()).statusCode());
            if (i >= 500) {
                report.add((System.nanoTime() - s) / 1000);
            }
            s = System.nanoTime();
            check(suite.send(suite.request("analytics-service", "/analytics/sales-processes/" + suite.processId
                    + "/stage-transitions?ownerId=bulk-owner-" + (i % 100)).GET().build()).statusCode());
            if (i >= 500) {
                byOwner.add((System.nanoTime() - s) / 1000);
            }
        }
        out.add(row("stage-transition report, whole process (1M opportunities)", report));
        out.add(row("stage-transition report, one owner (10k of 1M)", byOwner));
        out.forEach(System.out::println);
        return out;
    }

    private static String row(String what, Latencies l) {
        return String.format("  %-72s p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  (%d requests)", what,
                l.percentileMillis(50), l.percentileMillis(95), l.percentileMillis(99), l.count());
    }

    private static void check(int status) {
        if (status != 200) {
            throw new IllegalStateException("analytics answered " + status);
        }
    }

    private static void psql(BenchStack suite, String service, String file, int rows) throws IOException, InterruptedException {
        Path script = suite.root.resolve("deploy/bench/sql").resolve(file);
        Process process = new ProcessBuilder("psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", Bench.env("PGHOST", "127.0.0.1"),
                "-p", Bench.env("PGPORT", "5432"), "-U", Bench.env("PGUSER", "postgres"), "-d", BenchStack.database(service),
                "-v", "tenant=" + suite.tenant, "-v", "process=" + suite.processId, "-v", "rows=" + rows, "-f", script.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(file + " failed:\n" + output);
        }
    }
}
