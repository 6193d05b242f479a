#!/usr/bin/env bash
# The event contract through the AsyncAPI tooling on npm: validates asyncapi.yaml (and the JSON
# Schemas it references) with the AsyncAPI CLI, then renders it as one readable HTML page,
# platform/suite-common/target/asyncapi/index.html (or the directory given as $1).
# Needs Node 20+ and npm; the CLI is installed once into $ASYNCAPI_TOOLS (default ~/.cache).
# CLI 4.1.1 is the newest that runs on Node 20 (5.x and 6.x need Node 24).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tools="${ASYNCAPI_TOOLS:-$HOME/.cache/oppsuite/asyncapi-cli-4.1.1}"
out="${1:-$here/target/asyncapi}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

if [ ! -x "$tools/node_modules/.bin/asyncapi" ] || [ ! -f "$tools/node_modules/@asyncapi/html-template/package.json" ]; then
  echo "installing @asyncapi/cli and @asyncapi/html-template into $tools"
  mkdir -p "$tools"
  # the template's PDF option pulls puppeteer, whose Chrome download is not needed for HTML
  (cd "$tools" && PUPPETEER_SKIP_DOWNLOAD=true npm install --no-audit --no-fund --loglevel=error \
      @asyncapi/cli@4.1.1 @asyncapi/html-template@3.5.6)
fi
export ASYNCAPI_METRICS=false
# relative $refs (./schemas/events/...) resolve from the document's own directory
cd "$here/src/main/resources/META-INF/resources"
"$tools/node_modules/.bin/asyncapi" validate asyncapi.yaml --fail-severity=error
"$tools/node_modules/.bin/asyncapi" generate fromTemplate asyncapi.yaml "$tools/node_modules/@asyncapi/html-template" \
    --use-new-generator --no-interactive --force-write -p singleFile=true -o "$out"
test -s "$out/index.html"
echo "event contract valid; page: $out/index.html"
