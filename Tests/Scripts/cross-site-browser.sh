#!/usr/bin/env bash
# A real browser proves that a web page of another site cannot run a task on the development
# server (Docs/Development-Server.md, "Loopback only"), and that a typed URL still can.
#
#   Tests/Scripts/cross-site-browser.sh
#
# Needs root (it creates a network namespace with only a loopback interface, so nothing leaves
# the machine and no port of the host is used), chromium-headless-shell or chromium
# (`apt-get install chromium-headless-shell`) and python3. Inside the namespace it starts the
# example app (Fixtures/basic) in development mode on 127.0.0.1:4000 and a page server for
# http://attacker.example:8000 (127.0.0.2), then opens the page in headless Chromium. The page
# tries five ways to run a task: an <img>, a form POST, a form POST from a sandboxed iframe
# (Origin: null), a no-cors fetch POST and a no-cors fetch GET, each on a different task. Every
# one must be refused with 403 (the server's log says so) and no task may run; then the task's
# URL typed in the address bar (Sec-Fetch-Site: none) must run it.
script=cross-site-browser
source "$(dirname "$0")/browser-namespace.sh"
build_app

server=http://127.0.0.1:4000/_nitro/tasks
cat >"$work/site/attack.html" <<HTML
<!doctype html>
<title>attacker.example</title>
<img src="$server/db:migrate">
<form id="form" method="post" action="$server/cms:update" target="sink"><input name="x" value="1"></form>
<iframe name="sink"></iframe>
<iframe sandbox="allow-forms allow-scripts" srcdoc="<form method=post action='$server/db:cleanup'></form><script>document.forms[0].submit()</script>"></iframe>
<script>
  fetch("$server/cms:publish", { method: "POST", mode: "no-cors", body: '{"payload":{"slug":"x"}}' });
  fetch("$server/echo:payload", { mode: "no-cors" });
  document.getElementById("form").submit();
</script>
HTML

echo "== starting the development server and the cross-site page inside network namespace $namespace"
start_servers

chromium() {
  inside timeout 60 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$work/profile" \
    --host-resolver-rules="MAP attacker.example 127.0.0.2" --virtual-time-budget=5000 --dump-dom "$1"
}

echo "== opening http://attacker.example:8000/attack.html in $(basename "$browser")"
chromium "http://attacker.example:8000/attack.html" >"$work/attack.dom" 2>"$work/chromium.err" || true
grep -q "attack.html" "$work/site.err" || { echo "the browser did not load the page:"; cat "$work/chromium.err"; exit 1; }

failed=0
for route in "GET /_nitro/tasks/db:migrate" "POST /_nitro/tasks/cms:update" "POST /_nitro/tasks/db:cleanup" \
  "POST /_nitro/tasks/cms:publish" "GET /_nitro/tasks/echo:payload"; do
  if line=$(grep -m1 -F "$route → 403" "$work/app.err"); then
    echo "refused: ${line#*] }"
  else
    echo "FAILED: no 403 for $route"
    failed=1
  fi
done
if grep -E "→ (2|5)[0-9][0-9]" "$work/app.err"; then
  echo "FAILED: the page ran a task (above)"
  failed=1
fi
if grep -E "Running .* task" "$work/app.out"; then
  echo "FAILED: a task printed its output"
  failed=1
fi

echo "== the task's URL typed in the address bar (Sec-Fetch-Site: none) still runs it"
chromium "$server/db:migrate" >"$work/typed.dom" 2>>"$work/chromium.err" || true
if grep -q '"result":"Success"' "$work/typed.dom" && grep -q "Running DB migration task" "$work/app.out"; then
  echo "ran: $(grep -m1 -F "GET /_nitro/tasks/db:migrate → 200" "$work/app.err" | sed 's/.*] //')"
else
  echo "FAILED: the typed URL did not run the task:"
  cat "$work/typed.dom" "$work/app.err"
  failed=1
fi

if ((failed)); then
  echo "--- server log"; cat "$work/app.err"
  echo "--- browser"; tail -20 "$work/chromium.err"
  exit 1
fi
echo "cross-site-browser: a cross-site page ran no task (5 ways refused with 403); a typed URL did"
