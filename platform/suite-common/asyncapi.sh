#!/usr/bin/env bash
# The event contract through the AsyncAPI tooling on npm: validates asyncapi.yaml (and the JSON
# Schemas it references) with the AsyncAPI CLI, then renders it as one readable HTML page,
# platform/suite-common/target/asyncapi/index.html (or the directory given as $1).
# Needs Node 20+ and npm; the CLI is installed once (npm ci of asyncapi-tools/) into $ASYNCAPI_TOOLS (default ~/.cache).
# CLI 4.1.1 is the newest that runs on Node 20 (5.x and 6.x need Node 24).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tools="${ASYNCAPI_TOOLS:-$HOME/.cache/oppsuite/asyncapi-tools}"
out="${1:-$here/target/asyncapi}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# The tools' whole dependency tree is pinned (asyncapi-tools/package-lock.json): a fresh resolution can
# hoist a React the HTML template cannot render with.
if ! cmp -s "$here/asyncapi-tools/package-lock.json" "$tools/package-lock.json" || [ ! -x "$tools/node_modules/.bin/asyncapi" ]; then
  echo "installing @asyncapi/cli and @asyncapi/html-template into $tools"
  mkdir -p "$tools"
  cp "$here/asyncapi-tools/package.json" "$here/asyncapi-tools/package-lock.json" "$tools/"
  # the template's PDF option pulls puppeteer, whose Chrome download is not needed for HTML
  (cd "$tools" && PUPPETEER_SKIP_DOWNLOAD=true npm ci --no-audit --no-fund --loglevel=error)
fi
export ASYNCAPI_METRICS=false
# relative $refs (./schemas/events/...) resolve from the document's own directory
cd "$here/src/main/resources/META-INF/resources"
"$tools/node_modules/.bin/asyncapi" validate asyncapi.yaml --fail-severity=error
"$tools/node_modules/.bin/asyncapi" generate fromTemplate asyncapi.yaml "$tools/node_modules/@asyncapi/html-template" \
    --use-new-generator --no-interactive --force-write -p singleFile=true -o "$out"
test -s "$out/index.html"
echo "event contract valid; page: $out/index.html"
