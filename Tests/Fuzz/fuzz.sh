#!/usr/bin/env bash
# Builds and runs the libFuzzer targets (swiftc -sanitize=fuzzer,address).
#
#   Tests/Fuzz/fuzz.sh [TARGET ...] [--seconds N]     (default: every target, 30 s each)
#
# Each target is Tests/Fuzz/Targets/<Target>.swift; its seed corpus is Fixtures/fuzz/<corpus>/.
# The package's modules are compiled as static libraries with coverage and AddressSanitizer,
# `-enable-testing` so that targets can `@testable import` internals. New inputs found are kept
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

# target → "corpus:modules it needs, in dependency order"
declare -A plan=(
  [JSONReaderFuzz]="json:NitroJSON"
)
for file in Tests/Fuzz/Targets/*.swift; do
  name=$(basename "$file" .swift)
  [[ -n ${plan[$name]:-} ]] || { echo "fuzz.sh: no plan for $name" >&2; exit 2; }
done
((${#targets[@]})) || targets=("${!plan[@]}")

out=.build-fuzz
mkdir -p "$out/lib" "$out/bin" "$out/crashes"
flags=(-sanitize=fuzzer,address -parse-as-library -enable-testing -Onone -g)

build_module() {
  local module=$1
  [[ -f $out/lib/lib$module.a && -z $(find "Sources/$module" -newer "$out/lib/lib$module.a" -name '*.swift' | head -1) ]] && return
  mapfile -t sources < <(find "Sources/$module" -name '*.swift' | sort)
  swiftc "${flags[@]}" -module-name "$module" -emit-library -static -emit-module \
    -emit-module-path "$out/lib/$module.swiftmodule" -I "$out/lib" "${sources[@]}" -o "$out/lib/lib$module.a"
}

status=0
for target in "${targets[@]}"; do
  IFS=: read -r corpus modules <<<"${plan[$target]}"
  IFS=, read -ra needed <<<"$modules"
  libs=()
  for module in "${needed[@]}"; do
    build_module "$module"
    libs+=("$out/lib/lib$module.a")
  done
  swiftc -sanitize=fuzzer,address -parse-as-library -I "$out/lib" "Tests/Fuzz/Targets/$target.swift" \
    "${libs[@]}" -o "$out/bin/$target" 2>&1 | grep -v "Cannot export local symbol" >&2 || true
  mkdir -p "$out/corpus/$target"
  echo "== $target ($seconds s, seeds: Fixtures/fuzz/$corpus)"
  if ! "$out/bin/$target" "$out/corpus/$target" "Fixtures/fuzz/$corpus" -max_total_time="$seconds" \
      -max_len=4096 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$out/crashes/$target-" -print_final_stats=1 \
      2> >(grep -E '^(#[0-9]+ *DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY|Done|.*cov:)' | tail -4 >&2); then
    echo "fuzz.sh: $target found a crash; reproducer in $out/crashes/" >&2
    status=1
  fi
done
exit $status
