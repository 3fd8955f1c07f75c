import Foundation
import NitroCron
import NitroSync

/// Runs the registry's `scheduledTasks` in this process, at the instants of their cron
/// expressions (croner semantics, in the registry's time zone).
///
/// ```swift
/// let runner = TaskRunner.bootstrap(.generated)
/// let scheduler = TaskScheduler(runner: runner)
/// try scheduler.start()
/// // … serve …
/// await scheduler.shutdown()   // waits for runs in flight and their waitUntil work
/// ```
/// Each instant's tasks run in parallel through ``TaskRunner/run(_:payload:context:trigger:)`` (so the
/// one-running-instance rule applies) with payload `scheduledTime`: the scheduled instant in
/// milliseconds since 1970. The next instant is always computed from the previous scheduled one,
/// never from "now", so a late or early timer neither repeats nor skips an instant.
public final class TaskScheduler: Sendable {
    /// What to do with instants that passed while the process could not run.
    public enum MissedRuns: Sendable, Hashable {
        /// Run the latest missed instant once (the default).
        case runLatest
        /// Run none of them; wait for the next instant.
        case skip
    }

    /// What to do when a task's previous run is still in flight at its next instant.
    public enum Overlap: Sendable, Hashable {
        /// Join the run in flight (Nitro's rule; the default).
        case join
        /// Skip this instant for that task, and log it.
        case skip
    }

    /// How the scheduler behaves.
    public struct Options: Sendable {
        /// Time zone of the expressions; `nil` uses the registry's (`"UTC"` unless configured).
        public var timeZone: TimeZone?
        /// Missed-instant policy.
        public var missedRuns: MissedRuns
        /// Overlap policy.
        public var overlap: Overlap
        /// An instant reached later than this counts as missed (only matters with `.skip`).
        public var lateTolerance: TimeInterval
        /// How long ``TaskScheduler/shutdown()`` waits for runs and `waitUntil` work before
        /// cancelling them.
        public var gracePeriod: Duration
        /// How long ``TaskScheduler/shutdown()`` waits, after cancelling, for cancelled work to
        /// end before it returns without it (work that ignores cancellation is abandoned).
        public var cancellationGrace: Duration
        /// Run each tick of each task in only one of several processes; `nil` runs every tick here.
        public var claim: (any TickClaim)?
        /// Where events go. The default prints warnings and errors on stderr.
        public var log: @Sendable (SchedulerEvent) -> Void

        /// Creates options.
        public init(
            timeZone: TimeZone? = nil, missedRuns: MissedRuns = .runLatest, overlap: Overlap = .join,
            lateTolerance: TimeInterval = 1, gracePeriod: Duration = .seconds(30),
            cancellationGrace: Duration = .seconds(1),
            claim: (any TickClaim)? = nil,
            log: @escaping @Sendable (SchedulerEvent) -> Void = TaskScheduler.standardErrorLog
        ) {
            self.timeZone = timeZone
            self.missedRuns = missedRuns
            self.overlap = overlap
            self.lateTolerance = lateTolerance
            self.gracePeriod = gracePeriod
            self.cancellationGrace = cancellationGrace
            self.claim = claim
            self.log = log
        }
    }

    /// The runner that runs the tasks.
    public let runner: TaskRunner
    /// The options given at creation.
    public let options: Options
    private let clock: any SchedulerClock
    private let tracker = WorkTracker()
    private let loops = Locked<[Task<Void, Never>]>([])
    private let phase = Locked(Phase.idle)
    /// Task names with a scheduled run in flight, and how many.
    private let inFlightNames = Locked<[String: Int]>([:])
    /// The claim's outage in progress: since when, and how many ticks were not run.
    private let claimOutage = Locked<(since: Date, unrun: Int)?>(nil)

    private enum Phase { case idle, running, stopped }

    /// Creates a scheduler for the runner's registry.
    public init(runner: TaskRunner, options: Options = Options(), clock: any SchedulerClock = SystemSchedulerClock()) {
        self.runner = runner
        self.options = options
        self.clock = clock
    }

    /// Whether the environment turns the scheduler off: `NITRO_SCHEDULER=off` (or `0`, `false`).
    public static func isDisabled(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let value = environment["NITRO_SCHEDULER"]?.lowercased() else { return false }
        return ["off", "0", "false", "no", "disabled"].contains(value)
    }

    /// Starts one timer per schedule. Does nothing when there are no schedules, when the config
    /// says `scheduler.enabled: false`, or when ``isDisabled(environment:)``; returns how many
    /// schedules it armed.
    ///
    /// - Throws: ``SchedulerError`` for an unknown time zone or an invalid expression (the build
    ///   tool catches both earlier), or when started twice.
    @discardableResult
    public func start(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Int {
        let zoneName = options.timeZone?.identifier ?? runner.registry.timeZone
        guard let zone = options.timeZone ?? TimeZone(identifier: zoneName) else {
            throw SchedulerError(message: "unknown time zone '\(zoneName)'; use an IANA name such as 'Europe/Berlin'")
        }
        var plans: [(TaskRegistry.Schedule, CronExpression)] = []
        for schedule in runner.registry.scheduledTasks where !schedule.tasks.isEmpty {
            do {
                plans.append((schedule, try CronExpression(schedule.cron, timeZone: zone)))
            } catch {
                throw SchedulerError(message: "invalid cron expression '\(schedule.cron)': \(error)")
            }
        }
        try phase.withLock { phase in
            guard phase == .idle else { throw SchedulerError(message: "the scheduler was already started") }
            phase = .running
        }
        if plans.isEmpty || !runner.registry.schedulerEnabled || Self.isDisabled(environment: environment) { return 0 }
        let anchor = clock.now()
        let started = plans.map { schedule, expression in
            Task { await self.loop(schedule, expression, from: anchor) }
        }
        loops.withLock { $0 = started }
        return started.count
    }

    /// Stops arming new ticks, waits for runs in flight and their `waitUntil` work up to the
    /// grace period, then cancels what is left and waits at most
    /// ``Options/cancellationGrace`` more for it to end. No timer is left behind.
    ///
    /// Returns within `gracePeriod + cancellationGrace` of the clock whatever the runs do: a run
    /// that ignores cancellation is abandoned (it keeps running unobserved, and ends with the
    /// process), reported as ``SchedulerEvent/abandonedAtShutdown(tasks:pending:)``. So a
    /// SIGTERM always ends the process.
    public func shutdown() async {
        let wasRunning = phase.withLock { phase -> Bool in
            defer { phase = .stopped }
            return phase == .running
        }
        guard wasRunning else { return }
        let timers = loops.withLock { loops in
            defer { loops.removeAll() }
            return loops
        }
        for timer in timers { timer.cancel() }
        for timer in timers { await timer.value }

        let grace = options.gracePeriod.timeInterval
        let deadline = clock.now().addingTimeInterval(grace)
        let abandonAt = deadline.addingTimeInterval(options.cancellationGrace.timeInterval)
        let done = Latch()
        // Whichever comes first: everything finished, or the grace period ended (then cancel,
        // and after the cancellation grace, give up on what still runs).
        let timer = Task { [self] in
            do { try await clock.sleep(until: deadline) } catch { return }
            let names = inFlightNames.withLock { Set($0.keys) }
            for name in names { runner.cancel(name) }
            let cancelled = tracker.cancelAll()
            if cancelled > 0 { options.log(.cancelledAtShutdown(pending: cancelled)) }
            do { try await clock.sleep(until: abandonAt) } catch { return }
            let pending = tracker.count
            guard pending > 0 else { return }
            let abandoned = inFlightNames.withLock { $0.keys.sorted() }
            options.log(.abandonedAtShutdown(tasks: abandoned, pending: pending))
            done.open()
        }
        let drain = Task { [tracker] in
            await tracker.drained()
            done.open()
        }
        await done.wait()
        timer.cancel()
        drain.cancel()
    }

    /// Returns when no scheduled run (nor its `waitUntil` work) is in flight. Useful in tests that
    /// drive a ``ManualSchedulerClock``.
    public func waitUntilIdle() async {
        await tracker.drained()
    }

    /// Prints warnings and errors on stderr.
    public static let standardErrorLog: @Sendable (SchedulerEvent) -> Void = { event in
        guard event.level >= .warning else { return }
        FileHandle.standardError.write(Data((event.description + "\n").utf8))
    }

    // MARK: - The timer of one schedule

    private func loop(_ schedule: TaskRegistry.Schedule, _ expression: CronExpression, from anchor: Date) async {
        var previous = anchor
        while !Task.isCancelled {
            guard let next = expression.next(after: previous) else { return }
            do { try await clock.sleep(until: next) } catch { return }
            if Task.isCancelled { return }
            let now = clock.now()
            let (due, count) = latestDue(expression, first: next, now: now)
            previous = due
            if count > 1 || now.timeIntervalSince(due) > options.lateTolerance {
                switch options.missedRuns {
                case .runLatest:
                    if count > 1 { options.log(.missed(cron: schedule.cron, count: count - 1, ranLatest: due)) }
                case .skip:
                    if now.timeIntervalSince(due) > options.lateTolerance {
                        options.log(.missed(cron: schedule.cron, count: count, ranLatest: nil))
                        continue
                    }
                    options.log(.missed(cron: schedule.cron, count: count - 1, ranLatest: nil))
                }
            }
            fire(schedule, at: due)
        }
    }

    /// The latest instant at or before `now`, starting from `first` (which is due), and how many
    /// instants were due in all. Bounded: after many instants it searches backwards from `now`.
    private func latestDue(_ expression: CronExpression, first: Date, now: Date) -> (Date, Int) {
        var latest = first
        var count = 1
        while count < 10_000 {
            guard let candidate = expression.next(after: latest), candidate <= now else { return (latest, count) }
            latest = candidate
            count += 1
        }
        var window: TimeInterval = 60
        while window < 400 * 86_400 {
            var probe = now.addingTimeInterval(-window)
            var found: Date?
            while let candidate = expression.next(after: probe), candidate <= now {
                found = candidate
                probe = candidate
            }
            if let found { return (found, count) }
            window *= 8
        }
        return (latest, count)
    }

    private func fire(_ schedule: TaskRegistry.Schedule, at instant: Date) {
        options.log(.fired(cron: schedule.cron, tasks: schedule.tasks, scheduledTime: instant))
        for name in schedule.tasks {
            tracker.start { await self.runOne(name, schedule: schedule, at: instant) }
        }
    }

    private func runOne(_ name: String, schedule: TaskRegistry.Schedule, at instant: Date) async {
        let cron = schedule.cron
        if options.overlap == .skip, runner.isRunning(name) {
            options.log(.skippedOverlap(task: name, cron: cron, scheduledTime: instant))
            return
        }
        if let claim = options.claim {
            let claimed: Bool
            do {
                claimed = try await claim.claim(task: name, scheduledTime: instant)
            } catch {
                claimFailed(task: name, cron: cron, at: instant, error: error)
                return
            }
            // Answered, won or lost: an outage in progress is over.
            claimWorked()
            guard claimed else {
                options.log(.claimedElsewhere(task: name, cron: cron, scheduledTime: instant))
                return
            }
        }
        inFlightNames.withLock { $0[name, default: 0] += 1 }
        defer {
            inFlightNames.withLock { names in
                names[name, default: 1] -= 1
                if names[name] == 0 { names[name] = nil }
            }
        }
        let milliseconds = (instant.timeIntervalSince1970 * 1000).rounded()
        let context = TaskContext(
            waitUntil: tracker.waitUntil,
            values: ["cron": cron, "scheduledTime": milliseconds])
        do {
            // From a task of its own: shutdown cancels this tracked work, and a cancelled caller
            // stops waiting for its run, while shutdown waits for the run itself (then reports it
            // as abandoned if it ignores cancellation).
            let runner = runner
            let result = try await Task {
                try await runner.run(name, payload: ["scheduledTime": .number(milliseconds)], context: context, trigger: .schedule)
            }.value
            options.log(.succeeded(task: name, cron: cron, scheduledTime: instant, result: result))
        } catch {
            options.log(.failed(task: name, cron: cron, scheduledTime: instant, error: error))
        }
    }
}

extension TaskScheduler {
    /// A claim failed: the tick is not run here. Reported as an error once per outage; the
    /// further ticks of the outage at debug level.
    fileprivate func claimFailed(task: String, cron: String, at instant: Date, error: any Error) {
        let first = claimOutage.withLock { outage -> Bool in
            if outage == nil {
                outage = (instant, 1)
                return true
            }
            outage!.unrun += 1
            return false
        }
        if first {
            options.log(.claimUnavailable(task: task, cron: cron, scheduledTime: instant, error: error))
        } else {
            options.log(.notClaimed(task: task, cron: cron, scheduledTime: instant, error: error))
        }
    }

    /// A claim was answered: if an outage was in progress, it is over.
    fileprivate func claimWorked() {
        guard
            let ended = claimOutage.withLock({ outage in
                defer { outage = nil }; return outage
            })
        else { return }
        options.log(.claimRestored(since: ended.since, unrun: ended.unrun))
    }
}

/// The scheduler could not start.
public struct SchedulerError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public let message: String
    public var description: String { message }
}
