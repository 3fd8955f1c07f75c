#!/usr/bin/env python3
"""Drives headless Chromium over the Chrome DevTools Protocol (standard library only: a small
WebSocket client) through the tasks dashboard of the example app; see dashboard-browser.sh.

    dashboard-browser.py DEVTOOLS_PORT DASHBOARD_URL ATTACK_URL OUT_DIR

1. Opens the dashboard and waits until it has drawn the state; no Content-Security-Policy
   violation may be reported.
2. Types an invalid payload into the editor of `echo:payload` and presses Ctrl+Enter: the page
   says why and sends nothing. Then types a valid payload and clicks Run; reads the status, the
   duration and the result from the page, then waits for the run in the task's history (trigger
   manual). Takes screenshots (wide and narrow; the narrow page must not scroll sideways).
3. Opens a page of another site (ATTACK_URL) in the same browser, which tries to run `db:migrate`
   through the dashboard's endpoints; then reads from the dashboard that `db:migrate` never ran.

Every wait has a deadline. Prints one line per step; exits 1 on the first failure.
"""

import base64
import json
import os
import socket
import struct
import sys
import time
import urllib.request


class WebSocket:
    """A minimal client WebSocket (RFC 6455): text frames out (masked), frames in."""

    def __init__(self, url, timeout=30):
        assert url.startswith("ws://")
        host_port, _, path = url[5:].partition("/")
        host, _, port = host_port.partition(":")
        self.sock = socket.create_connection((host, int(port)), timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (
            f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        self.sock.sendall(request.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise RuntimeError("the DevTools socket closed during the handshake")
            head += chunk
        head, _, self.buffer = head.partition(b"\r\n\r\n")
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise RuntimeError("DevTools refused the WebSocket: " + head.decode(errors="replace"))

    def send(self, text):
        data = text.encode()
        header = bytes([0x81])
        if len(data) < 126:
            header += bytes([0x80 | len(data)])
        elif len(data) < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", len(data))
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", len(data))
        mask = os.urandom(4)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def _read(self, count):
        while len(self.buffer) < count:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise RuntimeError("the DevTools socket closed")
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def receive(self):
        message = b""
        while True:
            first, second = self._read(2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._read(8))[0]
            payload = self._read(length)
            opcode = first & 0x0F
            if opcode == 8:
                raise RuntimeError("DevTools closed the WebSocket")
            if opcode in (0, 1, 2):
                message += payload
                if first & 0x80:
                    return message.decode()


class Browser:
    """One DevTools connection to the browser, with flat sessions for its pages."""

    def __init__(self, port):
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/version", timeout=2) as response:
                    url = json.load(response)["webSocketDebuggerUrl"]
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("Chromium's DevTools endpoint did not answer within 20 s")
                time.sleep(0.1)
        self.ws = WebSocket(url)
        self.next_id = 0
        self.events = []

    def call(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.ws.send(json.dumps(message))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            reply = json.loads(self.ws.receive())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)
        raise RuntimeError(f"{method}: no answer within {timeout} s")

    def open(self, url):
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable", session=session)
        self.call("Page.navigate", {"url": url}, session=session)
        return session

    def evaluate(self, session, expression):
        result = self.call(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True}, session=session
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"the page threw: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, session, what, expression, timeout=15):
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            try:
                value = self.evaluate(session, expression)
            except RuntimeError as error:  # the document is not there yet, or is being replaced
                last, value = error, None
            if value:
                return value
            time.sleep(0.1)
        raise RuntimeError(f"timed out after {timeout} s waiting until {what}" + (f" (last: {last})" if last else ""))

    def type_text(self, session, selector, text):
        """Focuses the field, selects what it holds and types `text` as the keyboard would insert it."""
        self.evaluate(session, f"(() => {{ const f = document.querySelector({json.dumps(selector)}); f.focus(); f.select(); }})()")
        self.call("Input.insertText", {"text": text}, session=session)

    def press_ctrl_enter(self, session):
        for kind in ("rawKeyDown", "keyUp"):
            self.call(
                "Input.dispatchKeyEvent",
                {"type": kind, "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "modifiers": 2},
                session=session,
            )

    def click(self, session, selector):
        box = self.evaluate(
            session,
            f"""(() => {{ const e = document.querySelector({json.dumps(selector)}); e.scrollIntoView({{block: "center"}});
            const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()""",
        )
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call(
                "Input.dispatchMouseEvent",
                {"type": kind, "x": box[0], "y": box[1], "button": "left", "clickCount": 1},
                session=session,
            )

    def screenshot(self, session, path, width):
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False},
            session=session,
        )
        self.evaluate(session, "window.scrollTo(0, 0)")
        height = self.evaluate(session, "Math.min(document.documentElement.scrollHeight, 6000)")
        shot = self.call(
            "Page.captureScreenshot",
            {"format": "png", "captureBeyondViewport": True, "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}},
            session=session,
        )
        with open(path, "wb") as file:
            file.write(base64.b64decode(shot["data"]))
        return height


def main():
    port, dashboard, attack, out = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    browser = Browser(int(port))
    card = '[data-task="echo:payload"]'

    print("-- the dashboard draws the tasks, the schedules and the timeline")
    page = browser.open(dashboard)
    browser.wait_for(page, "the page drew the state", "document.body && document.body.dataset.ready === 'true'")
    names = browser.evaluate(page, "[...document.querySelectorAll('article.task h3')].map(h => h.textContent)")
    print("   tasks:", ", ".join(names))
    assert "echo:payload" in names and "db:migrate" in names, names
    words = browser.evaluate(page, "[...document.querySelectorAll('.schedule strong')].map(s => s.textContent)")
    print("   schedules:", "; ".join(words))
    assert "At every minute" in words and "At minute 0" in words, words
    assert browser.evaluate(page, "document.querySelectorAll('.schedule ol li').length") == 10
    platforms = browser.evaluate(page, "[...document.querySelectorAll('.schedule ul li')].map(l => l.textContent)")
    print("   platform crons:", "; ".join(platforms))
    assert len(platforms) == 4 and all(": " in p and "cannot" not in p for p in platforms), platforms
    timeline = browser.evaluate(page, "document.getElementById('timeline').textContent")
    print("   timeline:", timeline)
    assert "No scheduled runs in the last hour" in timeline and "null" not in timeline, timeline

    print("-- an invalid payload is refused in the page (Ctrl+Enter), nothing is sent")
    browser.type_text(page, f"{card} textarea", '{"user": ')
    browser.press_ctrl_enter(page)
    message = browser.wait_for(page, "the editor said why", f"document.querySelector('{card} .error').textContent")
    print("   the page says:", message)
    assert browser.evaluate(page, f"document.querySelector('{card} textarea').getAttribute('aria-invalid')") == "true"
    assert browser.evaluate(page, f"document.querySelector('{card} [data-role=result]').dataset.status") is None
    browser.type_text(page, f"{card} textarea", "[1, 2]")
    browser.press_ctrl_enter(page)
    browser.wait_for(page, "an array is refused", f"document.querySelector('{card} .error').textContent.includes('JSON object')")

    print("-- runs echo:payload with a payload typed into the editor")
    payload = {"user": "ada", "items": [1, 2, 3], "note": "typed in the dashboard"}
    started = time.monotonic()
    browser.type_text(page, f"{card} textarea", json.dumps(payload, indent=1))
    browser.click(page, f"{card} button[type=submit]")
    browser.wait_for(page, "the result appeared", f"document.querySelector('{card} [data-role=result]').dataset.status === '200'")
    status_line = browser.evaluate(page, f"document.querySelector('{card} [data-role=result] p').textContent")
    output = json.loads(browser.evaluate(page, f"document.querySelector('{card} [data-role=output]').textContent"))
    print(f"   the page says: {status_line}; result {json.dumps(output)} ({(time.monotonic() - started) * 1000:.0f} ms)")
    assert output == payload, output
    assert "status 200" in status_line and " ms" in status_line, status_line

    print("-- the run appears in the task's history")
    row = browser.wait_for(
        page,
        "the run is in the history",
        f"(() => {{ const r = document.querySelector('{card} tbody tr[data-trigger=manual]'); return r && r.textContent; }})()",
    )
    print("   history row:", row)
    assert "succeeded" in row, row

    wide = browser.screenshot(page, os.path.join(out, "dashboard.png"), 1200)
    narrow = browser.screenshot(page, os.path.join(out, "dashboard-narrow.png"), 380)
    overflow = browser.evaluate(page, "document.documentElement.scrollWidth - document.documentElement.clientWidth")
    print(f"   screenshots: dashboard.png (1200 × {wide}), dashboard-narrow.png (380 × {narrow}); sideways overflow {overflow} px")
    assert overflow <= 0, f"the narrow page scrolls sideways by {overflow} px"

    print("-- a page of another site in the same browser tries to run db:migrate through the dashboard")
    attacker = browser.open(attack)
    outcome = browser.wait_for(attacker, "the attack page finished", "document.body && document.body.dataset.done", timeout=20)
    print("   the attack page saw:", outcome)
    state = browser.evaluate(page, "fetch('/_nitro/tasks/~ui/state.json').then(r => r.json())")
    migrate = next(task for task in state["tasks"] if task["name"] == "db:migrate")
    assert migrate["recent"] == [] and migrate["running"] == [], migrate
    echo = next(task for task in state["tasks"] if task["name"] == "echo:payload")
    assert [run["trigger"] for run in echo["recent"]] == ["manual"], echo["recent"]
    print("   db:migrate has no run in the dashboard's history")

    violations = [
        event["params"]["entry"]["text"]
        for event in browser.events
        if event.get("method") == "Log.entryAdded" and "Content Security Policy" in event["params"]["entry"].get("text", "")
        and event.get("sessionId") == page
    ]
    assert not violations, violations
    print("-- no Content-Security-Policy violation on the dashboard")


if __name__ == "__main__":
    try:
        main()
    except (AssertionError, RuntimeError) as failure:
        print(f"FAILED: {failure!r}")
        sys.exit(1)
