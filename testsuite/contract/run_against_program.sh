#!/usr/bin/env bash
# Starts the pins-mock program on a free port and runs the contract suite against it over HTTP:
# proves the program and the library serve the same thing.
# Usage: run_against_program.sh PINS_MOCK PINS_CONTRACT [pins-contract args...]
# PINS_MOCK_ARGS adds flags to pins-mock (e.g. --strict-formats).
set -euo pipefail
mock=$1
contract=$2
shift 2
dir=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
# shellcheck disable=SC2086 # PINS_MOCK_ARGS is a list of flags
"$mock" --port 0 --port-file "$dir/port" --response-check enforce ${PINS_MOCK_ARGS:-} >"$dir/mock.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  [ -s "$dir/port" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$dir/mock.log"; exit 1; }
  sleep 0.1
done
port=$(cat "$dir/port")
# Token and boards come from the program's /__admin/accounts (--target-is-mock).
"$contract" --base-url "http://127.0.0.1:$port/v5" --target-is-mock "$@"
