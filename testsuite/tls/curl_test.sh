#!/usr/bin/env bash
# The program over HTTPS with the clients people use (issue 14 §3): `pins-mock --tls-self-signed
# --cors` on a free port; curl trusting the printed certificate (GET, POST, a preflight), curl
# with the system CAs (must fail verification), and openssl s_client with two pipelined requests
# in one TLS connection. Skipped (77) without curl or openssl.
#   curl_test.sh PINS_MOCK SOURCE_DIR
set -euo pipefail
mock=$1 source=$2
command -v curl >/dev/null && command -v openssl >/dev/null || { echo "curl or openssl missing: skipped"; exit 77; }
dir=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
fail() { echo "FAILED: $1"; cat "$dir/mock.log"; exit 1; }

"$mock" --port 0 --port-file "$dir/port" --tls-self-signed --cors >"$dir/mock.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do [ -s "$dir/port" ] && break; sleep 0.1; done
[ -s "$dir/port" ] || fail "no port file"
port=$(cat "$dir/port")
grep -q "serving https://127.0.0.1:$port/v5" "$dir/mock.log" || fail "the banner does not say https"
cert=$(awk '/tls cert:/ {print $3}' "$dir/mock.log")
[ -f "$cert" ] || fail "the banner names no certificate file"
base=https://127.0.0.1:$port/v5
auth="Authorization: Bearer pina_mock_creator_full"

status=$(curl -sS --cacert "$cert" -o "$dir/list.json" -w '%{http_code}' -H "$auth" "$base/pins?page_size=2")
[ "$status" = 200 ] && grep -q '"items"' "$dir/list.json" || fail "GET over HTTPS answered $status"
status=$(curl -sS --cacert "$cert" -o /dev/null -w '%{http_code}' -H "$auth" -H 'Content-Type: application/json' \
  --data-binary "@$source/fixtures/requests/pins.create.image_url.json" "$base/pins")
[ "$status" = 201 ] || fail "POST over HTTPS answered $status"
echo "curl --cacert: GET 200, POST 201"

headers=$(curl -sS --cacert "$cert" -o /dev/null -D - -X OPTIONS -H 'Origin: http://app.test' \
  -H 'Access-Control-Request-Method: PATCH' -H 'Access-Control-Request-Headers: authorization,content-type' \
  "$base/pins/1300000000000000001" | tr -d '\r')
grep -q '^HTTP/1.1 204' <<<"$headers" && grep -qi '^access-control-allow-headers: authorization,content-type$' <<<"$headers" ||
  fail "preflight: $headers"
echo "curl preflight: 204 with Access-Control-Allow-Headers"

if curl -sS -o /dev/null "https://127.0.0.1:$port/__admin/health" 2>"$dir/untrusted.err"; then
  fail "curl without the certificate was not refused"
fi
grep -qi 'certificate' "$dir/untrusted.err" || fail "unexpected error: $(cat "$dir/untrusted.err")"
echo "curl with the system CAs: refused ($(head -1 "$dir/untrusted.err"))"

# Two requests written at once into one TLS connection: both answered, in order.
printf 'GET /__admin/health HTTP/1.1\r\nHost: t\r\n\r\nGET /v5/nowhere HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n' |
  timeout 10 openssl s_client -quiet -verify_return_error -CAfile "$cert" -connect "127.0.0.1:$port" \
    -servername localhost >"$dir/pipelined.txt" 2>"$dir/s_client.err" || true
statuses=$(grep -o 'HTTP/1.1 [0-9]*' "$dir/pipelined.txt" | cut -d' ' -f2 | tr '\n' ' ')
[ "$statuses" = "200 404 " ] || fail "pipelined over s_client: '$statuses' ($(cat "$dir/s_client.err"))"
echo "openssl s_client (verified): pipelined answers 200 then 404"
echo "curl_test.sh: ok"
