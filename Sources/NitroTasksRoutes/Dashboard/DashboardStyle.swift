/// The dashboard's style sheet (`GET /_nitro/tasks/~ui/dashboard.css`): system fonts, colours
/// with at least 4.5:1 contrast in light and dark schemes, visible focus, one column on a narrow
/// window.
enum DashboardStyle {
    static let source = #"""
        :root {
          color-scheme: light dark;
          --bg: #ffffff; --fg: #1b1b1f; --muted: #4a4a55; --line: #c9c9d1; --card: #f6f6f8;
          --accent: #0b57d0; --accent-fg: #ffffff; --ok: #146c2e; --bad: #b3261e; --run: #8a4b00;
          --focus: #0b57d0;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --bg: #121216; --fg: #ececf1; --muted: #b4b4c0; --line: #3d3d47; --card: #1c1c22;
            --accent: #a8c7fa; --accent-fg: #0a0a0f; --ok: #7bd88f; --bad: #ffb4ab; --run: #ffcc80;
            --focus: #a8c7fa;
          }
        }
        * { box-sizing: border-box; }
        body {
          margin: 0; background: var(--bg); color: var(--fg);
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
        }
        header, main { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
        header { padding-top: 1rem; }
        h1 { font-size: 1.6rem; margin: 0.5rem 0 0.25rem; }
        h2 { font-size: 1.25rem; margin: 1.5rem 0 0.5rem; border-bottom: 1px solid var(--line); padding-bottom: 0.25rem; }
        h3 { font-size: 1.05rem; margin: 0; font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; }
        code, pre, textarea, .cron { font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; font-size: 0.9rem; }
        #summary { color: var(--muted); margin: 0; }
        .skip { position: absolute; left: -100rem; }
        .skip:focus { left: 1rem; top: 0.5rem; background: var(--bg); padding: 0.25rem 0.5rem; }
        :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
        #tasks, #schedules { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 30rem), 1fr)); gap: 1rem; }
        .task { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem 1rem; min-width: 0; }
        .task p { margin: 0.25rem 0; }
        .muted { color: var(--muted); }
        label { display: block; font-weight: 600; margin-top: 0.5rem; }
        textarea {
          width: 100%; min-height: 4.5rem; resize: vertical; padding: 0.4rem; border-radius: 6px;
          border: 1px solid var(--line); background: var(--bg); color: var(--fg);
        }
        textarea[aria-invalid="true"] { border-color: var(--bad); border-width: 2px; }
        .hint { font-size: 0.85rem; color: var(--muted); }
        .error { color: var(--bad); font-weight: 600; }
        button {
          margin-top: 0.4rem; padding: 0.4rem 0.9rem; border-radius: 6px; border: 1px solid var(--accent);
          background: var(--accent); color: var(--accent-fg); font: inherit; font-weight: 600; cursor: pointer;
        }
        button:disabled { opacity: 0.6; cursor: progress; }
        .result { margin-top: 0.5rem; }
        .result pre, .message {
          margin: 0.25rem 0 0; padding: 0.5rem; border-radius: 6px; background: var(--bg);
          border: 1px solid var(--line); overflow-x: auto; white-space: pre-wrap; word-break: break-word;
        }
        .status-ok { color: var(--ok); font-weight: 600; }
        .status-bad { color: var(--bad); font-weight: 600; }
        .status-running { color: var(--run); font-weight: 600; }
        .running { margin-top: 0.5rem; }
        .running ul { margin: 0.25rem 0; padding-left: 1.25rem; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; margin-top: 0.5rem; font-size: 0.9rem; }
        caption { text-align: left; font-weight: 600; }
        th, td { text-align: left; padding: 0.2rem 0.5rem 0.2rem 0; border-bottom: 1px solid var(--line); vertical-align: top; }
        .schedule { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem 1rem; min-width: 0; }
        .schedule p { margin: 0.25rem 0; }
        .schedule h3 { font-size: 1rem; }
        .schedule ol, .schedule ul { margin: 0.25rem 0; padding-left: 1.25rem; }
        .bar {
          position: relative; height: 2.25rem; margin: 0.5rem 0 0.25rem; border: 1px solid var(--line);
          border-radius: 6px; background: var(--card);
        }
        .mark {
          position: absolute; top: 0.3rem; width: 0.6rem; height: 1.5rem; margin-left: -0.3rem;
          border-radius: 3px; background: var(--ok);
        }
        .mark.failed { background: var(--bad); }
        .axis { display: flex; justify-content: space-between; font-size: 0.8rem; color: var(--muted); }
        @media (max-width: 40rem) {
          body { font-size: 14px; }
          header, main { padding: 0 0.5rem; }
          .task { padding: 0.5rem 0.6rem; }
        }

        """#
}
