#!/usr/bin/env bash
# Lints the five services' OpenAPI documents, as the build stored them (target/openapi/openapi.yaml),
# with Spectral (spectral:oas) and Redocly (recommended), the versions pinned in deploy/api-lint.
# Any error or warning fails: exceptions, when there are any, go in deploy/api-lint's rule files with
# a comment saying why.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root/deploy/api-lint"
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
for service in opportunity-service pipeline-config-service approval-service holding-service analytics-service; do
  doc="$root/$service/target/openapi/openapi.yaml"
  [ -f "$doc" ] || { echo "$doc is missing: build first (./mvnw package)" >&2; exit 1; }
  echo "-- $service"
  npx --no-install spectral lint --ruleset .spectral.yaml --fail-severity=warn "$doc"
  # redocly exits 1 on errors, 0 on warnings: warnings are read off its report
  report=$(npx --no-install redocly lint --config redocly.yaml --max-problems 50 "$doc" 2>&1) || { echo "$report" >&2; exit 1; }
  if grep -q "You have [0-9]* warning" <<<"$report"; then
    echo "$report" >&2; echo "redocly reported warnings for $service" >&2; exit 1
  fi
  echo "redocly: valid, no warnings"
done
