import Foundation

/// The Cloudflare Workers `scheduled` entry point: runs the tasks of the cron trigger that fired.
///
/// Cloudflare calls the Worker's `scheduled(controller, env, ctx)` with `controller.cron` (the
/// trigger's expression exactly as written in `wrangler.json`) and `controller.scheduledTime`
/// (milliseconds). Forward them here:
/// ```swift
/// let outcome = await CloudflareScheduled.handle(
///     cron: controller.cron, scheduledTime: controller.scheduledTime, runner: runner,
///     waitUntil: { work in ctx.waitUntil(work) })
/// ```
/// `nitro build --preset cloudflare_module` records, for every schedule, the exact strings
/// Cloudflare sends back (the expression translated to Cloudflare's dialect, several for a zone
/// that changes its UTC offset), so the lookup is exact; the trigger's `scheduledTime` then says
/// whether it is an instant of the schedule in its zone.
public enum CloudflareScheduled {
    /// What happened to one trigger.
    public struct Outcome: Sendable {
        /// The tasks that ran, in order.
        public let tasks: [String]
        /// The tasks that failed, with their errors' descriptions.
        public let failures: [(task: String, message: String)]
        /// Whether the cron string matched a registered schedule.
        public let matched: Bool
        /// The expressions of matched schedules that were not due at `scheduledTime`: the trigger
        /// covers another UTC offset of their zone (see ``TaskRegistry/Schedule/platformCrons``).
        public let skipped: [String]
    }

    /// Runs the tasks of the schedules whose Cloudflare expressions include `cron` and that are due
    /// at `scheduledTime` (an instant of their own expression in their zone), in parallel, with
    /// payload `scheduledTime` and `waitUntil` in the context. An unknown `cron` is logged (it
    /// usually means the deployed wrangler config is older or newer than the app). Each failing
    /// task is logged with its name. A trigger that is due for no schedule runs nothing; that is
    /// logged through `debug`.
    ///
    /// - Parameters:
    ///   - cron: `controller.cron`.
    ///   - scheduledTime: `controller.scheduledTime`, milliseconds since 1970.
    ///   - runner: the app's runner.
    ///   - waitUntil: the Worker's `ctx.waitUntil`, if any.
    ///   - log: where messages go (stderr by default).
    ///   - debug: where debug messages go (by default stderr, when `NITRO_DEBUG` is set).
    public static func handle(
        cron: String, scheduledTime: Double, runner: TaskRunner, waitUntil: WaitUntil? = nil,
        log: @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) },
        debug: @Sendable (String) -> Void = PlatformDebugLog.standardError
    ) async -> Outcome {
        let registry = runner.registry
        let schedules = ScheduleDispatch.schedules(matching: cron, platform: "cloudflare", in: registry)
        guard !schedules.isEmpty else {
            let known = registry.scheduledTasks.flatMap { $0.platformCrons["cloudflare"] ?? [$0.cron] }
            log(
                "cloudflare scheduled: no schedule for cron '\(cron)'; registered: "
                    + (known.isEmpty ? "none" : known.map { "'\($0)'" }.joined(separator: ", "))
                    + ". Redeploy after 'nitro build --preset cloudflare_module'.")
            return Outcome(tasks: [], failures: [], matched: false, skipped: [])
        }
        let instant = Date(timeIntervalSince1970: scheduledTime / 1000)
        let (due, skipped) = ScheduleDispatch.due(schedules, at: instant, registry: registry) {
            log("cloudflare scheduled: \($0)")
        }
        if due.isEmpty {
            debug("cloudflare scheduled: " + ScheduleDispatch.skippedMessage(skipped, cron: cron, at: instant, registry: registry))
            return Outcome(tasks: [], failures: [], matched: true, skipped: skipped.map(\.cron))
        }
        let tasks = ScheduleDispatch.tasks(of: due)
        let context = TaskContext(waitUntil: waitUntil, values: ["cron": cron, "scheduledTime": scheduledTime])
        let outcomes = await ScheduleDispatch.run(
            tasks, runner: runner, scheduledTime: scheduledTime, context: context, trigger: .cloudflare)
        var failures: [(task: String, message: String)] = []
        for outcome in outcomes {
            if case .failure(let error) = outcome.result {
                failures.append((outcome.task, "\(error)"))
                log("cloudflare scheduled: task '\(outcome.task)' (cron '\(cron)') failed: \(error)")
            }
        }
        return Outcome(tasks: tasks, failures: failures, matched: true, skipped: skipped.map(\.cron))
    }
}
