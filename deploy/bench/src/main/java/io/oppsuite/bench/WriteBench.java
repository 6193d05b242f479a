package io.oppsuite.bench;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Write path: POST /opportunities by an admin for 50 reps (duplicate check against a BLOCK rule,
 * holding reservation counted against a per-rep holding rule in holding-service, the row + line-less stage history + duplicate keys + outbox event in one
 * transaction, the reservation's confirm) at rising concurrency; beside it, pgbench running the same SQL (both services' tables
 * in one database), and the ratio of the two at each concurrency.
 */
final class WriteBench {

    static List<String> run(BenchStack suite, int[] levels, Duration each) throws Exception {
        int rule = suite.send(suite.request("opportunity-service", "/duplicate-rules").POST(HttpRequest.BodyPublishers.ofString("""
                {"name":"same account and name","action":"BLOCK","appliesTo":"ALL",
                 "matchers":[{"type":"ACCOUNT_EXACT"},{"type":"NAME_NORMALIZED"}]}""")).build()).statusCode();
        if (rule != 201) {
            throw new IllegalStateException("duplicate rule not created: " + rule);
        }
        // a sales org, not one hoarder: 50 reps in 5 departments, each under a holding rule that is counted on every create
        int holdingRule = suite.send(suite.request("holding-service", "/holding-rules").POST(HttpRequest.BodyPublishers.ofString("""
                {"name":"bench: at most 1,000,000 open deals each","scope":"EMPLOYEES","limit":1000000}""")).build()).statusCode();
        if (holdingRule != 201) {
            throw new IllegalStateException("holding rule not created: " + holdingRule);
        }
        suite.createOpportunity("warm-up " + UUID.randomUUID());
        // JIT warm-up across the five JVMs (C2 keeps compiling for thousands of requests), not reported
        LoadRun.Result warmUp = LoadRun.run(8, Duration.ofSeconds(Long.parseLong(Bench.env("BENCH_WARMUP_SECONDS", "240"))), 201,
                i -> create(suite, i));
        System.out.println("warm-up: " + warmUp.row());
        // what the suite burns with nothing to do (consumer polls, schedulers, the broker, C2 finishing the warm-up's
        // compiles): at a few dozen creates a second this is a fair share of each create's CPU
        Thread.sleep(5_000);
        ProcessCpu.Snapshot idleBefore = ProcessCpu.take();
        Thread.sleep(IDLE_SECONDS * 1000L);
        List<String> idle = ProcessCpu.report(idleBefore, ProcessCpu.take(), IDLE_SECONDS, "second");
        System.out.println("CPU per second with no load, after the warm-up:");
        idle.forEach(System.out::println);

        PgBench.cloneSchema(BenchStack.database("opportunity-service"), "oppsuite_pgbench");
        // the reservation's tables beside them, with the bench's holding rule, so pgbench pays for the reservation too
        PgBench.cloneTablesInto(BenchStack.database("holding-service"), PgBenchScripts.HOLDING_TABLES, "oppsuite_pgbench",
                PgBenchScripts.HOLDING_SCHEMA, """
                insert into holding.holding_rule (id, tenant_id, name, scope, scope_id, employee_conditions, limit_value,
                    limit_field, opportunity_conditions, created_at, version)
                values (gen_random_uuid(), '%s', 'bench: at most 1,000,000 open deals each', 'EMPLOYEES', null, '[]', 1000000,
                    null, '[]', now(), 0);
                """.formatted(suite.tenant));
        Path script = Files.createTempFile("opportunity-write", ".sql");
        Files.writeString(script, PgBenchScripts.opportunityCreate(suite.tenant, suite.processId));
        List<String> rows = new ArrayList<>();
        List<String> cpuRows = new ArrayList<>();
        rows.add("Write path: POST /opportunities vs pgbench doing the same SQL writes");
        rows.add(LoadRun.HEADER + " | pgbench tps | ratio");
        for (int concurrency : levels) {
            ProcessCpu.Snapshot cpuBefore = ProcessCpu.take();
            LoadRun.Result service = LoadRun.run(concurrency, each, 201, i -> create(suite, i));
            List<String> cpu = ProcessCpu.report(cpuBefore, ProcessCpu.take(), service.ok(), "create");
            // the suite's own pools hold most of PostgreSQL's 100 connections; pgbench saturates well below 16 on 2 cores
            PgBench.Result sql = PgBench.run("oppsuite_pgbench", script, Math.min(concurrency, PGBENCH_MAX_CLIENTS), (int) each.toSeconds());
            rows.add(service.row() + String.format(" | %11.1f | %4.0f%%", sql.tps(), 100 * service.throughput() / sql.tps()));
            System.out.println(rows.get(rows.size() - 1));
            cpu.forEach(System.out::println);
            cpuRows.add("CPU per create at " + concurrency + " clients:");
            cpuRows.addAll(cpu);
        }
        rows.addAll(cpuRows);
        rows.add("CPU per second with no load, after the warm-up (" + IDLE_SECONDS + " s):");
        rows.addAll(idle);
        return rows;
    }

    static final int REPS = 50;
    static final int IDLE_SECONDS = 15;
    static final int PGBENCH_MAX_CLIENTS = 16;

    private static HttpRequest create(BenchStack suite, int sequence) {
        String unique = UUID.randomUUID().toString();
        int rep = sequence % REPS;
        return suite.request("opportunity-service", "/opportunities")
                .POST(HttpRequest.BodyPublishers.ofString(suite.opportunityJson("Deal " + unique, "acc-" + unique,
                        "rep-" + rep, "dept-" + rep % 5))).build();
    }
}
