#!/usr/bin/env bash
# Vapor and Hummingbird apps, proven (Docs/Frameworks.md): builds Fixtures/vapor-app and
# Fixtures/hummingbird-app (each in its own .build), starts each on a free loopback port and checks,
# with curl against the framework's own HTTP server:
#   - a task run over POST /_nitro/tasks/NAME with a JSON payload, and the listing;
#   - the cross-site policy of the mounted routes (403);
#   - the Vercel cron route with the right CRON_SECRET (200), a wrong one and none (401);
#   - the 1-second schedule fires at least twice;
#   - SIGTERM during a 2-second run over HTTP: the response comes back with the result and the
#     process exits 0 within the grace period;
# then, for each app, `nitro dev --root Fixtures/APP` and `nitro task run` against the app's own
# server, and that the app stops when `nitro dev` is killed. Loopback only; every wait has a
# deadline; everything it starts is killed on exit. Ends with "N passed, M failed" (exit 1 on any
# failure).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
WORK=$(mktemp -d /tmp/nitro-frameworks.XXXXXX)
SECRET="frameworks-test-secret-$$-0123456789"
BUILD_TIMEOUT=${FRAMEWORKS_BUILD_TIMEOUT:-1500}
PASSED=0
FAILED=0
STARTED=()   # pids of what this script started (each leads its own process group)

cleanup() {
    for pid in "${STARTED[@]}"; do
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK" "$ROOT/Fixtures/hummingbird-app/.nitro" "$ROOT/Fixtures/vapor-app/.nitro"
}
trap cleanup EXIT

pass() { echo "PASS: $*"; PASSED=$((PASSED + 1)); }
fail() { echo "FAIL: $*"; FAILED=$((FAILED + 1)); }
check() {  # check DESCRIPTION COMMAND…
    local description=$1
    shift
    if "$@"; then pass "$description"; else fail "$description"; fi
}

# Polls COMMAND… every 0.1 s until it succeeds or SECONDS pass.
wait_for() {
    local seconds=$1
    shift
    local deadline=$(($(date +%s) + seconds))
    until "$@"; do
        (($(date +%s) < deadline)) || return 1
        sleep 0.1
    done
}

running() { kill -0 "$1" 2>/dev/null; }
exited() { ! running "$1"; }

# Starts COMMAND… in its own process group with output to LOG; sets STARTED_PID.
start() {
    local log=$1
    shift
    setsid "$@" >"$log" 2>&1 &
    STARTED_PID=$!
    STARTED+=("$STARTED_PID")
}

# Waits up to SECONDS for PID to exit; sets EXIT_STATUS (or returns 1 on timeout).
wait_exit() {
    local pid=$1 seconds=$2
    wait_for "$seconds" exited "$pid" || return 1
    EXIT_STATUS=0
    wait "$pid" || EXIT_STATUS=$?
}

contains() { grep -qF -- "$2" "$1"; }
count_at_least() { (($(grep -cF -- "$2" "$1" || true) >= $3)); }

# request METHOD URL [curl options…]: prints "STATUS BODY".
request() {
    local method=$1 url=$2
    shift 2
    curl -sS --max-time 20 -o "$WORK/body" -w '%{http_code}' -X "$method" "$@" "$url" >"$WORK/status" || echo 000 >"$WORK/status"
    echo "$(cat "$WORK/status") $(cat "$WORK/body" 2>/dev/null)"
}

expect_answer() {  # expect_answer DESCRIPTION "STATUS BODY" STATUS BODY-SUBSTRING
    local description=$1 answer=$2 status=$3 needle=$4
    if [[ "$answer" == "$status "* && "$answer" == *"$needle"* ]]; then
        pass "$description ($answer)"
    else
        fail "$description: expected $status with $needle, got: $answer"
    fi
}

echo "== nitro (this package)"
swift build --product nitro >/dev/null
NITRO="$(swift build --show-bin-path)/nitro"

for app in vapor-app hummingbird-app; do
    folder="Fixtures/$app"
    echo "== $app: build ($folder/.build)"
    began=$(date +%s)
    # The flags `nitro dev` builds with (no colour off a terminal), so that its build reuses this one.
    if timeout "$BUILD_TIMEOUT" swift build --package-path "$folder" --no-color-diagnostics >"$WORK/$app-build.log" 2>&1; then
        pass "$app builds ($(($(date +%s) - began)) s)"
    else
        tail -n 40 "$WORK/$app-build.log"
        fail "$app builds"
        continue
    fi
    check "$app: the committed registry is current (nitro build --check)" "$NITRO" build --check --root "$folder"
    binary="$(swift build --package-path "$folder" --show-bin-path)/App"
    log="$WORK/$app.log"

    echo "== $app: serve on a free loopback port"
    # stdbuf: stdout line by line into the log, where the port and what the tasks print are read.
    if [[ $app == vapor-app ]]; then
        start "$log" env CRON_SECRET="$SECRET" stdbuf -oL "$binary" serve --hostname 127.0.0.1 --port 0
        pattern='Server started on http://127\.0\.0\.1:[0-9]+'
    else
        start "$log" env CRON_SECRET="$SECRET" APP_ENV=development HOST=127.0.0.1 PORT=0 stdbuf -oL "$binary"
        pattern='listening on http://127\.0\.0\.1:[0-9]+'
    fi
    pid=$STARTED_PID
    if ! wait_for 60 grep -qE "$pattern" "$log"; then
        cat "$log"
        fail "$app: started and listening"
        continue
    fi
    port=$(grep -oE "$pattern" "$log" | head -n 1 | grep -oE '[0-9]+$')
    base="http://127.0.0.1:$port"
    pass "$app: listening on $base"

    expect_answer "$app: POST /_nitro/tasks/greet with a JSON payload" \
        "$(request POST "$base/_nitro/tasks/greet" -H 'Content-Type: application/json' -d '{"payload": {"name": "Ada"}}')" \
        200 '{"result":"Hello, Ada!"}'
    expect_answer "$app: GET /_nitro/tasks lists the tasks" "$(request GET "$base/_nitro/tasks")" 200 '"report:build"'
    expect_answer "$app: a cross-site request is refused" \
        "$(request POST "$base/_nitro/tasks/greet" -H 'Sec-Fetch-Site: cross-site')" 403 '"status":403'
    expect_answer "$app: Vercel cron route with the right CRON_SECRET" \
        "$(request GET "$base/_vercel/cron" -H "Authorization: Bearer $SECRET" -H 'x-vercel-cron-schedule: * * * * * *')" \
        200 '{"success":true}'
    expect_answer "$app: Vercel cron route with a wrong CRON_SECRET" \
        "$(request GET "$base/_vercel/cron" -H "Authorization: Bearer wrong-$SECRET" -H 'x-vercel-cron-schedule: * * * * * *')" \
        401 'Unauthorized'
    expect_answer "$app: Vercel cron route without a secret" \
        "$(request GET "$base/_vercel/cron" -H 'x-vercel-cron-schedule: * * * * * *')" 401 'Unauthorized'
    check "$app: the 1-second schedule fired at least twice" wait_for 15 count_at_least "$log" 'greet: scheduled run at' 2

    echo "== $app: SIGTERM during a 2-second run over HTTP"
    curl -sS --max-time 30 -o "$WORK/$app-slow.json" -w '%{http_code}' -X POST "$base/_nitro/tasks/report:build" \
        -d '{"payload": {"ms": 2000}}' >"$WORK/$app-slow.status" 2>"$WORK/$app-slow.err" &
    curl_pid=$!
    STARTED+=("$curl_pid")
    if wait_for 10 contains "$log" 'report:build: started (2000 ms)'; then
        kill -TERM "$pid"
        signalled=$(date +%s)
        if wait_exit "$pid" 40; then
            seconds=$(($(date +%s) - signalled))
            # The scheduler's grace period is 30 s; the run needs 2 s.
            if [[ $EXIT_STATUS == 0 && $seconds -le 30 ]]; then
                pass "$app: exited 0, ${seconds} s after SIGTERM"
            else
                fail "$app: exited $EXIT_STATUS, ${seconds} s after SIGTERM"
            fi
        else
            fail "$app: still running 40 s after SIGTERM"
        fi
        wait_for 30 exited "$curl_pid" || true
        answer="$(cat "$WORK/$app-slow.status" 2>/dev/null) $(cat "$WORK/$app-slow.json" 2>/dev/null)"
        expect_answer "$app: the run in flight answered with its result" "$answer" 200 '"rows":42'
        check "$app: the run in flight finished before the exit" contains "$log" 'report:build: finished'
    else
        fail "$app: the 2-second run did not start"
    fi
    if [[ $FAILED -gt 0 ]]; then
        echo "--- $app log (last 40 lines)"
        tail -n 40 "$log"
    fi
done

for app in hummingbird-app vapor-app; do
    folder="Fixtures/$app"
    echo "== nitro dev --root $folder, then nitro task run"
    rm -rf "$folder/.nitro"
    start "$WORK/$app-dev.log" "$NITRO" dev --root "$folder"
    dev_pid=$STARTED_PID
    if wait_for 600 contains "$WORK/$app-dev.log" 'ready: http://127.0.0.1:'; then
        pass "$app: nitro dev started the app ($(grep -oE 'ready: [^ ]+' "$WORK/$app-dev.log" | head -n 1))"
        if "$NITRO" task run greet --root "$folder" --payload '{"name": "nitro"}' >"$WORK/task.out" 2>"$WORK/task.err" \
            && contains "$WORK/task.out" '"result": "Hello, nitro!"'; then
            pass "$app: nitro task run greet reaches the app's own server"
        else
            fail "$app: nitro task run greet: $(cat "$WORK/task.out" "$WORK/task.err")"
        fi
        check "$app: nitro task list shows the app's tasks" \
            bash -c "'$NITRO' task list --root '$folder' | grep -qF 'report:build'"
        app_pid=$(grep -oE '"pid" *: *[0-9]+' "$folder/.nitro/dev.json" | grep -oE '[0-9]+$' || echo 0)
        kill -TERM "$dev_pid"
        if wait_exit "$dev_pid" 40 && [[ $EXIT_STATUS == 0 ]]; then
            pass "$app: nitro dev stopped with status 0 on SIGTERM"
        else
            fail "$app: nitro dev on SIGTERM: ${EXIT_STATUS:-still running}"
        fi
        check "$app: the app stopped with it and removed .nitro/dev.json" \
            bash -c "! kill -0 $app_pid 2>/dev/null && [[ ! -e '$folder/.nitro/dev.json' ]]"
    else
        tail -n 40 "$WORK/$app-dev.log"
        fail "$app: nitro dev did not report ready within 600 s"
        continue
    fi

    echo "== $app stops by itself when nitro dev is killed (NITRO_DEV_PARENT_PID)"
    start "$WORK/$app-dev2.log" "$NITRO" dev --root "$folder"
    dev_pid=$STARTED_PID
    if wait_for 300 contains "$WORK/$app-dev2.log" 'ready: http://127.0.0.1:'; then
        app_pid=$(grep -oE '"pid" *: *[0-9]+' "$folder/.nitro/dev.json" | grep -oE '[0-9]+$' || echo 0)
        kill -KILL "$dev_pid"
        wait "$dev_pid" 2>/dev/null || true
        if [[ $app_pid != 0 ]] && wait_for 15 exited "$app_pid"; then
            pass "$app: the app (pid $app_pid) stopped after nitro dev was killed"
        else
            fail "$app: the app (pid $app_pid) still runs 15 s after nitro dev was killed"
        fi
    else
        tail -n 40 "$WORK/$app-dev2.log"
        fail "$app: the second nitro dev did not report ready within 300 s"
    fi
done

echo "$PASSED passed, $FAILED failed"
[[ $FAILED == 0 ]]
