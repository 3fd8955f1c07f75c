#!/usr/bin/env bash
# The whole test suite under AddressSanitizer and ThreadSanitizer (`swift test --sanitize=…`),
# each in its own scratch folder. Every process the tests start (the `nitro` binary is built
# with the same sanitizer) writes its reports to a log folder, so a report in a child process is
# not lost in captured output; the script fails when any report is written or a test fails.
# ThreadSanitizer reads Tests/Scripts/tsan-suppressions.txt (Synchronization.Mutex on Linux) and
# LeakSanitizer Tests/Scripts/lsan-suppressions.txt (leaks inside XCTest and Foundation).
#
#   Tests/Scripts/sanitizers.sh [address] [thread]        (default: both)
#
# Figures (time, result) are recorded in Docs/Reliability.md.
set -euo pipefail
cd "$(dirname "$0")/../.."

sanitizers=("$@")
((${#sanitizers[@]})) || sanitizers=(address thread)
status=0
for sanitizer in "${sanitizers[@]}"; do
  case $sanitizer in
    address) scratch=.build-asan ;;
    thread) scratch=.build-tsan ;;
    *) echo "usage: $0 [address] [thread]" >&2; exit 64 ;;
  esac
  reports="$PWD/$scratch/sanitizer-reports"
  rm -rf "$reports" && mkdir -p "$reports"
  started=$SECONDS
  echo "== $sanitizer: build"
  swift build --scratch-path "$scratch" --build-tests --sanitize="$sanitizer"
  built=$SECONDS
  echo "== $sanitizer: tests"
  # One test at a time: many tests wait for processes (nitro, swift build) on the few threads of
  # Swift concurrency's pool, and under a sanitizer those waits last long enough to starve the
  # development server's tests running beside them (their requests time out).
  if ! ASAN_OPTIONS="log_path=$reports/asan:${ASAN_OPTIONS:-}" \
      LSAN_OPTIONS="suppressions=$PWD/Tests/Scripts/lsan-suppressions.txt:${LSAN_OPTIONS:-}" \
      TSAN_OPTIONS="log_path=$reports/tsan:suppressions=$PWD/Tests/Scripts/tsan-suppressions.txt:${TSAN_OPTIONS:-}" \
      swift test --scratch-path "$scratch" --skip-build --sanitize="$sanitizer" --no-parallel; then
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
