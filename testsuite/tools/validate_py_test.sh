#!/usr/bin/env bash
# fixtures/tools/validate.py on broken fixture sets: one "ERROR: ..." line per problem, exit 1,
# never a Python traceback. Skipped (77) without python3.
# Usage: validate_py_test.sh SOURCE_DIR
set -uo pipefail
command -v python3 >/dev/null || { echo "python3 not found: skipped"; exit 77; }
src=$1
tool=$src/fixtures/tools/validate.py
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failed=0
check() { # name, expected line (grep -F), set dir
  local name=$1 expected=$2 set=$3 out rc ok=1
  out=$(python3 "$tool" "$set" "$dir/no-spec.json" 2>&1); rc=$?
  if [ "$rc" -ne 1 ]; then echo "FAIL $name: exit $rc, expected 1"; ok=0; fi
  if grep -q Traceback <<<"$out"; then echo "FAIL $name: a traceback"; echo "$out"; ok=0; fi
  if ! grep -qF -- "$expected" <<<"$out"; then
    echo "FAIL $name: no line '$expected' in:"; echo "$out"; ok=0
  fi
  if [ "$ok" -eq 1 ]; then echo "ok $name"; else failed=1; fi
}
cp -r "$src/fixtures/default" "$dir/malformed"
printf '{"boards": [\n  {"id": }\n' >"$dir/malformed/boards.json"
check "malformed JSON" "ERROR: $dir/malformed/boards.json:2:10: not valid JSON" "$dir/malformed"

cp -r "$src/fixtures/default" "$dir/missing"
python3 - "$dir/missing/pins.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
del doc["pins"][3]["pin"]["media"]
json.dump(doc, open(sys.argv[1], "w"), indent=2)
PY
check "missing member" "ERROR: pins.json: /pins/3: missing member 'media'" "$dir/missing"

check "missing directory" "ERROR: $dir/nowhere/accounts.json: cannot read" "$dir/nowhere"
exit $failed
