#!/usr/bin/env bash
# `./dev package-check`: installs the .deb in a bare Debian 12 root (debootstrap minbase, nothing
# else) exactly as README "The Debian package" says and proves the packaged programs work:
# pins-mock serves HTTP and HTTPS (checked from outside the root) and the packaged pins-contract
# passes its suite against it. Then it runs the README's "Use in CI" steps as written, each job
# in a fresh bare root. Needs root, debootstrap and a Debian mirror.
#   check_deb.sh build/pins-mock_VERSION_amd64.deb [README.md]
set -uo pipefail
deb=$(realpath "$1")
readme=$(realpath "${2:-$(dirname "$0")/../../README.md}")
name=$(basename "$deb")
[ "$(id -u)" -eq 0 ] || { echo "check_deb.sh: needs root (chroot, mounts)"; exit 1; }
mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null)
[ -n "$mirror" ] || { echo "check_deb.sh: no Debian mirror configured on this machine"; exit 1; }
command -v debootstrap >/dev/null ||
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null ||
  { echo "check_deb.sh: apt-get install debootstrap failed"; exit 1; }

# The pristine root is cached (the same cache as ../shared/tools/fresh-machine.sh); each check
# works on a copy of it.
cache=${FRESH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pins-fresh}
mkdir -p "$cache"
if [ ! -x "$cache/base/bin/bash" ]; then
  echo "== debootstrap --variant=minbase bookworm (once; cached in $cache/base)"
  rm -rf "$cache/base"
  debootstrap --variant=minbase bookworm "$cache/base" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
    { tail -5 "$cache/debootstrap.log"; exit 1; }
fi

roots=()
cleanup() {
  for root in "${roots[@]}"; do
    # Every process whose root is ours (a pins-mock a CI step left running) ends with it.
    for proc in /proc/[0-9]*; do
      [ "$(readlink "$proc/root" 2>/dev/null)" = "$root" ] && kill "${proc#/proc/}" 2>/dev/null
    done
  done
  sleep 0.5
  for root in "${roots[@]}"; do
    umount -R "$root/dev" 2>/dev/null
    umount "$root/proc" 2>/dev/null
    rm -rf "$root"
  done
}
trap cleanup EXIT
# new_root: a fresh copy of the bare root, with the package in /root (sets $root).
new_root() {
  root=$(mktemp -d "$cache/deb-check-XXXXXX")
  roots+=("$root")
  cp -a "$cache/base/." "$root/"
  cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null
  mount -t proc proc "$root/proc" && mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev"
  cp "$deb" "$root/root/"
}
# in_root ROOT 'COMMAND' [VAR=value...]: runs COMMAND in /root of ROOT with a clean environment.
in_root() {
  local dir=$1 command=$2
  shift 2
  chroot "$dir" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    DEBIAN_FRONTEND=noninteractive "$@" /bin/bash -c "cd /root && $command"
}
wait_for_file() {
  for _ in $(seq 1 100); do [ -s "$1" ] && return 0; sleep 0.1; done
  echo "no $1 after 10 s"; return 1
}
fail() { echo "check_deb.sh: FAILED: $1"; exit 1; }
# yaml_block N: the Nth ```yaml block of the README.
yaml_block() {
  awk -v n="$1" '/^```yaml$/ {k++; on = (k == n); next} /^```/ {on = 0} on' "$readme"
}

new_root
main=$root
echo "== bare root: $(in_root "$main" '. /etc/os-release; echo "$PRETTY_NAME"'), $(in_root "$main" 'dpkg -l | grep -c ^ii') packages"
echo "== $name: $(dpkg-deb -f "$deb" Depends)"
echo "== apt-get update && apt-get install -y ./$name"
SECONDS=0
in_root "$main" "apt-get update && apt-get install -y ./$name" >"$main/root/install.log" 2>&1 ||
  { tail -20 "$main/root/install.log"; fail "install"; }
echo "   installed in ${SECONDS}s: $(in_root "$main" 'dpkg -l | grep -c ^ii') packages; $(in_root "$main" 'command -v pins-mock pins-contract | tr "\n" " "')"
in_root "$main" "pins-mock --version" || fail "pins-mock --version"

echo "== pins-mock --port 0 --port-file /tmp/port"
in_root "$main" "pins-mock --port 0 --port-file /tmp/port >/root/http.log 2>&1 &"
wait_for_file "$main/tmp/port" || { cat "$main/root/http.log"; fail "pins-mock did not start"; }
port=$(cat "$main/tmp/port")
health=$(curl -sS "http://127.0.0.1:$port/__admin/health") || fail "health over HTTP"
echo "   GET http://127.0.0.1:$port/__admin/health (from outside the root) -> $health"
echo "== pins-contract --base-url http://127.0.0.1:$port/v5 --target-is-mock (packaged, in the root)"
in_root "$main" "pins-contract --base-url http://127.0.0.1:$port/v5 --target-is-mock" >"$main/root/contract.log" 2>&1 ||
  { tail -30 "$main/root/contract.log"; fail "pins-contract"; }
echo "   $(tail -1 "$main/root/contract.log")"

echo "== pins-mock --port 0 --port-file /tmp/tls-port --tls-self-signed"
in_root "$main" "pins-mock --port 0 --port-file /tmp/tls-port --tls-self-signed >/root/https.log 2>&1 &"
wait_for_file "$main/tmp/tls-port" || { cat "$main/root/https.log"; fail "pins-mock --tls-self-signed did not start"; }
port=$(cat "$main/tmp/tls-port")
cert=$(awk '/tls cert:/ {print $3}' "$main/root/https.log")
[ -n "$cert" ] || fail "no certificate path in the banner"
health=$(curl -sS --cacert "$main$cert" "https://127.0.0.1:$port/__admin/health") || fail "health over HTTPS"
echo "   GET https://127.0.0.1:$port/__admin/health with --cacert $cert -> $health"

# README "Use in CI", GitHub Actions: each `run: |` block in order, as `bash -e` does; lines
# written to $GITHUB_ENV are exported to the steps after it.
echo "== README 'Use in CI': the GitHub Actions steps, in a fresh bare root"
new_root
github=$root
yaml_block 1 | awk '
  /^ *run: \|$/ { indent = index($0, "r") + 1; step++; next }
  indent && match($0, /^ */) && RLENGTH < indent && $0 !~ /^$/ { indent = 0 }
  indent { print substr($0, indent + 1) > ("'"$github"'/root/step-" step ".sh") }'
touch "$github/root/github.env"
for step in $(ls "$github/root"/step-*.sh | sort -V); do
  echo "-- $(basename "$step"): $(grep -v '^ *#' "$step" | head -1)"
  in_root "$github" "set -a; . ./github.env; set +a; bash -e $(basename "$step")" GITHUB_ENV=/root/github.env \
    >"$step.log" 2>&1 || { tail -20 "$step.log"; fail "GitHub step $(basename "$step")"; }
  printf '   %s\n' "$(tail -1 "$step.log")"
done
for report in junit.xml verify-client.json pins-mock.log; do
  [ -s "$github/root/$report" ] || fail "the GitHub job left no $report"
done
echo "   reports to upload: junit.xml ($(grep -c '<testcase' "$github/root/junit.xml") test cases), verify-client.json ($(grep -o '"verdict": *"[a-z ]*"' "$github/root/verify-client.json")), pins-mock.log"

# README "Use in CI", GitLab: the service is the package's pins-mock on all interfaces (here in
# the first root, on a free port); the script lines run in one shell, in a fresh bare root.
echo "== README 'Use in CI': the GitLab script, in a fresh bare root, with the service"
in_root "$main" "pins-mock --host 0.0.0.0 --port 0 --port-file /tmp/service-port >/root/service.log 2>&1 &"
wait_for_file "$main/tmp/service-port" || fail "the service did not start"
new_root
gitlab=$root
yaml_block 2 | awk '/^  script:$/ {on = 1; next} on && /^    - / {print substr($0, 7); next} on {on = 0}' \
  >"$gitlab/root/script.sh"
token=$(yaml_block 2 | awk '/PINS_TOKEN:/ {print $2}')
in_root "$gitlab" "bash -e script.sh" "PINS_MOCK=127.0.0.1:$(cat "$main/tmp/service-port")" "PINS_TOKEN=$token" \
  >"$gitlab/root/script.log" 2>&1 || { tail -20 "$gitlab/root/script.log"; fail "GitLab script"; }
echo "   $(grep -c . "$gitlab/root/script.sh") script lines ran; $(tail -1 "$gitlab/root/script.log"); junit.xml: $(grep -c '<testcase' "$gitlab/root/junit.xml") test cases"
echo "check_deb.sh: $name installs on a bare Debian 12 and serves; the README's CI steps run as written"
