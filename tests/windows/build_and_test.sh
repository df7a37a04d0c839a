#!/usr/bin/env bash
# Cross-builds octolog for 64-bit Windows with mingw-w64 and tests it under
# Wine, on a fresh Debian 12 as root (also: ./dev.sh test-windows).
#
#   1. installs mingw-w64 (posix threads), wine64 and the dependencies'
#      Debian packages (--no-install-recommends)
#   2. builds the dependencies for mingw into the build directory, from
#      Debian's archive only: SQLiteCpp's source package (with SQLite's
#      amalgamation), GoogleTest's sources from libgtest-dev, and the
#      header-only spdlog (over libfmt-dev), CLI11 and nlohmann-json
#   3. cross-builds octolog and its portable tests, linked statically
#   4. under Wine: the unit tests (ctest), the replay end-to-end test
#      (tests/e2e/replay_test.sh, unchanged), and a live recording of the
#      host's interfaces through IP Helper (tests/windows/live_test.sh)
#
# Prints a summary; exits non-zero when any step fails.
# WINDOWS_BUILD_DIR (default build-windows) is where everything goes;
# OCTOLOG_NO_INSTALL=1 skips the package installation.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(realpath -m "${WINDOWS_BUILD_DIR:-$ROOT/build-windows}")
DEPS=$BUILD/deps
TOOLCHAIN=$ROOT/common/cmake/toolchain-mingw-w64.cmake
JOBS=${JOBS:-$(nproc)}

PACKAGES=(
  cmake ninja-build dpkg-dev g++-mingw-w64-x86-64-posix wine64
  libgtest-dev libspdlog-dev libfmt-dev libcli11-dev nlohmann-json3-dev sqlite3
)

SUMMARY=()
FAILED=0
STARTED=$SECONDS

# Runs a command as a step called $2, timing it and keeping its output in
# $BUILD/logs/; a failed build step ends the script, a failed test step is
# counted and the others still run (exit 77 is a skip, as in tests/e2e). Each step runs in a subshell of its own in
# the background: there `set -e` holds (it would not inside `cmd || ...`).
step_number=0
step() { # kind name command...
  local kind=$1 name=$2
  shift 2
  step_number=$((step_number + 1))
  local log
  log=$BUILD/logs/$(printf '%02d' "$step_number")-${name// /-}.log
  mkdir -p "$BUILD/logs"
  echo "== $name"
  local begin=$SECONDS status=0
  if [[ $kind == test ]]; then
    { ("$@") 2>&1 | tee "$log"; } &
  else
    ("$@") >"$log" 2>&1 &
  fi
  wait $! || status=$?
  local took=$((SECONDS - begin))
  if ((status == 0)); then
    SUMMARY+=("$(printf 'ok    %4d s  %s' "$took" "$name")")
  elif [[ $kind == test ]] && ((status == 77)); then
    SUMMARY+=("$(printf 'SKIP  %4d s  %s (see its output above)' "$took" "$name")")
  else
    SUMMARY+=("$(printf 'FAIL  %4d s  %s (log: %s)' "$took" "$name" "$log")")
    FAILED=1
    if [[ $kind != test ]]; then
      tail -n 40 "$log"
      summary
    fi
  fi
}

summary() {
  echo
  echo "== Windows build under Wine: summary ($((SECONDS - STARTED)) s)"
  printf '%s\n' "${SUMMARY[@]}"
  if ((FAILED)); then
    echo "FAILED"
    exit 1
  fi
  echo "all passed"
  exit 0
}

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return
  echo "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# apt-get source needs a deb-src entry. Debian 12 ships only "Types: deb"
# stanzas; this adds the matching deb-src one in the same deb822 form.
enable_source_packages() {
  if [[ -n $(apt-cache showsrc sqlitecpp 2>/dev/null) ]]; then
    return
  fi
  local codename uri file=/etc/apt/sources.list.d/octolog-deb-src.sources
  codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
  uri=$(awk '/^URIs:/ && $2 ~ /\/debian\/?$/ {print $2; exit}' \
    /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  cat >"$file" <<EOF
Types: deb-src
URIs: ${uri:-http://deb.debian.org/debian}
Suites: $codename $codename-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  echo "wrote $file"
  apt-get update -qq
}

fetch_sqlitecpp() {
  if compgen -G "$BUILD/src/sqlitecpp-*/sqlite3/sqlite3.c" >/dev/null; then
    return
  fi
  mkdir -p "$BUILD/src"
  # The download runs as root: _apt cannot write to a root-owned folder.
  (cd "$BUILD/src" && apt-get source -q -o APT::Sandbox::User=root sqlitecpp)
}

cmake_dependency() { # name source-dir cmake-args...
  local name=$1 source=$2
  shift 2
  cmake -S "$source" -B "$BUILD/deps-build/$name" -G Ninja \
    -DCMAKE_TOOLCHAIN_FILE="$TOOLCHAIN" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$DEPS" -DCMAKE_PREFIX_PATH="$DEPS" -DCMAKE_FIND_ROOT_PATH="$DEPS" "$@"
  cmake --build "$BUILD/deps-build/$name" -j "$JOBS"
  cmake --install "$BUILD/deps-build/$name"
}

build_sqlitecpp() {
  local source
  source=$(compgen -G "$BUILD/src/sqlitecpp-*/" | head -n 1)
  cmake_dependency sqlitecpp "$source" -DSQLITECPP_INTERNAL_SQLITE=ON \
    -DSQLITECPP_RUN_CPPLINT=OFF -DSQLITECPP_RUN_CPPCHECK=OFF \
    -DSQLITECPP_BUILD_TESTS=OFF -DSQLITECPP_BUILD_EXAMPLES=OFF
}

build_googletest() {
  cmake_dependency googletest /usr/src/googletest -DBUILD_GMOCK=OFF
}

# Header-only libraries: Debian's headers, and for CLI11 and nlohmann-json
# Debian's own CMake package files (they locate the headers relative to
# themselves); spdlog's are ours (tests/windows/spdlogConfig.cmake).
install_header_only() {
  mkdir -p "$DEPS/include" "$DEPS/share/cmake" "$DEPS/lib/cmake/spdlog"
  local dir
  for dir in spdlog fmt CLI nlohmann; do
    rm -rf "${DEPS:?}/include/$dir"
    cp -a "/usr/include/$dir" "$DEPS/include/" # -a: old times, so nothing rebuilds
  done
  for dir in CLI11 nlohmann_json; do
    rm -rf "${DEPS:?}/share/cmake/$dir"
    cp -a "/usr/share/cmake/$dir" "$DEPS/share/cmake/"
  done
  cp "$ROOT/tests/windows/spdlogConfig.cmake" "$DEPS/lib/cmake/spdlog/"
}

build_octolog() {
  cmake -S "$ROOT" -B "$BUILD/octolog" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$TOOLCHAIN" \
    -DCMAKE_PREFIX_PATH="$DEPS" -DCMAKE_FIND_ROOT_PATH="$DEPS" -DOCTOLOG_WERROR=ON
  cmake --build "$BUILD/octolog" -j "$JOBS"
}

# Statically linked: every executable imports only DLLs that come with
# Windows, none of mingw's (libstdc++-6, libgcc_s_seh-1, libwinpthread-1).
check_imports() {
  local exe dlls status=0
  for exe in "$BUILD"/octolog/*/*.exe; do
    dlls=$(x86_64-w64-mingw32-objdump -p "$exe" | awk '/DLL Name:/ {print $3}' | sort -u | paste -sd' ')
    echo "$(basename "$exe"): $dlls"
    if grep -qiE 'libstdc|libgcc|libwinpthread' <<<"$dlls"; then
      echo "  ^ needs a mingw runtime DLL"
      status=1
    fi
  done
  return $status
}

# A prefix of our own under the build directory, with Wine's Mono and Gecko
# installers turned off (nothing here needs them and they would download).
export WINEPREFIX=$BUILD/wine WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
WINE=$(command -v wine64 || command -v wine || echo /usr/lib/wine/wine64)
WINESERVER=$(command -v wineserver || echo /usr/lib/wine/wineserver)

start_wine() {
  "$WINE" wineboot --init
  # One server for every run below instead of one per program (it saves half
  # a second a run); the one wineboot started goes first. Ended on exit.
  "$WINESERVER" --kill || true
  "$WINESERVER" --persistent
  "$WINE" cmd /c ver
}

stop_wine() {
  [[ -x $WINESERVER && -d $WINEPREFIX ]] && "$WINESERVER" --kill 2>/dev/null || true
}

# The recorder under Wine as one executable, for the bash tests.
make_wrapper() {
  cat >"$BUILD/octolog-recorder-wine" <<EOF
#!/bin/sh
exec "$WINE" "$BUILD/octolog/recorder/octolog-recorder.exe" "\$@"
EOF
  chmod +x "$BUILD/octolog-recorder-wine"
}

unit_tests() {
  # A test that fails in 0.00 s with no output is Wine failing to start the
  # process (seen once in 179 tests on a loaded machine, not again in reruns);
  # one more try tells that from a failing test, which fails both times.
  # The same tests run natively on Linux without retries.
  (cd "$BUILD/octolog" && ctest --output-on-failure --repeat until-pass:2)
}

replay_test() {
  bash "$ROOT/tests/e2e/replay_test.sh" "$BUILD/octolog-recorder-wine" "$ROOT/tests/data"
}

live_test() {
  bash "$ROOT/tests/windows/live_test.sh" "$BUILD/octolog-recorder-wine"
}

mkdir -p "$BUILD"
if [[ ${OCTOLOG_NO_INSTALL:-0} != 1 ]]; then
  [[ $(id -u) -eq 0 ]] || { echo "run as root (or set OCTOLOG_NO_INSTALL=1)" >&2; exit 2; }
  step build "install packages" install_packages
  step build "enable deb-src" enable_source_packages
fi
step build "fetch SQLiteCpp source package" fetch_sqlitecpp
step build "build SQLiteCpp + SQLite for mingw" build_sqlitecpp
step build "build GoogleTest for mingw" build_googletest
step build "install header-only libraries" install_header_only
step build "cross-build octolog" build_octolog
step build "no mingw DLLs needed" check_imports
trap stop_wine EXIT
step build "start Wine" start_wine
make_wrapper
step test "unit tests under Wine" unit_tests
step test "replay test under Wine" replay_test
step test "live IP Helper test under Wine" live_test
summary
