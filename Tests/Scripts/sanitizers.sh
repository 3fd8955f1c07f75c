#!/usr/bin/env bash
# The whole test suite under AddressSanitizer and ThreadSanitizer (`swift test --sanitize=…`),
# each in its own scratch folder. Every process the tests start (the `nitro` binary is built
# with the same sanitizer) writes its reports to a log folder, so a report in a child process is
# not lost in captured output; the script fails when any report is written or a test fails.
# ThreadSanitizer runs with no suppression (the package's locks are `NitroSync.Locked`, which it
# can follow); LeakSanitizer reads Tests/Scripts/lsan-suppressions.txt (leaks inside XCTest and
# Foundation). Before the suite, a canary with a known bug (Tests/Scripts/SanitizerCanaries) must
# leave its report in the same log folder, so that an empty folder after the suite means that
# reports would have been seen.
#
#   Tests/Scripts/sanitizers.sh [address] [thread] [-- SWIFT_TEST_OPTIONS…]     (default: both)
#
# Options after `--` go to `swift test`, for example `thread -- --skip NitroCLITests` for the
# in-process suites only (the CLI suites wait for sanitized processes).
#
# Figures (time, result) are recorded in Docs/Reliability.md.
set -euo pipefail
cd "$(dirname "$0")/../.."

sanitizers=()
test_options=()
while (($#)); do
  case $1 in
    --) shift; test_options=("$@"); break ;;
    *) sanitizers+=("$1"); shift ;;
  esac
done
((${#sanitizers[@]})) || sanitizers=(address thread)
status=0
for sanitizer in "${sanitizers[@]}"; do
  case $sanitizer in
    address) scratch=.build-asan ;;
    thread) scratch=.build-tsan ;;
    *) echo "usage: $0 [address] [thread] [-- SWIFT_TEST_OPTIONS…]" >&2; exit 64 ;;
  esac
  reports="$PWD/$scratch/sanitizer-reports"
  canary_reports="$PWD/$scratch/canary-reports"
  rm -rf "$reports" "$canary_reports" && mkdir -p "$reports" "$canary_reports"
  started=$SECONDS
  echo "== $sanitizer: canary"
  mkdir -p "$scratch"
  swiftc -sanitize="$sanitizer" "Tests/Scripts/SanitizerCanaries/$sanitizer.swift" -o "$scratch/canary" 2>/dev/null
  ASAN_OPTIONS="log_path=$canary_reports/asan" TSAN_OPTIONS="log_path=$canary_reports/tsan" \
    "$scratch/canary" >/dev/null 2>&1 || true
  if ! grep -q -E "ERROR: AddressSanitizer: heap-buffer-overflow|WARNING: ThreadSanitizer: .*race" "$canary_reports"/* 2>/dev/null; then
    echo "== $sanitizer: the canary's report did not reach $canary_reports: reports would be lost" >&2
    exit 1
  fi
  echo "== $sanitizer: build"
  swift build --scratch-path "$scratch" --build-tests --sanitize="$sanitizer"
  built=$SECONDS
  echo "== $sanitizer: tests"
  # One test at a time: under a sanitizer every test runs 5-15 times slower, and in parallel on
  # two cores the loopback requests of the development server's tests then outlast their bounds
  # (tried: TaskPayloadHTTPTests and DevServerTests time out under ThreadSanitizer).
  if ! ASAN_OPTIONS="log_path=$reports/asan:${ASAN_OPTIONS:-}" \
      LSAN_OPTIONS="suppressions=$PWD/Tests/Scripts/lsan-suppressions.txt:${LSAN_OPTIONS:-}" \
      TSAN_OPTIONS="log_path=$reports/tsan:${TSAN_OPTIONS:-}" \
      swift test --scratch-path "$scratch" --skip-build --sanitize="$sanitizer" --no-parallel ${test_options[@]+"${test_options[@]}"}; then
    echo "== $sanitizer: tests FAILED" >&2
    status=1
  fi
  # Report files also hold the "Suppressions used" summary: only errors and warnings count.
  mapfile -t found < <(grep -l -E "ERROR: (AddressSanitizer|LeakSanitizer)|WARNING: ThreadSanitizer" "$reports"/* 2>/dev/null)
  if ((${#found[@]})); then
    echo "== $sanitizer: ${#found[@]} process(es) reported:" >&2
    head -n 60 "${found[@]}" >&2
    status=1
  fi
  echo "== $sanitizer: build $((built - started)) s, tests $((SECONDS - built)) s"
done
exit $status
