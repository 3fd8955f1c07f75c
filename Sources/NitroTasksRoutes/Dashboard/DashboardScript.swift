/// The dashboard's script (`GET /_nitro/tasks/~ui/dashboard.js`): reads `state.json` every
/// second, builds each task's card once (so a payload being typed survives the refresh) and
/// updates its runs; checks a payload is a JSON object before `POST ~ui/run`. Text goes into the
/// page with `textContent` only, never as HTML.
enum DashboardScript {
    static let source = #"""
        "use strict";
        (() => {
          const base = "/_nitro/tasks/~ui";
          const cards = new Map();
          let state = null;
          let failures = 0;

          const el = (tag, attributes = {}, ...children) => {
            const node = document.createElement(tag);
            for (const [name, value] of Object.entries(attributes)) {
              if (name === "text") node.textContent = value;
              else node.setAttribute(name, value);
            }
            for (const child of children) if (child != null) node.append(child);
            return node;
          };
          const slug = (name) => "t-" + Array.from(name, (c) => /[A-Za-z0-9_-]/.test(c) ? c : "." + c.codePointAt(0).toString(16)).join("");
          const zoned = (iso, options, zone) => {
            try {
              return new Date(iso).toLocaleString(undefined, Object.assign({ timeZone: zone || state.timeZone }, options));
            } catch (error) {
              return iso;
            }
          };
          const clock = (iso) => zoned(iso, { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
          const instant = (iso, zone) => zoned(iso, {
            weekday: "short", year: "numeric", month: "short", day: "numeric",
            hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false, timeZoneName: "short",
          }, zone);
          const ms = (value) => value == null ? "" : value < 1000 ? value + " ms" : (value / 1000).toFixed(2) + " s";
          const triggerName = (trigger) => trigger === "http" ? "HTTP" : trigger;

          // The payload editor's check: a JSON object, or nothing (an empty payload).
          const readPayload = (text) => {
            if (text.trim() === "") return { ok: true, payload: {} };
            let value;
            try {
              value = JSON.parse(text);
            } catch (error) {
              return { ok: false, message: "Not valid JSON: " + error.message };
            }
            if (value === null || typeof value !== "object" || Array.isArray(value)) {
              const kind = value === null ? "null" : Array.isArray(value) ? "an array" : "a " + typeof value;
              return { ok: false, message: "The payload must be a JSON object such as {\"key\": \"value\"}, not " + kind + "." };
            }
            return { ok: true, payload: value };
          };

          const card = (task) => {
            const id = slug(task.name);
            const editor = el("textarea", {
              id: id + "-payload", name: "payload", rows: "3", spellcheck: "false", autocomplete: "off",
              "aria-describedby": id + "-hint " + id + "-error",
            });
            editor.value = "{}";
            const error = el("p", { id: id + "-error", class: "error", role: "alert" });
            const button = el("button", { type: "submit", text: "Run" });
            button.setAttribute("aria-label", "Run " + task.name);
            const form = el("form", { class: "run", "aria-label": "Run " + task.name },
              el("label", { for: id + "-payload", text: "Payload (a JSON object)" }),
              editor,
              el("p", { id: id + "-hint", class: "hint", text: "Ctrl+Enter runs it. Checked before it is sent." }),
              error, button);
            const result = el("div", { class: "result", "aria-live": "polite", "data-role": "result" });
            const running = el("div", { class: "running", "data-role": "running" });
            const body = el("tbody");
            const recent = el("div", { class: "table-wrap" }, el("table", { "data-role": "recent" },
              el("caption", { text: "Recent runs" }),
              el("thead", {}, el("tr", {}, ...["Trigger", "Started", "Duration", "Outcome"].map((h) => el("th", { scope: "col", text: h })))),
              body));
            const where = task.definedAt
              ? el("p", { class: "muted" }, "Defined in ", el("code", { text: task.definedAt }))
              : el("p", { class: "muted", text: "Registered in the config without a handler (runs answer 501)." });
            const schedules = task.schedules.length
              ? el("p", { class: "muted" }, "Scheduled: ", ...task.schedules.flatMap((cron, i) => [i ? ", " : null, el("code", { text: cron })]))
              : null;
            const article = el("article", { class: "task", "data-task": task.name, "aria-labelledby": id + "-name" },
              el("h3", { id: id + "-name", text: task.name }),
              task.description ? el("p", { text: task.description }) : null,
              where, schedules, form, result, running, recent);

            const check = () => {
              const read = readPayload(editor.value);
              editor.setAttribute("aria-invalid", read.ok ? "false" : "true");
              error.textContent = read.ok ? "" : read.message;
              return read;
            };
            editor.addEventListener("input", check);
            editor.addEventListener("keydown", (event) => {
              if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                form.requestSubmit();
              }
            });
            form.addEventListener("submit", async (event) => {
              event.preventDefault();
              const read = check();
              if (!read.ok) {
                editor.focus();
                return;
              }
              button.disabled = true;
              result.dataset.status = "running";
              result.replaceChildren(el("p", { class: "status-running", text: "Running " + task.name + "…" }));
              let answer;
              let status = 0;
              try {
                const response = await fetch(base + "/run", {
                  method: "POST", headers: { "Content-Type": "application/json" },
                  body: JSON.stringify({ task: task.name, payload: read.payload }),
                });
                status = response.status;
                answer = await response.json();
              } catch (failure) {
                answer = { message: "The request failed: " + failure.message };
              }
              button.disabled = false;
              const ok = status >= 200 && status < 300;
              result.dataset.status = String(status);
              const line = el("p", { class: ok ? "status-ok" : "status-bad" },
                (ok ? "Succeeded" : "Failed") + " · status " + (status || "none") + (answer.durationMs != null ? " · " + ms(answer.durationMs) : ""));
              const detail = ok
                ? el("pre", { "data-role": "output", text: JSON.stringify(answer.result ?? null, null, 2) })
                : el("p", { class: "message", "data-role": "output", text: answer.message ?? "" });
              result.replaceChildren(line, detail);
              refresh();
            });
            return { article, running, body };
          };

          const runLabel = (run) => run.outcome === "succeeded" ? "succeeded"
            : run.outcome === "failed" ? "failed (" + run.status + "): " + run.message : "running";

          const update = (task, parts) => {
            parts.running.replaceChildren();
            if (task.running.length) {
              parts.running.append(el("p", { class: "status-running", text:
                "Running now · " + task.callers + (task.callers === 1 ? " caller waits" : " callers wait") }));
              parts.running.append(el("ul", {}, ...task.running.map((run) => el("li", { text:
                "since " + clock(run.started) + ", started by " + triggerName(run.trigger)
                + (run.joiners.length ? "; joined by " + run.joiners.map(triggerName).join(", ") : "") }))));
            }
            parts.body.replaceChildren(...(task.recent.length ? task.recent.map((run) => el("tr", { "data-trigger": run.trigger, "data-outcome": run.outcome },
              el("td", { text: triggerName(run.trigger) + (run.joiners.length ? " (+" + run.joiners.length + " joined)" : "") }),
              el("td", {}, el("time", { datetime: run.started, text: clock(run.started) })),
              el("td", { text: ms(run.durationMs) }),
              el("td", { class: run.outcome === "succeeded" ? "status-ok" : "status-bad", text: runLabel(run) })))
              : [el("tr", {}, el("td", { colspan: "4", class: "muted", text: "No runs yet." }))]));
          };

          const renderTasks = () => {
            const container = document.getElementById("tasks");
            for (const task of state.tasks) {
              if (!cards.has(task.name)) {
                const parts = card(task);
                cards.set(task.name, parts);
                container.append(parts.article);
              }
              update(task, cards.get(task.name));
            }
          };

          const renderSchedules = () => {
            const container = document.getElementById("schedules");
            if (!state.schedules.length) {
              container.replaceChildren(el("p", { class: "muted", text: "No schedules." }));
              return;
            }
            container.replaceChildren(...state.schedules.map((schedule) => {
              const head = el("h3", {}, el("span", { class: "cron", text: schedule.cron }));
              if (schedule.error) {
                return el("div", { class: "schedule" }, head, el("p", { class: "error", text: schedule.error }));
              }
              return el("div", { class: "schedule" }, head,
                el("p", {}, el("strong", { text: schedule.words }), " (" + schedule.zone + ") runs ",
                  ...schedule.tasks.flatMap((name, i) => [i ? ", " : null, el("code", { text: name })])),
                el("p", { class: "muted", text: "Next runs:" }),
                el("ol", {}, ...schedule.next.map((iso) => el("li", {}, el("time", { datetime: iso, text: instant(iso, schedule.zone) })))),
                el("p", { class: "muted", text: "On platforms (UTC):" }),
                el("ul", {}, ...schedule.platforms.map((p) => el("li", {},
                  p.name + " (" + p.presets.join(", ") + "): ",
                  ...(p.crons ? p.crons.flatMap((cron, i) => [i ? ", " : null, el("code", { text: cron })]).concat(
                    p.exact ? [] : [" (the app runs the tasks only at the invocations that are the schedule's instants)"])
                    : [el("span", { class: "error", text: "cannot run it: " + p.error })])))));
            }));
          };

          const renderTimeline = () => {
            const container = document.getElementById("timeline");
            const from = Date.parse(state.timeline.from);
            const span = Date.parse(state.timeline.to) - from;
            const runs = state.timeline.runs;
            const bar = el("div", { class: "bar", role: "img",
              "aria-label": runs.length + " scheduled run" + (runs.length === 1 ? "" : "s") + " in the last hour" });
            const items = el("ul", {});
            for (const run of runs) {
              const at = run.scheduledTime || run.started;
              const mark = el("span", { class: "mark" + (run.outcome === "failed" ? " failed" : ""),
                title: run.task + " at " + clock(at) + ": " + runLabel(run) });
              mark.style.left = Math.min(100, Math.max(0, (Date.parse(at) - from) / span * 100)) + "%";
              bar.append(mark);
              items.append(el("li", { text: clock(at) + " " + run.task + ": " + runLabel(run) }));
            }
            const note = runs.length ? null : el("p", { class: "muted", text: state.schedulerEnabled
              ? "No scheduled runs in the last hour (in development the scheduler runs unless NITRO_SCHEDULER=off)."
              : "The in-process scheduler is off in the config (scheduler.enabled: false)." });
            const parts = [bar, el("div", { class: "axis", "aria-hidden": "true" },
              el("span", { text: clock(state.timeline.from) }), el("span", { text: "now " + clock(state.timeline.to) })), note,
              runs.length ? el("details", {}, el("summary", { text: "The runs as a list" }), items) : null];
            container.replaceChildren(...parts.filter((part) => part != null));
          };

          const refresh = async () => {
            try {
              const response = await fetch(base + "/state.json", { cache: "no-store" });
              if (!response.ok) throw new Error("status " + response.status);
              state = await response.json();
              failures = 0;
            } catch (error) {
              failures += 1;
              document.getElementById("summary").textContent = "Cannot reach the development server (" + error.message + "); retrying.";
              return;
            }
            const running = state.tasks.reduce((n, t) => n + t.running.length, 0);
            document.getElementById("summary").textContent = state.tasks.length + " tasks, " + state.schedules.length
              + " schedules in " + state.timeZone + (running ? ", " + running + " running" : "") + ".";
            renderTasks();
            renderSchedules();
            renderTimeline();
            document.body.dataset.ready = "true";
          };

          refresh();
          setInterval(() => { if (failures < 30) refresh(); }, 1000);
        })();

        """#
}
