package io.oppsuite.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stage moves at a fixed arrival rate (open loop: a slow answer does not slow the offered load),
 * each opportunity walking proposal ↔ negotiation, and how long a move takes to be visible in
 * analytics: analytics-service records, per applied event, now − the event's time (stamped in the
 * opportunity-service transaction that made the move), as the Micrometer timer
 * analytics.event.visibility; this reads its percentiles after the run.
 */
final class StageChangeBench {

    /** The service-level buckets analytics-service publishes for its visibility timer, in seconds. */
    static final List<String> BUCKETS = List.of("0.05", "0.1", "0.25", "0.5", "1.0", "5.0");

    /** What one open-loop phase did. */
    /** {@code failures}: why moves failed, e.g. "HTTP 409" or the client's exception, with how many. */
    record Phase(double seconds, long ok, long failed, long skipped, Latencies moves, Map<String, Long> failures) {
    }

    static List<String> run(BenchStack suite, int perSecond, Duration duration, int opportunities) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < opportunities; i++) {
            ids.add(suite.createOpportunity("Mover " + i));
        }
        Map<String, String> next = new ConcurrentHashMap<>();
        ids.forEach(id -> next.put(id, "proposal"));
        // JIT warm-up at the same rate, not reported; then let analytics drain its backlog. Four minutes:
        // after 45 s the JVMs' C2 compiler threads still took a third of the machine (ProcessCpu shows them)
        Duration warmUp = Duration.ofSeconds(Long.parseLong(Bench.env("BENCH_STAGE_WARMUP_SECONDS", "240")));
        Phase warm = openLoop(suite, ids, next, perSecond, warmUp);
        System.out.printf("warm-up: %d moves in %.0f s%n", warm.ok(), warm.seconds());
        Map<String, Double> before = awaitDrained(suite);

        ProcessCpu.Snapshot cpuBefore = ProcessCpu.take();
        Phase measured = openLoop(suite, ids, next, perSecond, duration);
        ProcessCpu.Snapshot cpuAfter = ProcessCpu.take();
        Map<String, Double> after = awaitDrained(suite);
        double count = after.get("count") - before.get("count");
        List<String> rows = new ArrayList<>();
        rows.add(String.format("Stage changes: offered %d/s, %d moves ok in %.0f s (%.0f/s), %d failed, %d ticks skipped (opportunity busy)",
                perSecond, measured.ok(), measured.seconds(), measured.ok() / measured.seconds(), measured.failed(), measured.skipped())
                + (measured.failures().isEmpty() ? "" : " " + measured.failures()));
        rows.add(String.format("  move answered (client):        p50 %.1f ms  p95 %.1f ms  p99 %.1f ms",
                measured.moves().percentileMillis(50), measured.moves().percentileMillis(95), measured.moves().percentileMillis(99)));
        StringBuilder within = new StringBuilder(String.format("  stage change -> in analytics (%.0f events of this phase):", count));
        for (String le : BUCKETS) {
            within.append(String.format("  <= %s ms: %.1f%%", trim(Double.parseDouble(le) * 1000), 100 * (after.get(le) - before.get(le)) / count));
        }
        rows.add(within.toString());
        rows.add(String.format("  stage change -> in analytics, percentiles from those buckets: p50 %s  p95 %s  p99 %s",
                bucketPercentile(before, after, count, 0.50), bucketPercentile(before, after, count, 0.95),
                bucketPercentile(before, after, count, 0.99)));
        rows.add("  CPU during the measured phase (moves answered in it; events consumed later are not in it):");
        rows.addAll(ProcessCpu.report(cpuBefore, cpuAfter, measured.ok(), "move"));
        rows.forEach(System.out::println);
        return rows;
    }

    /**
     * The client side of the moves: Vert.x's non-blocking HTTP client, which costs a fraction of the
     * JDK client's CPU per request. The load generator shares the machine's two cores with the suite,
     * so what it burns is taken from the services it measures.
     */
    static final class Mover {
        private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        private final HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setMaxPoolSize(1024).setConnectTimeout(5000));

        private volatile URI base;

        Future<Integer> move(BenchStack suite, String id, String target) {
            if (base == null) {
                base = URI.create(suite.url("opportunity-service"));
            }
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(base.getHost()).setPort(base.getPort())
                    .setURI("/opportunities/" + id + "/stage-transitions").setTimeout(30_000)
                    .putHeader("Authorization", "Bearer " + suite.token).putHeader("Content-Type", "application/json");
            return client.request(options)
                    .compose(request -> request.send(Buffer.buffer("{\"toStage\":\"" + target + "\"}")))
                    .compose(response -> response.body().map(body -> response.statusCode()));
        }
    }

    static final Mover MOVER = new Mover();

    /** An open loop: one tick every 1/rate s picks the next opportunity and moves it, unless its last move is still in flight. */
    static Phase openLoop(BenchStack suite, List<String> ids, Map<String, String> next, int perSecond, Duration duration)
            throws InterruptedException {
        Map<String, Boolean> busy = new ConcurrentHashMap<>();
        Latencies moveLatency = new Latencies();
        AtomicLong sent = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Map<String, Long> failures = new ConcurrentHashMap<>();
        AtomicInteger cursor = new AtomicInteger();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long periodMicros = 1_000_000L / perSecond;
        long total = perSecond * duration.toSeconds();
        ticker.scheduleAtFixedRate(() -> {
            if (sent.get() >= total) {
                return;
            }
            String id = ids.get(Math.floorMod(cursor.getAndIncrement(), ids.size()));
            if (busy.putIfAbsent(id, Boolean.TRUE) != null) {
                skipped.incrementAndGet(); // its previous move has not answered yet
                return;
            }
            sent.incrementAndGet();
            String target = next.get(id);
            long t0 = System.nanoTime();
            MOVER.move(suite, id, target).onComplete(result -> {
                if (result.succeeded() && result.result() == 200) {
                    ok.incrementAndGet();
                    moveLatency.add((System.nanoTime() - t0) / 1000);
                    next.put(id, target.equals("proposal") ? "negotiation" : "proposal");
                } else {
                    failed.incrementAndGet();
                    failures.merge(result.succeeded() ? "HTTP " + result.result() : result.cause().getClass().getSimpleName()
                            + ": " + result.cause().getMessage(), 1L, Long::sum);
                }
                busy.remove(id);
            });
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        long start = System.nanoTime();
        while (sent.get() < total && System.nanoTime() - start < duration.plusSeconds(30).toNanos()) {
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ticker.shutdown();
        while (!busy.isEmpty() && System.nanoTime() - start < duration.plusSeconds(60).toNanos()) {
            Thread.sleep(50); // the last answers
        }
        return new Phase(seconds, ok.get(), failed.get(), skipped.get(), moveLatency, new TreeMap<>(failures));
    }

    /** The visibility timer's cumulative bucket counts once analytics stops applying events (its backlog is drained). */
    static Map<String, Double> awaitDrained(BenchStack suite) throws Exception {
        Map<String, Double> last = buckets(suite);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(3000);
            Map<String, Double> now = buckets(suite);
            if (now.get("count").equals(last.get("count"))) {
                return now;
            }
            last = now;
        }
        return last;
    }

    static Map<String, Double> buckets(BenchStack suite) throws Exception {
        String metrics = suite.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(suite.url("analytics-service") + "/q/metrics"))
                .build()).body();
        Map<String, Double> counts = new java.util.HashMap<>();
        for (String le : BUCKETS) {
            counts.put(le, metric(metrics, "analytics_event_visibility_seconds_bucket\\{[^}]*le=\"" + Pattern.quote(le) + "\"[^}]*}"));
        }
        counts.put("count", metric(metrics, "analytics_event_visibility_seconds_count(?:\\{[^}]*})?"));
        return counts;
    }

    private static double metric(String prometheus, String name) {
        Matcher m = Pattern.compile("^" + name + "\\s+([0-9.eE+-]+)", Pattern.MULTILINE).matcher(prometheus);
        if (!m.find()) {
            throw new IllegalStateException("analytics-service does not publish " + name);
        }
        return Double.parseDouble(m.group(1));
    }

    /** The smallest bucket bound holding the quantile q of the phase's events ("> 5000 ms" when none does). */
    private static String bucketPercentile(Map<String, Double> before, Map<String, Double> after, double count, double q) {
        for (String le : BUCKETS) {
            if (after.get(le) - before.get(le) >= q * count) {
                return "<= " + trim(Double.parseDouble(le) * 1000) + " ms";
            }
        }
        return "> 5000 ms";
    }

    private static String trim(double millis) {
        return String.valueOf((long) millis);
    }
}
