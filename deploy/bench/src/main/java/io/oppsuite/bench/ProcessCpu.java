package io.oppsuite.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a benchmark's CPU goes: CPU time per process of the suite (each service, the broker, all of
 * PostgreSQL's backends, this load generator) and of the whole machine, read from /proc (Linux).
 * For each JVM it also reports what its JIT compiler threads used: on two cores shared by seven
 * JVMs, C2 was still compiling minutes into a run, and that is CPU no request gets.
 */
final class ProcessCpu {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux
    private static final List<String> SERVICES = List.of("opportunity-service", "pipeline-config-service", "approval-service",
            "holding-service", "analytics-service");

    /** CPU seconds by pid, each with the name it is reported under. */
    record Snapshot(Map<String, String> names, Map<String, Double> seconds, Map<String, Double> jit) {
    }

    static Snapshot take() {
        Map<String, String> names = new HashMap<>();
        Map<String, Double> seconds = new HashMap<>();
        Map<String, Double> jit = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                    String name = classify(cmd, proc.getFileName().toString());
                    if (name != null) {
                        String stat = Files.readString(proc.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        names.put(proc.getFileName().toString(), name);
                        seconds.put(proc.getFileName().toString(), (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND);
                        jit.put(proc.getFileName().toString(), compilerSeconds(proc));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while being read
                }
            }
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < cpu.length; i++) {
                busy += i == 4 || i == 5 ? 0 : Long.parseLong(cpu[i]); // all but idle and iowait
            }
            names.put("machine", "whole machine");
            seconds.put("machine", busy / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException notLinux) {
            // no /proc: nothing to report
        }
        return new Snapshot(names, seconds, jit);
    }

    /** CPU of the process's JIT compiler threads (named "C1 CompilerThre…" / "C2 CompilerThre…"). */
    private static double compilerSeconds(Path proc) {
        double total = 0;
        try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (comm.matches("C\\d CompilerThre.*")) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        total += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while being read
                }
            }
        } catch (IOException gone) {
            // the process ended
        }
        return total;
    }

    private static String classify(String cmd, String pid) {
        if (cmd.startsWith("postgres") || cmd.startsWith("/usr/lib/postgresql")) {
            return "PostgreSQL";
        }
        for (String service : SERVICES) {
            if (cmd.contains(service)) {
                return service;
            }
        }
        if (cmd.contains("kafka.Kafka")) {
            return "Kafka broker";
        }
        return pid.equals(String.valueOf(ProcessHandle.current().pid())) ? "load generator" : null;
    }

    /** One line per process name: CPU seconds between the two snapshots, and milliseconds per operation. */
    static List<String> report(Snapshot before, Snapshot after, long operations, String operation) {
        Map<String, Double> byName = new HashMap<>();
        Map<String, Double> jitByName = new HashMap<>();
        after.seconds().forEach((pid, seconds) -> byName.merge(after.names().get(pid),
                seconds - before.seconds().getOrDefault(pid, 0.0), Double::sum));
        after.jit().forEach((pid, seconds) -> jitByName.merge(after.names().get(pid),
                seconds - before.jit().getOrDefault(pid, 0.0), Double::sum));
        List<String> rows = new ArrayList<>();
        byName.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue())).forEach(e -> {
            double compiling = jitByName.getOrDefault(e.getKey(), 0.0);
            rows.add(String.format("    %-24s %7.1f s CPU  %6.2f ms per %s%s", e.getKey(), e.getValue(),
                    1000 * e.getValue() / Math.max(1, operations), operation,
                    compiling > 0 ? String.format("  (JIT compiler threads %.1f s)", compiling) : ""));
        });
        double compilingAll = jitByName.values().stream().mapToDouble(Double::doubleValue).sum();
        rows.add(String.format("    %-24s %7.1f s CPU  %6.2f ms per %s", "all JIT compiler threads", compilingAll,
                1000 * compilingAll / Math.max(1, operations), operation));
        return rows;
    }
}
