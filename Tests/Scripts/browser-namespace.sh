# Sourced by cross-site-browser.sh and dashboard-browser.sh: the example app (Fixtures/basic, in
# development mode on 127.0.0.1:4000) and a page server for http://attacker.example:8000
# (127.0.0.2), inside a network namespace with only a loopback interface, so nothing leaves the
# machine and no port of the host is used.
#
# Set `script` (its name, for messages) before sourcing; `artefacts` (a folder) to keep the
# processes' output there. Provides: root, browser, work (a scratch folder; the page server serves
# $work/site), build_app (sets app), inside COMMAND…, spawn NAME COMMAND… and start_servers. The
# EXIT trap stops every process, deletes the namespace and the scratch folder.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$PWD
scratch=${SCRATCH_PATH:-$root/.build-cross-site}
browser=$(command -v chromium-headless-shell || command -v chromium || true)
if [[ -z $browser ]]; then
  echo "$script: needs chromium-headless-shell or chromium (apt-get install chromium-headless-shell)" >&2
  exit 2
fi
if [[ $(id -u) != 0 ]]; then
  echo "$script: needs root (ip netns add)" >&2
  exit 2
fi

# Builds the example app with its NitroDev trait, as nitro dev builds it, in one scratch path that
# both scripts share (so CI builds it once).
build_app() {
  echo "== building the example app (Fixtures/basic) with its NitroDev trait, as nitro dev builds it"
  swift build --package-path Fixtures/basic --scratch-path "$scratch" --product App --traits default,NitroDev
  app=$(swift build --package-path Fixtures/basic --scratch-path "$scratch" --traits default,NitroDev --show-bin-path)/App
}

work=$(mktemp -d)
namespace=nitro-$script-$$
cleanup() {
  local status=$?
  set +e
  # `ip netns exec` may fork: each process wrote its own pid (see `spawn`).
  for file in "$work"/*.pid; do
    [[ -f $file ]] && kill "$(cat "$file")" 2>/dev/null
  done
  wait
  ip netns del "$namespace" 2>/dev/null
  [[ -n ${artefacts:-} ]] && cp "$work"/*.out "$work"/*.err "$artefacts"/ 2>/dev/null
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
inside() { ip netns exec "$namespace" "$@"; }
# spawn NAME COMMAND…: runs COMMAND in the namespace in the background; its pid goes to NAME.pid.
spawn() {
  local name=$1
  shift
  inside sh -c 'echo $$ >"$0"; exec "$@"' "$work/$name.pid" "$@" >"$work/$name.out" 2>"$work/$name.err" &
}

ip netns add "$namespace"
inside ip link set lo up
mkdir -p "$work/site" "$work/project"

# Starts the development server (app.out, app.err) and the page server (site.err); waits up to
# 10 s for both to listen.
start_servers() {
  spawn app env NITRO_DEV=1 NITRO_DEV_HOST=127.0.0.1 NITRO_DEV_PORT=4000 NITRO_ROOT="$work/project" NITRO_SCHEDULER=off "$app"
  spawn site python3 -m http.server 8000 --bind 127.0.0.2 --directory "$work/site"
  for _ in $(seq 1 100); do
    if grep -q "Serving tasks on" "$work/app.err" && inside python3 -c \
      'import socket; socket.create_connection(("127.0.0.2", 8000), 1).close()' 2>/dev/null; then
      break
    fi
    sleep 0.1
  done
  grep -q "Serving tasks on" "$work/app.err" || { echo "the development server did not start:"; cat "$work/app.err"; exit 1; }
}
