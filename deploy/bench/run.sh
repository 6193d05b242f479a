#!/usr/bin/env bash
# Benchmarks (never part of the test suite): bash deploy/bench/run.sh [write|stage-change|scale|all]
# Knobs: BENCH_SECONDS (per concurrency level, 15), BENCH_WARMUP_SECONDS (240), BENCH_CONCURRENCY (1,4,16,32), BENCH_RATE (500/s),
# BENCH_STAGE_SECONDS (20), BENCH_STAGE_WARMUP_SECONDS (240), BENCH_ROWS (1000000), BENCH_SCALE_WARMUP_SECONDS (60 per request kind), SKIP_BUILD=1 to reuse the packaged services.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash deploy/scripts/ensure-postgres.sh
command -v pgbench >/dev/null || { echo "pgbench missing: apt-get install postgresql-contrib (or postgresql-client)"; exit 1; }
if [ "${SKIP_BUILD:-0}" != "1" ]; then
  ./mvnw -B -q -ntp -DskipTests package
fi
# production-like JVMs for the services (the dev default trades speed for boot time)
export SUITE_JVM_OPTS="${SUITE_JVM_OPTS:--Xms256m -Xmx512m -XX:+UseParallelGC}"
exec java -Xmx1g -Dsuite.root="$PWD" -cp "deploy/bench/target/bench-1.0.0-SNAPSHOT.jar:deploy/bench/target/lib/*" \
  io.oppsuite.bench.Bench "${1:-all}"
