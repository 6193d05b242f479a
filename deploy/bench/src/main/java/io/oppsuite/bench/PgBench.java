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
        String script = "dropdb --if-exists %1$s %3$s && createdb %1$s %3$s && pg_dump -s %1$s %2$s | psql -q %1$s %3$s >/dev/null";
        shell(script.formatted(connection(), from, to), "", "schema copy into " + to);
    }

    /**
     * Adds {@code tables} of {@code from}, with their indexes, to database {@code to} under
     * {@code schema} (pg_dump names them public.*), so one pgbench script can write two services'
     * tables; then runs the SQL {@code afterwards} there.
     */
    static void cloneTablesInto(String from, List<String> tables, String to, String schema, String afterwards)
            throws IOException, InterruptedException {
        String psql = "psql -q -v ON_ERROR_STOP=1 " + connection();
        String script = "%1$s -c 'create schema %4$s' %3$s && pg_dump -s %5$s %2$s %6$s | sed -e 's/\\bpublic\\./%4$s./g' "
                + "| %1$s %3$s >/dev/null && %1$s %3$s >/dev/null";
        shell(script.formatted(psql, connection(), to, schema, String.join(" ", tables.stream().map(t -> "-t public." + t).toList()), from),
                afterwards, "table copy into " + to + "." + schema);
    }

    private static String connection() {
        return "-h %s -p %s -U %s".formatted(env("PGHOST", "127.0.0.1"), env("PGPORT", "5432"), env("PGUSER", "postgres"));
    }

    private static void shell(String script, String stdin, String what) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        process.getOutputStream().write(stdin.getBytes());
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(what + " failed:\n" + output);
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
