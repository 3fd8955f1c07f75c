#!/usr/bin/env bash
# A real browser uses the tasks dashboard of the example app (Docs/Development-Server.md, "The
# tasks dashboard"), and a page of another site in the same browser cannot run a task through it.
#
#   Tests/Scripts/dashboard-browser.sh              (UPDATE_SCREENSHOT=1 also copies the screenshot
#                                                    to Docs/images/dashboard.png)
#
# Needs root (a network namespace with only a loopback interface: nothing leaves the machine and
# no port of the host is used), chromium-headless-shell or chromium and python3. It builds
# Fixtures/basic with its NitroDev trait in the scratch path of cross-site-browser.sh (so CI builds
# the app once), starts it in development mode on 127.0.0.1:4000, a page server for
# http://attacker.example:8000 (127.0.0.2), and headless Chromium with its DevTools port; then
# dashboard-browser.py drives the browser (Chrome DevTools Protocol, standard library only).
# Screenshots and logs stay in .build-dashboard/.
script=dashboard-browser
source "$(dirname "$0")/browser-namespace.sh"
artefacts=$root/.build-dashboard
started=$(date +%s)
build_app
built=$(date +%s)
rm -rf "$artefacts"
mkdir -p "$artefacts"

ui=http://127.0.0.1:4000/_nitro/tasks/~ui
# Every way a page of another site could try to run `db:migrate` through the dashboard: a CORS
# fetch with a JSON body (preflighted), no-cors fetches (text/plain body, GET with a query), a
# form posting text/plain that looks like JSON, and the dashboard itself in a frame.
cat >"$work/site/attack.html" <<HTML
<!doctype html>
<title>attacker.example</title>
<form id="form" method="post" action="$ui/run" enctype="text/plain" target="sink">
  <input name='{"task": "db:migrate", "x": "' value='"}'>
</form>
<iframe name="sink"></iframe>
<iframe id="framed" src="$ui"></iframe>
<script>
  const body = JSON.stringify({ task: "db:migrate", payload: {} });
  const outcome = (promise) => promise.then((r) => "status " + r.status + (r.type === "opaque" ? " (opaque)" : ""), (e) => "blocked: " + e.message);
  const frameLoaded = new Promise((resolve) => document.getElementById("framed").addEventListener("load", resolve));
  const formDone = new Promise((resolve) => document.querySelector("iframe[name=sink]").addEventListener("load", resolve));
  Promise.all([
    outcome(fetch("$ui/run", { method: "POST", headers: { "Content-Type": "application/json" }, body })),
    outcome(fetch("$ui/run", { method: "POST", mode: "no-cors", body })),
    outcome(fetch("$ui/run?task=db:migrate", { mode: "no-cors" })),
    outcome(fetch("$ui/state.json")),
  ]).then(async (results) => {
    document.getElementById("form").submit();
    const timeout = new Promise((resolve) => setTimeout(resolve, 5000));
    await Promise.race([Promise.all([formDone, frameLoaded]), timeout]);
    document.body.dataset.done = "cors fetch: " + results[0] + "; no-cors POST: " + results[1]
      + "; no-cors GET: " + results[2] + "; read state: " + results[3] + "; form and frame loaded";
  });
</script>
HTML

echo "== starting the development server, the cross-site page and Chromium inside network namespace $namespace"
start_servers
spawn chromium timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --no-default-browser-check \
  --user-data-dir="$work/profile" --remote-debugging-address=127.0.0.1 --remote-debugging-port=9222 \
  --host-resolver-rules="MAP attacker.example 127.0.0.2" about:blank

echo "== driving $(basename "$browser") through $ui"
failed=0
browsing=$(date +%s)
inside timeout 120 python3 Tests/Scripts/dashboard-browser.py 9222 "$ui" "http://attacker.example:8000/attack.html" "$artefacts" ||
  failed=1

echo "== the server's log: every request of the other site's page was refused, one run by the dashboard"
grep -q "attack.html" "$work/site.err" || { echo "FAILED: the browser did not load the attack page"; failed=1; }
for route in "OPTIONS /_nitro/tasks/~ui/run" "POST /_nitro/tasks/~ui/run" "GET /_nitro/tasks/~ui/run" \
  "GET /_nitro/tasks/~ui/state.json" "GET /_nitro/tasks/~ui"; do
  if line=$(grep -m1 -F "$route → 403" "$work/app.err"); then
    echo "refused: ${line#*] }"
  else
    echo "FAILED: no 403 for $route"
    failed=1
  fi
done
runs=$(grep -c -F "POST /_nitro/tasks/~ui/run → 200" "$work/app.err" || true)
if [[ $runs != 1 ]]; then
  echo "FAILED: $runs successful runs through the dashboard, expected 1 (the dashboard's own)"
  failed=1
fi
if grep -F "Running DB migration" "$work/app.out"; then
  echo "FAILED: db:migrate ran"
  failed=1
fi
grep -q "Running echo task" "$work/app.out" || { echo "FAILED: echo:payload did not run"; failed=1; }

if [[ -n ${UPDATE_SCREENSHOT:-} && -f $artefacts/dashboard.png ]]; then
  mkdir -p Docs/images
  cp "$artefacts/dashboard.png" Docs/images/dashboard.png
  echo "copied the screenshot to Docs/images/dashboard.png"
fi
if ((failed)); then
  echo "--- server log"; cat "$work/app.err"
  echo "--- browser"; tail -20 "$work/chromium.err"
  exit 1
fi
finished=$(date +%s)
echo "dashboard-browser: ran echo:payload from the dashboard and saw it in the history; the other site's page ran nothing" \
  "(build $((built - started)) s, browser $((finished - browsing)) s; screenshots in .build-dashboard/)"
