#!/usr/bin/env bash
# The usual ways to take pins-mock into another project, each building and running the consumer
# project of testsuite/install/consumer (it starts an embedded MockServer, makes one request).
#   install_test.sh installed    BUILD_DIR SOURCE_DIR [cmake args]  stage `cmake --install`, check
#                                its files, then find_package and pkg-config against it
#   install_test.sh subdirectory BUILD_DIR SOURCE_DIR [cmake args]  add_subdirectory(SOURCE_DIR)
# The cmake args (compiler, build type, launcher) make the consumer's build match the project's.
set -euo pipefail
mode=$1 build=$(realpath "$2") source=$(realpath "$3")
shift 3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
consumer=$source/testsuite/install/consumer

# build_and_run NAME [cmake args]: configures, builds and runs the consumer.
build_and_run() {
  local name=$1
  shift
  echo "== $name"
  cmake -S "$consumer" -B "$work/$name" "$@" >"$work/$name.log" 2>&1 || { cat "$work/$name.log"; return 1; }
  cmake --build "$work/$name" -j 2 >>"$work/$name.log" 2>&1 || { tail -40 "$work/$name.log"; return 1; }
  "$work/$name/consumer"
}

case $mode in
  installed)
    prefix=$work/prefix
    cmake --install "$build" --prefix "$prefix" >"$work/install.log"
    for f in bin/pins-mock bin/pins-contract include/pinsmock/mock_server.hpp lib/libpinsmock.a \
      lib/cmake/pinsmock/pinsmockConfig.cmake lib/cmake/pinsmock/pinsmockConfigVersion.cmake \
      lib/cmake/pinsmock/pinsmockTargets.cmake lib/pkgconfig/pinsmock.pc \
      share/pinsmock/contracts/manifest.json share/pinsmock/fixtures/default/pins.json \
      share/pinsmock/fixtures/faults/sdk_drill.json; do
      [ -e "$prefix/$f" ] || { echo "not installed: $f"; exit 1; }
    done
    "$prefix/bin/pins-mock" --version
    build_and_run find-package -DPINSMOCK_CONSUMER=package -DCMAKE_PREFIX_PATH="$prefix" "$@"
    "$work/find-package/consumer" "$prefix/share/pinsmock" # the installed contracts and fixtures
    PKG_CONFIG_PATH=$prefix/lib/pkgconfig build_and_run pkg-config -DPINSMOCK_CONSUMER=pkg-config "$@"
    ;;
  subdirectory)
    build_and_run add-subdirectory -DPINSMOCK_CONSUMER=subdirectory -DPINSMOCK_SOURCE_DIR="$source" "$@"
    ;;
  *)
    echo "usage: install_test.sh installed|subdirectory BUILD_DIR SOURCE_DIR [cmake args]" >&2
    exit 2
    ;;
esac
echo "install_test.sh $mode: ok"
