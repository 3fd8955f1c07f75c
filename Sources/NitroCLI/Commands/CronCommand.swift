import Foundation
import NitroCron
import NitroJSON

/// `nitro cron`: explains a cron expression, offline: its next instants in UTC and, for a
/// deployment preset, the expression that platform will be given (or why it cannot be).
///
/// Errors and warnings are printed as `<cron>:1:COLUMN: error: message`, the expression taken
/// as a one-line file named `<cron>`, followed by the expression and a caret under the column.
enum CronCommand: SynchronousCommand {
    static let name = "cron"
    static let summary = "Explain a cron expression: its next instants, per platform"
    static let usage = "nitro cron EXPR [--next N] [--from ISO-8601] [--timezone ZONE] [--preset NAME] [--json]"
    static let introduction = """
        ARGUMENTS:
          EXPR                 A cron expression as Nitro (croner 10) reads it: 5 fields, 6 with seconds
                               first, 7 with a year last, or a nickname such as @daily. Quote it.
        """
    static let options: [CommandOption] = [
        .value("--next", "N", "How many instants to print (default 5, at most 10000)"),
        .value(
            "--from", "ISO-8601",
            """
            Start after this instant (default now); without Z or an offset it is
            a wall-clock time in --timezone
            """),
        .value("--timezone", "ZONE", "IANA time zone the fields describe (default UTC)"),
        .value(
            "--preset", "NAME",
            """
            Also show the expression for a deployment preset: cloudflare_module,
            cloudflare_durable, cloudflare_pages, vercel (translated to their
            dialects), or node_server, node_cluster, node_middleware, bun,
            deno_server, dev (croner semantics, no translation); '-' or '_'
            """),
        .flag("--json", #"Print {"expression", "timezone", "next", "platform"?, "warnings"?}"#),
    ]
    static let epilogue = """
        EXAMPLES:
          nitro cron '0 9 * * MON-FRI' --timezone Europe/Berlin --next 3
          nitro cron '0 9 * * 1' --preset cloudflare_module
        """

    /// A deployment preset: the dialect its scheduler reads, or nil when croner runs in-process.
    struct Preset {
        let name: String
        let platform: CronPlatform?
        let note: String?
    }

    static let presets: [Preset] =
        [
            Preset(name: "cloudflare_module", platform: .cloudflare, note: nil),
            Preset(name: "cloudflare_durable", platform: .cloudflare, note: nil),
            Preset(
                name: "cloudflare_pages", platform: .cloudflare,
                note: "Cloudflare Pages has no cron triggers: scheduled tasks do not run there; deploy with cloudflare_module to run them"),
            Preset(name: "vercel", platform: .vercel, note: nil),
        ]
        + ["node_server", "node_cluster", "node_middleware", "node", "bun", "deno_server", "deno", "dev"].map {
            Preset(name: $0, platform: nil, note: nil)
        }

    static func runSynchronously(_ arguments: inout Arguments, context: CommandContext) throws -> Int32 {
        let json = arguments.flag("--json")
        let count = try arguments.intOption("--next", in: 1...10_000) ?? 5
        let zoneName = try arguments.option("--timezone") ?? "UTC"
        let fromText = try arguments.option("--from")
        let presetText = try arguments.option("--preset")
        var words: [String] = []
        while let word = try arguments.positional() { words.append(word) }
        try arguments.finish()
        guard !words.isEmpty else { throw UsageError("Missing the cron expression, such as '0 9 * * MON-FRI'") }
        let text = words.joined(separator: " ")
        guard let timeZone = TimeZone(identifier: zoneName) else {
            throw UsageError("Unknown time zone '\(zoneName)'; use an IANA name such as 'Europe/Berlin' or 'UTC'")
        }
        var start = Date()
        if let fromText {
            guard let parsed = CronTimestamp.parse(fromText, timeZone: timeZone) else {
                throw UsageError("The value '\(fromText)' for '--from' is not an ISO-8601 time such as 2024-01-01T09:00:00Z")
            }
            start = parsed
        }
        var preset: Preset?
        if let presetText {
            let key = presetText.lowercased().replacingOccurrences(of: "-", with: "_")
            guard let found = presets.first(where: { $0.name == key }) else {
                throw UsageError("Unknown preset '\(presetText)'; use one of \(presets.map(\.name).joined(separator: ", "))")
            }
            preset = found
        }

        let console = context.console
        let expression: CronExpression
        do {
            expression = try CronExpression(text, timeZone: timeZone)
        } catch {
            report(error.message, column: error.column, severity: .error, text: text, console: console)
            return ExitCode.failure
        }
        for warning in expression.warnings {
            report(warning.message, column: warning.column, severity: .warning, text: text, console: console)
        }
        var failed = false
        var platformLines: [String] = []
        var platformJSON: JSONValue?
        var platformSchedule: PlatformSchedule?
        if let preset {
            if let note = preset.note { report(note, column: nil, severity: .warning, text: nil, console: console) }
            if let platform = preset.platform {
                do {
                    let translated = try expression.platformSchedule(for: platform)
                    platformSchedule = translated
                    platformLines = translated.crons.map { "\(platform.rawValue): \($0)" }
                    var object: [String: JSONValue] = [
                        "preset": .string(preset.name), "dialect": .string(platform.rawValue),
                        "expression": .string(translated.crons[0]),
                        "expressions": .array(translated.crons.map { .string($0) }), "exact": .bool(translated.isExact),
                    ]
                    if translated.crons.count == 1, translated.isExact {
                        object["expressions"] = nil
                        object["exact"] = nil
                    }
                    platformJSON = .object(object)
                } catch {
                    failed = true
                    report("\(preset.name): \(error.message)", column: error.column, severity: .error, text: text, console: console)
                    platformJSON = ["preset": .string(preset.name), "dialect": .string(platform.rawValue), "error": .string(error.message)]
                }
            } else {
                platformLines = ["\(preset.name): \(text) (croner in-process, no translation)"]
                platformJSON = ["preset": .string(preset.name), "dialect": "croner", "expression": .string(text)]
            }
        }
        let dates = expression.next(count: count, after: start)
        let instants = dates.map(CronTimestamp.format)
        // A platform schedule that covers several offsets: every invocation up to the last instant
        // shown, and whether the app runs the tasks at it.
        var invocations: [(time: Date, cron: String, runs: Bool)] = []
        if let platformSchedule, !platformSchedule.isExact, let last = dates.last {
            invocations = Self.invocations(of: platformSchedule.crons, from: start, through: last, filter: expression)
        }
        if json {
            var object: [String: JSONValue] = [
                "expression": .string(text),
                "timezone": .string(zoneName),
                "next": .array(instants.map { .string($0) }),
            ]
            if case .object(var platform)? = platformJSON, !invocations.isEmpty {
                platform["invocations"] = .array(
                    invocations.map { ["time": .string(CronTimestamp.format($0.time)), "cron": .string($0.cron), "runs": .bool($0.runs)] })
                platformJSON = .object(platform)
            }
            if let platformJSON { object["platform"] = platformJSON }
            if !expression.warnings.isEmpty {
                object["warnings"] = .array(expression.warnings.map { .string($0.message) })
            }
            console.out(JSONWriter.pretty(.object(object)), terminator: "")
        } else {
            for line in platformLines { console.out(line) }
            if !invocations.isEmpty {
                console.out(
                    "# the platform fires in UTC at every offset \(zoneName) has; the app runs the tasks only at instants of '\(text)' in \(zoneName):"
                )
                for invocation in invocations {
                    console.out("\(invocation.runs ? "run " : "skip") \(CronTimestamp.format(invocation.time))  (\(invocation.cron))")
                }
                console.out("# next instants:")
            }
            for instant in instants { console.out(instant) }
        }
        return failed ? ExitCode.failure : ExitCode.success
    }

    /// Every invocation of the UTC crons after `start` up to `last` (at most 1000), in time order,
    /// each marked with whether it is an instant of `filter` (what the app's entry points check).
    static func invocations(
        of crons: [String], from start: Date, through last: Date, filter: CronExpression
    ) -> [(time: Date, cron: String, runs: Bool)] {
        var result: [(time: Date, cron: String, runs: Bool)] = []
        for cron in crons {
            guard let utc = try? CronExpression(cron) else { continue }
            var cursor = start
            while result.count < 1000, let next = utc.next(after: cursor), next <= last {
                result.append((next, cron, filter.firesAt(platformInstant: next)))
                cursor = next
            }
        }
        return Array(result.sorted { ($0.time, $0.cron) < ($1.time, $1.cron) }.prefix(1000))
    }

    enum Severity: String { case error, warning }

    /// `<cron>:1:5: error: message`, then the expression with a caret under the column.
    static func report(_ message: String, column: Int?, severity: Severity, text: String?, console: Console) {
        let label = severity == .error ? console.style("error:", "1;31") : console.style("warning:", "1;33")
        guard let text else {
            console.err("\(label) \(message)")
            return
        }
        let location = console.style("<cron>:1:\(column ?? 1):", "1")
        console.err("\(location) \(label) \(message)")
        console.err(text)
        if let column {
            console.err(String(repeating: " ", count: max(column - 1, 0)) + console.style("^", "1;32"))
        }
    }
}
