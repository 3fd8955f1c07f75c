import Foundation
import NitroBuild
import NitroCLI

/// The command line of `nitro-bench`: suite names and options, checked before any suite runs, so
/// that a misspelt suite or option is an error at once rather than minutes of the wrong
/// benchmarks (a bare `nitro-bench` runs every suite).
enum BenchArguments {
    /// An option and what it takes.
    struct Option {
        /// What the value is: a whole number above 0, or a path or URL taken as written.
        enum Value: Equatable { case count, text(placeholder: String) }
        let name: String
        let value: Value
        let suites: String
        let summary: String
    }

    /// Every option a suite reads (through ``BenchOptions``), for the check and for `--help`.
    static let options: [Option] = [
        Option(name: "--calls", value: .count, suites: "dispatch", summary: "runTask calls per timed round (200000)"),
        Option(name: "--concurrent", value: .count, suites: "dispatch", summary: "concurrent calls of the 5 ms task (10000)"),
        Option(name: "--joiners", value: .count, suites: "dispatch", summary: "the smaller number of same-name callers (10000)"),
        Option(name: "--scaling-repeats", value: .count, suites: "dispatch", summary: "rounds of each size (9)"),
        Option(name: "--scaling-deadline", value: .count, suites: "dispatch", summary: "seconds before the scaling part fails (120)"),
        Option(name: "--operations", value: .count, suites: "lock", summary: "lock operations per measurement (2000000)"),
        Option(name: "--seconds", value: .count, suites: "scheduler, redis, http", summary: "how long to measure (30, 10, 3)"),
        Option(name: "--runs", value: .count, suites: "cron", summary: "chained next-runs per expression (20000)"),
        Option(
            name: "--croner", value: .text(placeholder: "PATH"), suites: "cron",
            summary: "croner's build or src/croner.ts, measured in the same run"),
        Option(name: "--tasks", value: .count, suites: "scan", summary: "synthetic task files (10000)"),
        Option(name: "--repeats", value: .count, suites: "scan", summary: "timed builds (5)"),
        Option(name: "--check-pairs", value: .count, suites: "scan", summary: "alternated --check / hello-world runs (31)"),
        Option(
            name: "--url", value: .text(placeholder: "URL"), suites: "redis",
            summary: "a Redis server to use (else REDIS_URL, else one it starts)"),
        Option(name: "--claims", value: .count, suites: "redis", summary: "claims per measurement (20000)"),
        Option(name: "--connections", value: .count, suites: "http", summary: "keep-alive connections under load (32)"),
        Option(name: "--idle", value: .count, suites: "http", summary: "idle connections held open (1000)"),
        Option(name: "--wrk", value: .text(placeholder: "PATH"), suites: "http", summary: "the wrk binary (else wrk on PATH, if any)"),
    ]

    /// What the command line asks for.
    enum Request {
        case help
        /// The suites to run, by name, in the order of `suites` (all of them when none is named),
        /// and the options' values.
        case run([String], BenchOptions)
    }

    /// The usage line of errors and `--help`.
    static let usageLine = "nitro-bench [SUITE …] [OPTIONS]"

    /// Checks `words` against the suite names and ``options``, with the reader and messages of
    /// `nitro` (unknown options get a did-you-mean from the table).
    static func parse(_ words: [String], suites: [String]) throws(UsageError) -> Request {
        var arguments = Arguments(words)
        if arguments.flag("--help", "-h") { return .help }
        var counts: [String: Int] = [:]
        var texts: [String: String] = [:]
        for option in options {
            switch option.value {
            case .count: counts[option.name] = try arguments.intOption(option.name, in: 1...)
            case .text: texts[option.name] = try arguments.option(option.name)
            }
        }
        var named: [String] = []
        while let word = try arguments.positional() { named.append(word) }
        try arguments.finish()
        if named.contains("help") { return .help }
        if let unknown = named.first(where: { !suites.contains($0) }) {
            throw UsageError.unknown("suite", unknown, among: suites)
        }
        return .run(named.isEmpty ? suites : suites.filter(named.contains), BenchOptions(counts: counts, texts: texts))
    }

    /// The `--help` text.
    static func usage(_ suites: [(name: String, summary: String)]) -> String {
        var lines = ["USAGE: " + usageLine, "", "Runs the named suites, or all of them.", "", "SUITES:"]
        for suite in suites { lines.append("  " + suite.name.padding(toLength: 12, withPad: " ", startingAt: 0) + suite.summary) }
        let rows = options.map { option -> CommandOption in
            let placeholder: String
            switch option.value {
            case .count: placeholder = "N"
            case .text(let text): placeholder = text
            }
            return .value(option.name, placeholder, "\(option.suites): \(option.summary)")
        }
        lines += ["", CommandOption.section(rows + [.flag("-h, --help, help", "print this help")], widest: 22)]
        return lines.joined(separator: "\n")
    }
}

/// The options of a checked command line (``BenchArguments/parse(_:suites:)``), as the suites read
/// them. A name must be in ``BenchArguments/options`` with the kind asked for: a suite that reads
/// an option the table lacks fails at once (and so fails `BenchCommandTests`).
struct BenchOptions {
    let counts: [String: Int]
    let texts: [String: String]

    /// The value of `--name N`, or `value` when it was not given.
    func int(_ name: String, default value: Int) -> Int {
        precondition(
            BenchArguments.options.contains { $0.name == name && $0.value == .count }, "\(name) is not a count option")
        return counts[name] ?? value
    }

    /// The value of `--name VALUE`, if given.
    func string(_ name: String) -> String? {
        precondition(
            BenchArguments.options.contains { $0.name == name && $0.value != .count }, "\(name) is not a text option")
        return texts[name]
    }
}
