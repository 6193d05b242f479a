package io.oppsuite.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A closed-loop load at fixed concurrency for a fixed time: each worker sends its next request
 * when the previous answer arrives. Bounded in time and count; loopback only.
 */
final class LoadRun {

    record Result(int concurrency, long ok, long failed, double seconds, Latencies latencies) {
        double throughput() {
            return ok / seconds;
        }

        String row() {
            return String.format("%5d | %9.1f | %8.2f | %8.2f | %8.2f | %6d", concurrency, throughput(),
                    latencies.percentileMillis(50), latencies.percentileMillis(95), latencies.percentileMillis(99), failed);
        }
    }

    static final String HEADER = "conc. | ops/s     | p50 ms   | p95 ms   | p99 ms   | errors";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    static Result run(int concurrency, Duration duration, int expectedStatus, IntFunction<HttpRequest> requestFor) throws InterruptedException {
        Latencies latencies = new Latencies();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            workers.submit(() -> {
                while (System.nanoTime() < end) {
                    HttpRequest request = requestFor.apply((int) sequence.incrementAndGet());
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == expectedStatus) {
                            latencies.add((System.nanoTime() - t0) / 1000);
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            });
        }
        workers.shutdown();
        workers.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(concurrency, ok.get(), failed.get(), seconds, latencies);
    }
}
