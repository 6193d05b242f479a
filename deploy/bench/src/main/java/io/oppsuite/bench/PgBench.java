package io.oppsuite.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs Debian's pgbench with a custom script and reads its tps and latency. */
final class PgBench {

    record Result(int clients, double tps, double latencyAvgMs) {
    }

    static Result run(String database, Path script, int clients, int seconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-h", env("PGHOST", "127.0.0.1"), "-p", env("PGPORT", "5432"),
                "-U", env("PGUSER", "postgres"), "-c", String.valueOf(clients), "-j", String.valueOf(Math.min(clients, 2)),
                "-T", String.valueOf(seconds), "-f", script.toString(), database));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + output);
        }
        return new Result(clients, number(output, "tps = ([0-9.]+)"), number(output, "latency average = ([0-9.]+) ms"));
    }

    /**
     * A database with the same tables and indexes as {@code from} but none of its rows or
     * listeners, so pgbench's rows are not relayed by the running service.
     */
    static void cloneSchema(String from, String to) throws IOException, InterruptedException {
        String host = env("PGHOST", "127.0.0.1");
        String port = env("PGPORT", "5432");
        String user = env("PGUSER", "postgres");
        String script = "dropdb --if-exists -h %1$s -p %2$s -U %3$s %5$s && createdb -h %1$s -p %2$s -U %3$s %5$s && "
                + "pg_dump -s -h %1$s -p %2$s -U %3$s %4$s | psql -q -h %1$s -p %2$s -U %3$s %5$s >/dev/null";
        Process process = new ProcessBuilder("bash", "-c", script.formatted(host, port, user, from, to)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("schema copy failed:\n" + output);
        }
    }

    private static double number(String output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("pgbench output without " + regex + ":\n" + output);
        }
        return Double.parseDouble(m.group(1));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
