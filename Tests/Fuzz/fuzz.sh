#!/usr/bin/env bash
# Builds and runs the libFuzzer targets (swiftc -sanitize=fuzzer,address).
#
#   Tests/Fuzz/fuzz.sh [TARGET ...] [--seconds N]     (default: every target, 30 s each)
#
# Each target is Tests/Fuzz/Targets/<Target>.swift; its seed corpus is Fixtures/fuzz/<corpus>/.
# The package's modules are compiled as static libraries with coverage and AddressSanitizer,
# `-enable-testing` so that targets can `@testable import` internals (and one `-package-name`, for
# `package` symbols); C targets (CNitroDevServer) are compiled with clang and described to Swift by a
# generated module map. New inputs found are kept
# in a scratch corpus (.build-fuzz/corpus/<target>), never in the repository; a crash leaves its
# reproducer in .build-fuzz/crashes/ and makes the script fail.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=30
targets=()
while (($#)); do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done

# target → "corpus:modules it needs, in dependency order" (each list a prefix-compatible order,
# so that a module built for one target is reused by the next: see build_module)
declare -A plan=(
  [JSONReaderFuzz]="json:NitroJSON"
  [CronFuzz]="cron:NitroJSON,NitroSync,NitroCron"
  [ConfigFuzz]="config:NitroJSON,NitroSync,NitroCron,NitroBuild"
  [TaskFileFuzz]="taskfile:NitroJSON,NitroSync,NitroCron,NitroBuild"
  [HTTPRequestFuzz]="http:NitroJSON,NitroSync,NitroCron,NitroTasks,NitroTasksRoutes,CNitroDevServer,NitroTasksDevServer"
)
for file in Tests/Fuzz/Targets/*.swift; do
  name=$(basename "$file" .swift)
  [[ -n ${plan[$name]:-} ]] || { echo "fuzz.sh: no plan for $name" >&2; exit 2; }
done
((${#targets[@]})) || targets=("${!plan[@]}")

out=.build-fuzz
mkdir -p "$out/lib" "$out/bin" "$out/crashes"
flags=(-sanitize=fuzzer,address -parse-as-library -enable-testing -package-name nitro_tasks -Onone -g)
clang=$(dirname "$(command -v swiftc)")/clang

build_module() {
  local module=$1
  # Rebuilt when its sources or those of the modules before it change (a stamp of their contents).
  local stamp
  stamp=$(for each in "${built[@]}" "$module"; do find "Sources/$each" -type f | sort | xargs cat; done | cksum)
  [[ -f $out/lib/lib$module.a && $(cat "$out/lib/$module.stamp" 2>/dev/null) == "$stamp" ]] && return
  mapfile -t sources < <(find "Sources/$module" -name '*.swift' | sort)
  if ((${#sources[@]} == 0)); then  # a C target: objects with ASan, and a module map for its headers
    mapfile -t sources < <(find "Sources/$module" -name '*.c' | sort)
    local objects=() headers="$PWD/Sources/$module/include"
    for source in "${sources[@]}"; do
      "$clang" -fsanitize=address,fuzzer-no-link -g -O1 -I "$headers" -c "$source" -o "$out/lib/$(basename "$source").o"
      objects+=("$out/lib/$(basename "$source").o")
    done
    mkdir -p "$out/lib/$module"
    { echo "module $module {"; for header in "$headers"/*.h; do echo "  header \"$header\""; done; echo "  export *"; echo "}"; } \
      >"$out/lib/$module/module.modulemap"
    rm -f "$out/lib/lib$module.a"
    ar rcs "$out/lib/lib$module.a" "${objects[@]}"
    echo "$stamp" >"$out/lib/$module.stamp"
    return
  fi
  swiftc "${flags[@]}" -module-name "$module" -emit-library -static -emit-module \
    -emit-module-path "$out/lib/$module.swiftmodule" -I "$out/lib" "${includes[@]}" "${sources[@]}" -o "$out/lib/lib$module.a"
  echo "$stamp" >"$out/lib/$module.stamp"
}

status=0
for target in "${targets[@]}"; do
  IFS=: read -r corpus modules <<<"${plan[$target]}"
  IFS=, read -ra needed <<<"$modules"
  libs=() includes=() built=()
  for module in "${needed[@]}"; do
    [[ -d Sources/$module/include ]] && includes+=(-I "$out/lib/$module")
    build_module "$module"
    built+=("$module")
    libs+=("$out/lib/lib$module.a")
  done
  # Static libraries link dependents first.
  reversed=()
  for ((i = ${#libs[@]} - 1; i >= 0; i--)); do reversed+=("${libs[i]}"); done
  if ! swiftc -sanitize=fuzzer,address -parse-as-library -package-name nitro_tasks -I "$out/lib" "${includes[@]}" \
    "Tests/Fuzz/Targets/$target.swift" "${reversed[@]}" -o "$out/bin/$target" >"$out/link.log" 2>&1; then
    grep -v "Cannot export local symbol" "$out/link.log" >&2
    echo "fuzz.sh: $target does not build" >&2
    exit 2
  fi
  mkdir -p "$out/corpus/$target"
  echo "== $target ($seconds s, seeds: Fixtures/fuzz/$corpus)"
  if ! SWIFT_BACKTRACE=enable=no "$out/bin/$target" "$out/corpus/$target" "Fixtures/fuzz/$corpus" -max_total_time="$seconds" \
      -max_len=4096 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$out/crashes/$target-" -print_final_stats=1 \
      2> >(grep -E '(DONE|^stat::|==[0-9]+==ERROR|^SUMMARY|^Done|Fatal error|deadly signal|written to)' | tail -10 >&2); then
    status=1
    crashed=1
  else
    crashed=0
  fi
  wait $! 2>/dev/null || true  # the summary filter, so its lines come before what follows
  ((crashed)) && echo "fuzz.sh: $target found a crash; reproducer in $out/crashes/" >&2
done
exit $status
