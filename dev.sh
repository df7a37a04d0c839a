#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine: installs what octolog needs
# from Debian's archive, builds it, and runs the recorder or the tests.
#
#   ./dev.sh run [RECORDER FLAGS...]  install, build, record in the foreground
#   ./dev.sh test                     install, build, run the whole test suite
#   ./dev.sh test-sanitize            the whole suite built with ASan + UBSan
#                                     (build-sanitize); any report fails it
#   ./dev.sh fuzz [SECONDS]           build the libFuzzer targets with clang
#                                     (build-fuzz), run each SECONDS (20)
#   ./dev.sh build                    install and build only
#   ./dev.sh build-sanitize, build-fuzz   build only those
#   ./dev.sh test-windows             cross-build for Windows (mingw-w64) and
#                                     test under Wine (tests/windows/build_and_test.sh)
#
# Installing needs root (or sudo); set OCTOLOG_NO_INSTALL=1 to skip it.
# BUILD_DIR (default build) and CMAKE_ARGS pass through to CMake.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
  cmake ninja-build g++ pkgconf
  libsqlitecpp-dev libsqlite3-dev libspdlog-dev libfmt-dev libcli11-dev
  nlohmann-json3-dev libgtest-dev libgmock-dev libbenchmark-dev
  sqlite3 iproute2 tzdata util-linux procps faketime python3
  clang libclang-rt-14-dev
)
FUZZ_TARGETS=(proc_net_dev netlink trace recorder_config date_parse hour_profile day_top sample_chunk)
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

build() { # [TARGET...]
  install_packages
  # shellcheck disable=SC2086
  cmake -S . -B "$BUILD_DIR" -G Ninja ${CMAKE_ARGS:-} >/dev/null
  cmake --build "$BUILD_DIR" -j "$(nproc)" ${1:+--target "$@"}
}

# ASan + UBSan at -O1 (their recommended level; quicker to build than -O2).
sanitize_settings() {
  BUILD_DIR=${SANITIZE_BUILD_DIR:-build-sanitize}
  CMAKE_ARGS="${CMAKE_ARGS:-} -DOCTOLOG_ENABLE_ASAN=ON -DOCTOLOG_ENABLE_UBSAN=ON"
  CMAKE_ARGS+=" -DOCTOLOG_BUILD_BENCHMARKS=OFF -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS=-O1"
}

fuzz_settings() {
  BUILD_DIR=${FUZZ_BUILD_DIR:-build-fuzz}
  export CXX=${FUZZ_CXX:-clang++}
  CMAKE_ARGS="${CMAKE_ARGS:-} -DOCTOLOG_BUILD_FUZZERS=ON -DOCTOLOG_BUILD_TESTS=OFF"
  CMAKE_ARGS+=" -DOCTOLOG_BUILD_BENCHMARKS=OFF -DOCTOLOG_ENABLE_ASAN=ON -DOCTOLOG_ENABLE_UBSAN=ON"
}

# Runs fuzz target $1 for $2 seconds on its seed corpus; new inputs go to a
# scratch corpus, so the checked-in seeds stay as they are. Leaves a one-line
# summary in fuzz-artifacts/$1.summary; fails on a crash.
run_fuzzer() { # target seconds
  local scratch log summary
  scratch=$(mktemp -d)
  log="$BUILD_DIR/fuzz-artifacts/$1.log"
  summary="$BUILD_DIR/fuzz-artifacts/$1.summary"
  if "$BUILD_DIR/tests/fuzz/$1_fuzz" -max_total_time="$2" -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$BUILD_DIR/fuzz-artifacts/$1-" "$scratch" "tests/fuzz/corpus/$1" \
    >"$log" 2>&1; then
    echo "fuzz $1: $(awk '/stat::number_of_executed_units/ {print $2}' "$log") executions in $2 s, no crash" >"$summary"
    rm -rf "$scratch"
  else
    { echo "fuzz $1: FAILED (log and crashing input in $BUILD_DIR/fuzz-artifacts)"; tail -n 40 "$log"; } >"$summary"
    rm -rf "$scratch"
    return 1
  fi
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
build-sanitize)
  sanitize_settings
  build
  ;;
test-sanitize)
  sanitize_settings
  build
  reports=$(mktemp -d)
  # Every report goes to a file as well as failing its process, so that one
  # from a process whose exit status a test does not check still fails CI.
  # libfaketime is preloaded by the clock test, hence the link-order check.
  export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:verify_asan_link_order=0:log_path=$reports/asan"
  export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$reports/ubsan"
  # Every test runs, the reliability loops with a quarter of their rounds
  # (sanitized code is several times slower); memory figures are not judged
  # (ASan's quarantine holds freed memory on purpose).
  export OCTOLOG_RELIABILITY_SCALE=${OCTOLOG_RELIABILITY_SCALE:-25}
  export OCTOLOG_SANITIZED=1
  status=0
  (cd "$BUILD_DIR" && ctest --output-on-failure -j "$(nproc)") || status=$?
  if compgen -G "$reports/*" >/dev/null; then
    echo "sanitizer reports:"
    cat "$reports"/*
    status=1
  fi
  rm -rf "$reports"
  exit "$status"
  ;;
build-fuzz)
  fuzz_settings
  build "${FUZZ_TARGETS[@]/%/_fuzz}"
  ;;
fuzz)
  seconds=${2:-20}
  fuzz_settings
  build "${FUZZ_TARGETS[@]/%/_fuzz}"
  mkdir -p "$BUILD_DIR/fuzz-artifacts"
  export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1"
  export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
  # One fuzzer per core at a time; the summaries are printed in order.
  status=0
  running=()
  for target in "${FUZZ_TARGETS[@]}"; do
    run_fuzzer "$target" "$seconds" &
    running+=($!)
    if ((${#running[@]} >= $(nproc))); then
      for pid in "${running[@]}"; do wait "$pid" || status=1; done
      running=()
    fi
  done
  for pid in "${running[@]}"; do wait "$pid" || status=1; done
  for target in "${FUZZ_TARGETS[@]}"; do
    cat "$BUILD_DIR/fuzz-artifacts/$target.summary"
  done
  exit "$status"
  ;;
build)
  build
  ;;
test-windows)
  # Installs its own packages (mingw-w64, Wine) and builds in build-windows.
  exec tests/windows/build_and_test.sh
  ;;
*)
  sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
  ;;
esac
