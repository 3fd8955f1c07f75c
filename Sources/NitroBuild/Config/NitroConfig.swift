import NitroJSON

/// The typed config: every key of MISSION section 4 that `nitro build` reads, each with the
/// place it was written so later stages (cron validation, manifests) report at the config line.
/// Unset keys are `nil` / empty; defaults are applied where the value is used.
package struct NitroConfig: Sendable {
    /// The config file (root-relative), or `nil` when the project has none.
    package var path: String?
    /// `experimental.tasks`: Nitro's feature flag.
    package var experimentalTasks: Located<Bool>?
    /// `tasks`: tasks registered in the config, in config order.
    package var tasks: [ConfigTask] = []
    /// `scheduledTasks`: cron expression → tasks, in config order.
    package var scheduledTasks: [ConfigSchedule] = []
    /// `preset`, as written (validated into ``Preset`` by the planner, which also sees `--preset`).
    package var preset: Located<String>?
    /// `srcDir`: the folder holding `tasks/` (normalised, root-relative).
    package var srcDir: Located<String>?
    /// `serverDir` (Nitro v3): the folder holding `tasks/`; wins over `srcDir`, which v3 deprecates.
    package var serverDir: Located<String>?
    /// `scanDirs`: folders each holding a `tasks/` folder (normalised, root-relative).
    package var scanDirs: [Located<String>]?
    /// `ignore`: globs of files not to scan.
    package var ignore: [Located<String>] = []
    /// `output.dir`: the build output folder (default `.output`), for platform manifests.
    package var outputDir: Located<String>?
    /// `output.registry`: where the Swift registry goes (root-relative `.swift` path).
    package var outputRegistry: Located<String>?
    /// `cloudflare.wrangler`: extra wrangler configuration merged into the generated one.
    package var cloudflareWrangler: Located<JSONValue>?
    /// `cloudflare.container`: the app runs as a Cloudflare Container behind a generated Worker.
    package var cloudflareContainer: CloudflareContainerConfig?
    /// `vercel.origin`: where the app runs (`https://…`); Vercel proxies the cron route there.
    package var vercelOrigin: Located<String>?
    /// `vercel.config.crons`: extra Vercel cron jobs.
    package var vercelCrons: [VercelCron]?
    /// `vercel.cronHandlerRoute`: the route Vercel calls (default `/_vercel/cron`).
    package var vercelCronHandlerRoute: Located<String>?
    /// `scheduler.timezone`: IANA name schedules are evaluated in (default `UTC`).
    package var schedulerTimeZone: Located<String>?
    /// `scheduler.enabled`: whether the in-process scheduler runs.
    package var schedulerEnabled: Located<Bool>?

    package init(path: String? = nil) {
        self.path = path
    }

    /// Where a whole-config finding is reported: the config's first line (or nowhere).
    package var fileLocation: SourceLocation? { path.map { SourceLocation(path: $0) } }
}

/// `tasks: { "db:migrate": { handler, description } }`.
package struct ConfigTask: Sendable {
    package var name: Located<String>
    package var handler: Located<String>?
    package var description: Located<String>?
}

/// `scheduledTasks: { "* * * * *": ["a", "b"] }` (a string is one task).
package struct ConfigSchedule: Sendable {
    package var cron: Located<String>
    package var tasks: [Located<String>]
}

/// `vercel.config.crons: [{ path, schedule }]`.
package struct VercelCron: Sendable {
    package var path: Located<String>
    package var schedule: Located<String>
    package var location: SourceLocation
}
