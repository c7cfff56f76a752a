#!/usr/bin/env bash
# `./dev package-check`: installs the .deb in a bare Debian 12 root (debootstrap minbase, nothing
# else) exactly as README "Install the Debian package" says, then proves the packaged programs
# work: pins-mock serves HTTP and HTTPS (checked from outside the root), and the packaged
# pins-contract passes its suite against it. Needs root, debootstrap and a Debian mirror.
#   check_deb.sh build/pins-mock_VERSION_amd64.deb
set -uo pipefail
deb=$(realpath "$1")
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
root=$(mktemp -d "$cache/deb-check-XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -- -"$pid" 2>/dev/null; done
  sleep 0.5
  umount -R "$root/dev" 2>/dev/null
  umount "$root/proc" 2>/dev/null
  rm -rf "$root"
}
trap cleanup EXIT
cp -a "$cache/base/." "$root/"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null
mount -t proc proc "$root/proc" && mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev"
cp "$deb" "$root/root/"
in_root() {
  chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    DEBIAN_FRONTEND=noninteractive /bin/bash -c "cd /root && $1"
}
# start_in_root NAME 'COMMAND': in the background, its own process group (stopped at exit).
start_in_root() {
  setsid bash -c "$(declare -f in_root); root='$root'; in_root '$2'" >"$root/root/$1.log" 2>&1 &
  pids+=($!)
}
wait_for_file() {
  for _ in $(seq 1 100); do [ -s "$root$1" ] && return 0; sleep 0.1; done
  echo "no $1 after 10 s"; return 1
}
fail() { echo "check_deb.sh: FAILED: $1"; exit 1; }

name=$(basename "$deb")
echo "== bare root: $(in_root '. /etc/os-release; echo "$PRETTY_NAME"'), $(in_root 'dpkg -l | grep -c ^ii') packages"
echo "== $name: $(dpkg-deb -f "$deb" Depends)"
echo "== apt-get update && apt-get install -y ./$name"
SECONDS=0
in_root "apt-get update -qq && apt-get install -y -qq --no-install-recommends ./$name" >"$root/root/install.log" 2>&1 ||
  { tail -20 "$root/root/install.log"; fail "install"; }
echo "   installed in ${SECONDS}s: $(in_root 'dpkg -l | grep -c ^ii') packages; $(in_root 'command -v pins-mock pins-contract | tr "\n" " "')"
in_root "pins-mock --version" || fail "pins-mock --version"

echo "== pins-mock --port 0 --port-file /tmp/port"
start_in_root http "pins-mock --port 0 --port-file /tmp/port"
wait_for_file /tmp/port || { cat "$root/root/http.log"; fail "pins-mock did not start"; }
port=$(cat "$root/tmp/port")
health=$(curl -sS "http://127.0.0.1:$port/__admin/health") || fail "health over HTTP"
echo "   GET http://127.0.0.1:$port/__admin/health (from outside the root) -> $health"
echo "== pins-contract --base-url http://127.0.0.1:$port/v5 --target-is-mock (packaged, in the root)"
in_root "pins-contract --base-url http://127.0.0.1:$port/v5 --target-is-mock" >"$root/root/contract.log" 2>&1 ||
  { tail -30 "$root/root/contract.log"; fail "pins-contract"; }
tail -2 "$root/root/contract.log" | sed 's/^/   /'

echo "== pins-mock --port 0 --port-file /tmp/tls-port --tls-self-signed"
start_in_root https "pins-mock --port 0 --port-file /tmp/tls-port --tls-self-signed"
wait_for_file /tmp/tls-port || { cat "$root/root/https.log"; fail "pins-mock --tls-self-signed did not start"; }
port=$(cat "$root/tmp/tls-port")
cert=$(awk '/tls cert:/ {print $3}' "$root/root/https.log")
[ -n "$cert" ] || fail "no certificate path in the banner"
health=$(curl -sS --cacert "$root$cert" "https://127.0.0.1:$port/__admin/health") || fail "health over HTTPS"
echo "   GET https://127.0.0.1:$port/__admin/health with --cacert $cert -> $health"
echo "check_deb.sh: $name installs on a bare Debian 12 and serves"
