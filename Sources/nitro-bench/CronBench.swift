import Foundation
import NitroCron

/// `nitro-bench cron`: next-run throughput of NitroCron over a mix of common and special
/// expressions, in UTC and in a zone with daylight saving time, next to Foundation's
/// `Calendar.nextDate(after:matching:…)` for an equivalent hourly schedule measured in the same run,
/// and croner itself through node with `--croner PATH` (``CronerSideBySide``).
enum CronBench {
    /// 24 expressions: the common ones and every special form.
    static let expressions = [
        "* * * * *", "*/5 * * * *", "0 * * * *", "0 0 * * *", "30 2 * * *", "0 9 * * 1-5", "0 9 * * MON",
        "0 0 1 * *", "0 0 L * *", "0 0 LW * *", "0 0 15W * *", "0 12 * * 5L", "0 12 * * FRI#2",
        "0 0 29 2 *", "0 0 13 * 5", "0 0 13 * +5", "0 0 ? * MON", "*/15 * * * * *", "0 0 0 1 1 * 2030-2099",
        "5-50/15 3-22/4 * * *", "@daily", "@weekly", "@yearly", "0 0 1,15 * 1",
    ]

    static func run(_ options: BenchOptions) async throws {
        let runs = options.int("--runs", default: 20_000)
        let start = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01T00:00:00Z
        let utc = TimeZone(identifier: "UTC")!
        let newYork = TimeZone(identifier: "America/New_York")!

        let cronerPath = options.string("--croner")
        for (label, zone) in [("UTC", utc), ("America/New_York", newYork)] {
            let compiled = try expressions.map { try CronExpression($0, timeZone: zone) }
            var slowest = (expression: "", nanoseconds: 0.0)
            var total = 0.0
            var perExpression: [String: Double] = [:]
            for expression in compiled {
                let perRun = try await nanosecondsPerRun(runs: runs) { cursor in expression.next(after: cursor) }
                total += perRun
                perExpression[expression.source] = perRun
                if perRun > slowest.nanoseconds { slowest = (expression.source, perRun) }
            }
            let mean = total / Double(compiled.count)
            let calendar = try await calendarBaseline(zone: zone, runs: runs, start: start)
            let target = label == "UTC" ? 1000.0 : 5000.0
            print("  \(label): \(compiled.count) expressions, \(runs) chained next-runs each")
            Measure.report("NitroCron next-run, mean over the mix", "\(Measure.format(mean)) ns/run (target < \(Int(target)) ns)")
            Measure.report("NitroCron slowest: \(slowest.expression)", "\(Measure.format(slowest.nanoseconds)) ns/run")
            Measure.report("Calendar.nextDate '0 * * * *' (baseline)", "\(Measure.format(calendar)) ns/run")
            Measure.report("ratio Calendar / NitroCron mean", "\(Measure.format(calendar / max(mean, 1), digits: 1))x")
            if let cronerPath {
                let croner = try CronerSideBySide.measure(
                    path: cronerPath, expressions: expressions, zone: label == "UTC" ? nil : label, runs: runs)
                let shared = expressions.filter { croner.nanoseconds[$0] != nil }
                guard !shared.isEmpty else { throw BenchError("croner at \(cronerPath) accepted none of the expressions") }
                let cronerMean = shared.map { croner.nanoseconds[$0]! }.reduce(0, +) / Double(shared.count)
                let oursMean = shared.map { perExpression[$0]! }.reduce(0, +) / Double(shared.count)
                Measure.report(
                    "croner (\(croner.version)), \(shared.count) shared expressions",
                    "\(Measure.format(cronerMean)) ns/run, measured in this run")
                Measure.report("NitroCron, the same \(shared.count) expressions", "\(Measure.format(oursMean)) ns/run")
                Measure.report("ratio croner / NitroCron", "\(Measure.format(cronerMean / max(oursMean, 1), digits: 1))x")
                if !croner.rejected.isEmpty {
                    print("    croner rejected (left out of both means): \(croner.rejected.keys.sorted().joined(separator: ", "))")
                }
            } else {
                // Not measured here, so no ratio: the figure and where it comes from.
                let quoted = label == "UTC" ? "~30 µs/run" : "500–1,000 µs/run"
                Measure.report(
                    "croner: not measured (pass --croner PATH)",
                    "quoted reference: \(quoted), croner 10.0.1 on node 20, measured on this machine kind for issue 19")
            }
        }
        let parse = try await Measure.median(repeats: 5) {
            for _ in 0..<2000 { for text in expressions { _ = try CronExpression(text) } }
        }
        Measure.report("parse + check, mean over the mix", "\(Measure.format(parse / Double(2000 * expressions.count))) ns/expression")
    }

    /// Median over 5 repeats of `runs` next-runs, each from the previous result.
    static func nanosecondsPerRun(runs: Int, _ next: (Date) -> Date?) async throws -> Double {
        let start = Date(timeIntervalSince1970: 1_704_067_200)
        var sink = 0.0
        let elapsed = await Measure.median(repeats: 5) {
            var cursor = start
            for _ in 0..<runs {
                guard let result = next(cursor) else {
                    cursor = start
                    continue
                }
                cursor = result
            }
            sink += cursor.timeIntervalSince1970
        }
        if sink.isNaN { print(sink) }
        return elapsed / Double(runs)
    }

    static func calendarBaseline(zone: TimeZone, runs: Int, start: Date) async throws -> Double {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(minute: 0, second: 0)
        let calendarRuns = max(runs / 10, 100)
        return try await nanosecondsPerRun(runs: calendarRuns) { cursor in
            calendar.nextDate(after: cursor, matching: components, matchingPolicy: .nextTime)
        }
    }
}
