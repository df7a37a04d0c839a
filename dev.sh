#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine: installs what octolog needs
# from Debian's archive, builds it, and runs the recorder or the tests.
#
#   ./dev.sh run [RECORDER FLAGS...]  install, build, record in the foreground
#   ./dev.sh test                     install, build, run the whole test suite
#   ./dev.sh build                    install and build only
#
# Installing needs root (or sudo); set OCTOLOG_NO_INSTALL=1 to skip it.
# BUILD_DIR (default build) and CMAKE_ARGS pass through to CMake.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
  cmake ninja-build g++ pkgconf
  libsqlitecpp-dev libsqlite3-dev libspdlog-dev libfmt-dev libcli11-dev
  nlohmann-json3-dev libgtest-dev libgmock-dev libbenchmark-dev
  sqlite3 iproute2 tzdata util-linux
)
BUILD_DIR=${BUILD_DIR:-build}

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

install_packages() {
  [[ ${OCTOLOG_NO_INSTALL:-0} == 1 ]] && return
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return
  echo "installing: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

build() {
  install_packages
  # shellcheck disable=SC2086
  cmake -S . -B "$BUILD_DIR" -G Ninja ${CMAKE_ARGS:-} >/dev/null
  cmake --build "$BUILD_DIR" -j "$(nproc)"
}

case "${1:-}" in
run)
  shift
  build
  exec "$BUILD_DIR/recorder/octolog-recorder" "$@"
  ;;
test)
  build
  cd "$BUILD_DIR"
  exec ctest --output-on-failure -j "$(nproc)"
  ;;
build)
  build
  ;;
*)
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
  ;;
esac
