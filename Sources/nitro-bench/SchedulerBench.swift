import Foundation
import NitroTasks
import NitroSync

/// `nitro-bench scheduler [--seconds N]`: with the real clock and `* * * * * *` (every second),
/// how late each fire is relative to its scheduled instant: median and worst. Baseline in the
/// same run: the lateness of a bare `Task.sleep` to the same instants (what any timer here gets).
enum SchedulerBench {
    static func run(_ options: BenchOptions) async throws {
        let seconds = options.int("--seconds", default: 30)

        // Baseline: sleep to each whole second with the same call the scheduler's clock uses.
        let clock = SystemSchedulerClock()
        var baseline: [Double] = []
        var target = (Date().timeIntervalSince1970 + 1).rounded(.down)
        for _ in 0..<min(seconds, 10) {
            try await clock.sleep(until: Date(timeIntervalSince1970: target))
            baseline.append((Date().timeIntervalSince1970 - target) * 1000)
            target += 1
        }

        let lateness = Locked<[Double]>([])
        let scheduler = TaskScheduler(runner: latenessRecorder(lateness))
        try scheduler.start(environment: [:])
        try await Task.sleep(for: .seconds(Double(seconds) + 0.5))
        await scheduler.shutdown()

        let samples = lateness.withLock { $0 }.sorted()
        let base = baseline.sorted()
        guard !samples.isEmpty, !base.isEmpty else { throw BenchError("no ticks fired") }
        let median = samples[samples.count / 2]
        let worst = samples.last!
        let baseMedian = base[base.count / 2]
        Measure.report("ticks fired in \(seconds) s", "\(samples.count) (expected \(seconds))")
        Measure.report(
            "bare sleep lateness, median / worst (baseline)",
            "\(Measure.format(baseMedian, digits: 2)) / \(Measure.format(base.last!, digits: 2)) ms")
        Measure.report("scheduler lateness, median (target < 5 ms)", "\(Measure.format(median, digits: 2)) ms")
        Measure.report("scheduler lateness, worst (target < 50 ms)", "\(Measure.format(worst, digits: 2)) ms")
        Measure.report("median over baseline", "+\(Measure.format(median - baseMedian, digits: 2)) ms")
    }

    /// A runner with one every-second task that records, in milliseconds, how late each run began.
    static func latenessRecorder(_ lateness: Locked<[Double]>) -> TaskRunner {
        let tick = defineTask { event in
            let now = Date().timeIntervalSince1970 * 1000
            let scheduled = event.payload["scheduledTime"]?.doubleValue ?? now
            lateness.withLock { $0.append(now - scheduled) }
        }
        return TaskRunner(
            registry: TaskRegistry(
                tasks: [.init("tick", definition: { tick })], scheduledTasks: [.init(cron: "* * * * * *", tasks: ["tick"])]))
    }
}
