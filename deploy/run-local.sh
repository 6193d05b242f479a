#!/usr/bin/env bash
# Starts the whole suite locally without Docker: an embedded KRaft Kafka broker (from Maven
# Central jars) and the five services against the local PostgreSQL. Ctrl-C stops everything.
#   SKIP_BUILD=1 deploy/run-local.sh   reuses the last build
set -euo pipefail
cd "$(dirname "$0")/.."
if ! bash deploy/scripts/ensure-postgres.sh; then
  echo "PostgreSQL is needed at 127.0.0.1:5432 (user postgres, trust auth). See README "Start it"." >&2
  exit 1
fi
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "Building the services (tests skipped)..."
  ./mvnw -B -q -DskipTests package
fi
exec java -Xmx128m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "deploy/dev-stack/target/dev-stack-1.0.0-SNAPSHOT.jar:deploy/dev-stack/target/lib/*" \
  io.oppsuite.devstack.DevStack "$PWD"
