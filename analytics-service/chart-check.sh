#!/usr/bin/env bash
# Loads the funnel page in headless Chromium and checks that every stage of the process is drawn.
# usage: chart-check.sh BASE_URL TOKEN PROCESS_ID   (e.g. http://localhost:8085 "$(jwt)" 4f1c...)
# Needs Debian's chromium (apt-get install chromium) and curl; exits non-zero when a stage is missing.
set -euo pipefail
base=${1:?base url}; token=${2:?bearer token}; process=${3:?sales process id}
chromium_bin=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$chromium_bin" ] || { echo "chart-check: chromium not found" >&2; exit 2; }

# the stages the API reports are the stages the page must draw
json=$(curl -fsS -H "Authorization: Bearer $token" "$base/analytics/sales-processes/$process/stage-transitions")
keys=$(printf '%s' "$json" | grep -o '"key":"[^"]*"' | cut -d'"' -f4)
[ -n "$keys" ] || { echo "chart-check: the process has no stages" >&2; exit 1; }

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
dom=$("$chromium_bin" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --user-data-dir="$profile" \
  --virtual-time-budget=15000 --dump-dom "$base/funnel.html#process=$process&token=$token" 2>/dev/null)

missing=0
for key in $keys; do
  if printf '%s' "$dom" | grep -q "<g class=\"stage\" data-stage-key=\"$key\""; then
    echo "drawn: $key"
  else
    echo "MISSING: $key" >&2; missing=1
  fi
done
labels=$(printf '%s' "$dom" | grep -o 'class="stage-label"' | wc -l)
[ "$labels" -eq "$(printf '%s\n' "$keys" | wc -l)" ] || { echo "chart-check: $labels stage labels drawn" >&2; missing=1; }
printf '%s' "$dom" | grep -q 'data-drawn=' || { echo "chart-check: page did not finish drawing" >&2; missing=1; }
exit $missing
