package io.oppsuite.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    static List<String> run(BenchStack suite, int perSecond, Duration duration, int opportunities) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < opportunities; i++) {
            ids.add(suite.createOpportunity("Mover " + i));
        }
        Map<String, String> next = new ConcurrentHashMap<>();
        ids.forEach(id -> next.put(id, "proposal"));
        Map<String, Boolean> busy = new ConcurrentHashMap<>();
        Latencies moveLatency = new Latencies();
        AtomicLong sent = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        AtomicLong failed = new AtomicLong();
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
            BenchStack.HTTP.sendAsync(suite.request("opportunity-service", "/opportunities/" + id + "/stage-transitions")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"toStage\":\"" + target + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                if (e == null && r.statusCode() == 200) {
                    ok.incrementAndGet();
                    moveLatency.add((System.nanoTime() - t0) / 1000);
                    next.put(id, target.equals("proposal") ? "negotiation" : "proposal");
                } else {
                    failed.incrementAndGet();
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
        Thread.sleep(3000); // let the last events arrive before reading the timer
        String metrics = suite.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(suite.url("analytics-service") + "/q/metrics")).build()).body();
        List<String> rows = new ArrayList<>();
        rows.add(String.format("Stage changes: offered %d/s for %.0f s, %d moves ok, %d failed, %d ticks skipped (opportunity busy)",
                perSecond, seconds, ok.get(), failed.get(), skipped.get()));
        rows.add(String.format("  move answered (client):        p50 %.1f ms  p95 %.1f ms  p99 %.1f ms",
                moveLatency.percentileMillis(50), moveLatency.percentileMillis(95), moveLatency.percentileMillis(99)));
        rows.add(String.format("  stage change -> in analytics:  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  (analytics.event.visibility)",
                quantile(metrics, "0.5"), quantile(metrics, "0.95"), quantile(metrics, "0.99")));
        rows.forEach(System.out::println);
        return rows;
    }

    /** A quantile of the analytics_event_visibility_seconds summary, in milliseconds. */
    static double quantile(String prometheus, String q) {
        Matcher m = Pattern.compile("^analytics_event_visibility_seconds\\{[^}]*quantile=\"" + Pattern.quote(q) + "\"[^}]*}\\s+([0-9.eE+-]+)",
                Pattern.MULTILINE).matcher(prometheus);
        return m.find() ? Double.parseDouble(m.group(1)) * 1000 : Double.NaN;
    }
}
