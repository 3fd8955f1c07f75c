/// The dashboard's HTML page (`GET /_nitro/tasks/~ui`): the frame that ``DashboardScript`` fills
/// from `state.json`. No inline script or style, so the Content-Security-Policy can forbid both.
enum DashboardPage {
    static let html = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Tasks · NitroTasks development</title>
        <link rel="stylesheet" href="/_nitro/tasks/~ui/dashboard.css">
        <script src="/_nitro/tasks/~ui/dashboard.js" defer></script>
        </head>
        <body>
        <a class="skip" href="#tasks">Skip to the tasks</a>
        <header>
          <h1>Tasks</h1>
          <p id="summary" aria-live="polite">Loading the tasks…</p>
        </header>
        <main>
          <section aria-labelledby="tasks-title">
            <h2 id="tasks-title">Tasks</h2>
            <div id="tasks"></div>
          </section>
          <section aria-labelledby="schedules-title">
            <h2 id="schedules-title">Schedules</h2>
            <div id="schedules"></div>
          </section>
          <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">Scheduled runs in the last hour</h2>
            <div id="timeline"></div>
          </section>
        </main>
        <noscript><p>This dashboard needs JavaScript. The same data is at
        <a href="/_nitro/tasks/~ui/state.json">/_nitro/tasks/~ui/state.json</a>.</p></noscript>
        </body>
        </html>

        """#
}
