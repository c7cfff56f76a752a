#!/usr/bin/env bash
# Interoperability with a client nobody here wrote: installs the npm package pinterest-sdk (by
# name, from the npm registry) into a temporary prefix and runs it through verify-client.
# Exits 77 (CTest: skipped) when node or npm is missing or the package cannot be installed.
# Usage: run_pinterest_sdk.sh PINS_CONTRACT [FAULTS.json]
#   With a fault script the SDK runs under it: the check is that the report says, for each
#   injected failure, what the SDK did next (it does not retry, so a failure may end the run).
set -uo pipefail
contract=$1
faults=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "SKIPPED: node and npm are needed for the pinterest-sdk check (apt-get install nodejs npm)"
  exit 77
fi
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
if ! timeout 300 npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error \
    pinterest-sdk@1.1.0 >"$prefix/npm.log" 2>&1; then
  echo "SKIPPED: npm could not install pinterest-sdk:"
  tail -n 5 "$prefix/npm.log"
  exit 77
fi
cp "$here/pinterest_sdk_client.js" "$prefix/"
if [ -z "$faults" ]; then
  "$contract" verify-client --report "$prefix/report.json" -- node "$prefix/pinterest_sdk_client.js"
  status=$?
  [ $status -eq 0 ] || cat "$prefix/report.json"
  exit $status
fi
"$contract" verify-client --report "$prefix/report.json" --faults "$faults" \
  -- node "$prefix/pinterest_sdk_client.js"
status=$?
# 0: the SDK got through; 3: a failure ended its run. Either way the report must say what it did.
if [ $status -ne 0 ] && [ $status -ne 3 ]; then
  cat "$prefix/report.json"
  exit 1
fi
node -e '
  const report = require(process.argv[1]);
  if (!Array.isArray(report.faults) || report.faults.length === 0) {
    console.error("the report lists no injected failure"); process.exit(1);
  }
  for (const f of report.faults)
    if (!["retried", "went on", "stopped"].includes(f.next)) {
      console.error("no outcome for", JSON.stringify(f)); process.exit(1);
    }
' "$prefix/report.json"
