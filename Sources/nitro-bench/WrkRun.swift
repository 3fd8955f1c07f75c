import Foundation

/// One load run of `wrk` (Debian's package), when it is installed: the same `POST` over the same
/// number of keep-alive connections, from a client written in C that does not saturate before the
/// server does. `nitro-bench http` reports both servers through it the same way as through its
/// own client.
struct WrkRun: Sendable {
    var requestsPerSecond: Double
    var p50: Double  // nanoseconds
    var p99: Double
    var errors: Int

    /// `wrk` on PATH (or `--wrk PATH`), if any.
    static func executable(_ options: BenchOptions) -> String? {
        if let given = options.string("--wrk") { return given }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = "\(folder)/wrk"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// `wrk -t2 -cN -dS --latency -s post.lua URL`.
    static func measure(wrk: String, port: Int, target: String, connections: Int, seconds: Int) throws -> WrkRun {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nitro-bench-wrk-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("post.lua")
        try Data("wrk.method = \"POST\"\n".utf8).write(to: script)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        process.arguments = [
            "-t2", "-c\(connections)", "-d\(seconds)s", "--latency", "-s", script.path, "http://127.0.0.1:\(port)\(target)",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, let parsed = parse(text) else {
            throw BenchError("wrk failed (exit \(process.terminationStatus)):\n\(text)")
        }
        return parsed
    }

    /// Reads wrk's report: `Requests/sec:`, the `--latency` distribution, socket errors and non-2xx.
    static func parse(_ text: String) -> WrkRun? {
        var run = WrkRun(requestsPerSecond: 0, p50: 0, p99: 0, errors: 0)
        var sawRate = false
        for line in text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            if line.hasPrefix("Requests/sec:"), let rate = fields.last.flatMap(Double.init) {
                run.requestsPerSecond = rate
                sawRate = true
            } else if fields.first == "50%", fields.count == 2 {
                run.p50 = nanoseconds(fields[1]) ?? 0
            } else if fields.first == "99%", fields.count == 2 {
                run.p99 = nanoseconds(fields[1]) ?? 0
            } else if line.hasPrefix("Non-2xx or 3xx responses:"), let count = fields.last.flatMap(Int.init) {
                run.errors += count
            } else if line.hasPrefix("Socket errors:") {
                run.errors += fields.compactMap(Int.init).reduce(0, +)
            }
        }
        return sawRate ? run : nil
    }

    /// `812.00us`, `1.25ms`, `2.00s` → nanoseconds.
    static func nanoseconds(_ text: String) -> Double? {
        for (unit, scale) in [("us", 1e3), ("ms", 1e6), ("s", 1e9)] where text.hasSuffix(unit) {
            return Double(text.dropLast(unit.count)).map { $0 * scale }
        }
        return nil
    }
}
