package io.oppsuite.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * deploy/bench/run.sh [write|stage-change|scale|all]: starts the packaged suite on its own
 * databases (suffix _bench) and a private KRaft broker, runs the chosen benchmarks, prints the
 * figures and writes them to deploy/bench/target/results.md.
 */
public final class Bench {

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "all" : args[0];
        Path root = Path.of(System.getProperty("suite.root", ".")).toAbsolutePath().normalize();
        Duration each = Duration.ofSeconds(Long.parseLong(env("BENCH_SECONDS", "15")));
        int[] levels = Arrays.stream(env("BENCH_CONCURRENCY", "1,4,16,32").split(",")).mapToInt(Integer::parseInt).toArray();
        List<String> out = new ArrayList<>();
        out.add("# Benchmark run " + Instant.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("os.name") + ", Java " + Runtime.version());
        try (BenchStack suite = new BenchStack(root)) {
            if (which.equals("write") || which.equals("all")) {
                out.addAll(WriteBench.run(suite, levels, each));
            }
            if (which.equals("stage-change") || which.equals("all")) {
                out.addAll(StageChangeBench.run(suite, Integer.parseInt(env("BENCH_RATE", "500")),
                        Duration.ofSeconds(Long.parseLong(env("BENCH_STAGE_SECONDS", "20"))), 600));
            }
            if (which.equals("scale") || which.equals("all")) {
                out.addAll(ScaleBench.run(suite, Integer.parseInt(env("BENCH_ROWS", "1000000"))));
            }
        }
        Path results = root.resolve("deploy/bench/target/results.md");
        Files.createDirectories(results.getParent());
        Files.write(results, out);
        System.out.println();
        out.forEach(System.out::println);
        System.out.println("\n(written to " + results + ")");
        System.exit(0);
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
