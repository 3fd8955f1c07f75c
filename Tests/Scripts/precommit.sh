#!/usr/bin/env bash
# Verifies .pre-commit-hooks.yaml for real: installs pre-commit from PyPI (in a throw-away virtual
# environment), makes a git repository of Fixtures/precommit-app whose .pre-commit-config.yaml uses
# this repository at its HEAD commit, and checks that
#   1. a fresh registry passes (pre-commit run, and a real `git commit` through the installed hook);
#   2. a task added without regenerating the registry makes the hook fail with the diagnostic and
#      the commit is refused;
#   3. after `nitro build` the commit goes through.
# pre-commit builds the hook repository with `swift build -c release` (a few minutes the first time).
# Usage: Tests/Scripts/precommit.sh      (commit your changes first: pre-commit uses HEAD)
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/nitro-precommit.XXXXXX")
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache"

fail() { echo "precommit.sh: FAILED: $*" >&2; exit 1; }

echo "== pre-commit: install (PyPI)"
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check pre-commit
precommit="$work/venv/bin/pre-commit"
"$precommit" --version

rev=$(git -C "$repo" rev-parse HEAD)
git -C "$repo" cat-file -e "$rev:.pre-commit-hooks.yaml" || fail ".pre-commit-hooks.yaml is not committed"

echo "== fixture repository (hook repo: $repo at $rev)"
app="$work/app"
cp -R "$repo/Fixtures/precommit-app" "$app"
cat > "$app/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: nitro-build-check
YAML
cd "$app"
git init --quiet
git config user.email "ci@example.invalid"
git config user.name "CI"
git config commit.gpgsign false

echo "== build the hook environment (swift build -c release)"
start=$SECONDS
"$precommit" install-hooks
echo "hook environment ready in $((SECONDS - start)) s"
nitro=$(find "$PRE_COMMIT_HOME" -path '*/release/nitro' -type f -perm -u+x | head -n 1)
[ -n "$nitro" ] || fail "pre-commit built no nitro executable"
# The committed registry, as this revision of nitro writes it.
"$nitro" build --root "$app" >/dev/null
"$precommit" install >/dev/null
git add -A
git commit --quiet -m "app with a current registry" || fail "the first commit (fresh registry) was refused"

echo "== fresh registry: the hook passes"
out=$("$precommit" run --all-files 2>&1) || { echo "$out"; fail "the hook failed on a fresh registry"; }
echo "$out"
grep -q "nitro build --check.*Passed" <<<"$out" || fail "the hook did not run"

echo "== stale registry: the hook fails with the diagnostic"
mkdir -p Sources/App/tasks/cms
cat > Sources/App/tasks/cms/update.swift <<'SWIFT'
import NitroTasks

let update = defineTask { _ in TaskResult(result: "updated") }
SWIFT
git add -A
if out=$("$precommit" run --all-files 2>&1); then echo "$out"; fail "the hook passed on a stale registry"; fi
echo "$out"
diagnostic="Sources/App/NitroTasks.generated.swift:1:1: error: this generated file is out of date; run 'nitro build'"
[ "$(grep -cF "$diagnostic" <<<"$out")" = 1 ] || fail "the diagnostic is not printed exactly once"
grep -qF '+            .init("cms:update", definition: { update }),' <<<"$out" || fail "no diff in the output"
if git commit --quiet -m "add cms:update" >"$work/commit.log" 2>&1; then
    cat "$work/commit.log"; fail "git commit went through with a stale registry"
fi
grep -qF "$diagnostic" "$work/commit.log" || { cat "$work/commit.log"; fail "the refused commit did not show the diagnostic"; }

echo "== after nitro build: the commit goes through"
"$nitro" build --root "$app"
git add -A
git commit --quiet -m "add cms:update" || fail "the commit was refused after nitro build"
[ -z "$(git status --porcelain)" ] || fail "files left uncommitted"

echo "precommit.sh: 3 passed, 0 failed"
