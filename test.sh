#!/usr/bin/env bash
# The suite's test command (README "Run the tests"; CI's .ci/run runs exactly this).
# On a fresh Debian machine with Java 17 it needs nothing installed by hand: it installs what the
# checks need (headless Chromium for analytics' funnel page, kubectl and PyYAML for the manifest
# check, npm for the AsyncAPI CLI, PostgreSQL if missing), starts PostgreSQL if it is down, checks the
# deployment manifests, validates and renders the event contract (platform/suite-common/asyncapi.sh),
# then runs every module's tests and the end-to-end tests: ./mvnw -B -ntp verify [extra Maven args], and lints
# the OpenAPI documents the build stored (deploy/scripts/lint-openapi.sh: Spectral and Redocly from npm).
# The Kafka broker needs no setup: the tests start a real KRaft broker from Maven Central jars.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v kubectl >/dev/null || need_apt+=(kubectl)
/usr/bin/python3 -c 'import yaml' 2>/dev/null || need_apt+=(python3-yaml)
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || need_apt+=(chromium)
# the AsyncAPI CLI (npm) validates and renders the event contract
command -v npm >/dev/null || need_apt+=(nodejs npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing ${need_apt[*]}"
  sudo=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "not root and no sudo: install ${need_apt[*]} first" >&2; exit 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

echo "== PostgreSQL"
bash deploy/scripts/ensure-postgres.sh

echo "== deployment manifests"
/usr/bin/python3 deploy/scripts/check-deploy.py

echo "== event contract: the AsyncAPI CLI validates asyncapi.yaml and renders its page"
bash platform/suite-common/asyncapi.sh

echo "== tests: ./mvnw -B -ntp verify $*"
./mvnw -B -ntp verify "$@"

echo "== API contract: Spectral and Redocly lint the five OpenAPI documents"
bash deploy/scripts/lint-openapi.sh
