#!/usr/bin/env bash
# The long version of the crash-safety test: `nitro build` killed with SIGKILL at random moments,
# NITRO_CRASH_RUNS times (default 3000; CI runs 300 inside `swift test`). Prints the figures
# recorded in Docs/Reliability.md.
#
#   Tests/Scripts/crash-safety.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
scratch=${SCRATCH_PATH:-.build-rel}
swift build --scratch-path "$scratch" --build-tests
NITRO_CRASH_RUNS=${1:-3000} swift test --scratch-path "$scratch" --skip-build --filter CrashSafetyTests 2>&1 |
  grep -E "crash safety:|✘|Test run|passed|failed"
