package io.oppsuite.bench;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Duration;
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
        psql(suite, "opportunity-service", rows, "-f", sqlFile(suite, "opportunity-bulk.sql"));
        psql(suite, "analytics-service", rows, "-f", sqlFile(suite, "analytics-bulk.sql"));
        // a BLOCK rule created now is backfilled over the 1M rows by the service itself (in SQL)
        var rule = suite.send(suite.request("opportunity-service", "/duplicate-rules").timeout(java.time.Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name":"bulk: same account and name","action":"BLOCK","appliesTo":"ALL",
                         "matchers":[{"type":"ACCOUNT_EXACT"},{"type":"NAME_NORMALIZED"}]}""")).build());
        if (rule.statusCode() != 201) {
            throw new IllegalStateException("duplicate rule: " + rule.statusCode() + " " + rule.body());
        }
        // what autovacuum does after a million inserts (it is off on this machine class): without it each
        // lookup's first read of a page sets its hint bits, dirtying pages the buffer pool must then write back
        psql(suite, "opportunity-service", rows, "-c", "vacuum analyze duplicate_key");
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        List<String> out = new ArrayList<>();
        out.add(String.format("Scale: %,d opportunities bulk-loaded into opportunity-service and analytics-service in %.0f s", rows, loadSeconds));

        // Each request kind warms up for a while (JIT: on this machine class five JVMs share two cores and
        // C2 takes minutes; 500 requests left the p95 2-3x its steady value), then 2000 are measured one at a time.
        Duration warmUp = Duration.ofSeconds(Long.parseLong(Bench.env("BENCH_SCALE_WARMUP_SECONDS", "60")));
        int[] match = {0};
        Latencies dup = measure(warmUp, () -> {
            int n = ThreadLocalRandom.current().nextInt(1, rows + 1);
            var answer = suite.send(suite.request("opportunity-service", "/opportunities/duplicate-check")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"name":"BULK  Deal %d","accountId":"bulk-acc-%d","expectedCloseDate":"2027-03-31"}""".formatted(n, n))).build());
            if (answer.statusCode() != 200 || !answer.body().contains("\"duplicate\":true")) {
                throw new IllegalStateException("duplicate-check did not find bulk deal " + n + ": " + answer.statusCode() + " " + answer.body());
            }
        });
        out.add(row("duplicate check (POST /opportunities/duplicate-check, a match among 1M)", dup));
        Latencies report = measure(warmUp, () -> check(suite.send(suite.request("analytics-service",
                "/analytics/sales-processes/" + suite.processId + "/stage-transitions").GET().build()).statusCode()));
        out.add(row("stage-transition report, whole process (1M opportunities)", report));
        Latencies byOwner = measure(warmUp, () -> check(suite.send(suite.request("analytics-service", "/analytics/sales-processes/"
                + suite.processId + "/stage-transitions?ownerId=bulk-owner-" + (match[0]++ % 100)).GET().build()).statusCode()));
        out.add(row("stage-transition report, one owner (10k of 1M)", byOwner));
        out.forEach(System.out::println);
        return out;
    }

    /** A request the bench times; it throws when the answer is wrong. */
    interface Request {
        void send() throws Exception;
    }

    /** Sends the request for the warm-up time unmeasured, then 2000 times measured, one at a time. */
    private static Latencies measure(Duration warmUp, Request request) throws Exception {
        long warmUntil = System.nanoTime() + warmUp.toNanos();
        while (System.nanoTime() < warmUntil) {
            request.send();
        }
        Latencies measured = new Latencies();
        for (int i = 0; i < 2000; i++) {
            long s = System.nanoTime();
            request.send();
            measured.add((System.nanoTime() - s) / 1000);
        }
        return measured;
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

    private static String sqlFile(BenchStack suite, String file) {
        return suite.root.resolve("deploy/bench/sql").resolve(file).toString();
    }

    /** psql on the service's bench database with the bulk scripts' variables; {@code what}: "-f" file or "-c" command. */
    private static void psql(BenchStack suite, String service, int rows, String option, String what) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", Bench.env("PGHOST", "127.0.0.1"),
                "-p", Bench.env("PGPORT", "5432"), "-U", Bench.env("PGUSER", "postgres"), "-d", BenchStack.database(service),
                "-v", "tenant=" + suite.tenant, "-v", "process=" + suite.processId, "-v", "rows=" + rows, option, what)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(what + " failed:\n" + output);
        }
    }
}
