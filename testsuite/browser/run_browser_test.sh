#!/usr/bin/env bash
# The dashboard in a real browser: starts the pins-mock program on a free port and drives
# /__admin/ with headless Chromium through puppeteer-core (dashboard_test.js).
# Usage: run_browser_test.sh PINS_MOCK OUT_DIR
#   OUT_DIR holds node_modules/puppeteer-core (put there by `./dev browser-test`, never vendored)
#   and receives the screenshots. Exits 77 (CTest: skipped) when Chromium, Node.js or
#   puppeteer-core is missing, unless PINSMOCK_BROWSER_REQUIRED=1 (then that is a failure).
# CHROMIUM names the browser binary (default: chromium on the PATH).
set -uo pipefail
mock=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)

missing=()
chromium=${CHROMIUM:-$(command -v chromium || true)}
[ -n "$chromium" ] && [ -x "$chromium" ] || missing+=("Chromium (Debian package chromium)")
command -v node >/dev/null || missing+=("Node.js (Debian package nodejs)")
[ -f "$out/node_modules/puppeteer-core/package.json" ] ||
  missing+=("puppeteer-core in $out/node_modules (npm)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "SKIPPED: the browser test needs ${missing[*]}; ./dev browser-test installs them and runs it"
  [ "${PINSMOCK_BROWSER_REQUIRED:-0}" = 1 ] && exit 1
  exit 77
fi

dir=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
# Writes are limited to 5 an hour, so the test sees an answer shaped by a rate limit.
cat >"$dir/limits.json" <<'JSON'
{"org_read": {"limit": 100000, "window_seconds": 3600},
 "org_write": {"limit": 5, "window_seconds": 3600}}
JSON
"$mock" --port 0 --port-file "$dir/port" --today 2026-11-15 --rate-limits "$dir/limits.json" \
  >"$dir/mock.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  [ -s "$dir/port" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$dir/mock.log"; exit 1; }
  sleep 0.1
done
[ -s "$dir/port" ] || { echo "pins-mock did not start"; cat "$dir/mock.log"; exit 1; }
mkdir -p "$out"
PINSMOCK_URL="http://127.0.0.1:$(cat "$dir/port")" CHROMIUM="$chromium" PINSMOCK_BROWSER_OUT="$out" \
  NODE_PATH="$out/node_modules" node "$here/dashboard_test.js"
