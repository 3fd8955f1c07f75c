import Foundation
import NitroJSON

/// `nitro-bench cron --croner PATH`: croner itself, measured in the same run through `node`, on
/// the same expressions, zone, start and number of chained next-runs as NitroCron.
///
/// `PATH` is a JavaScript build of croner that exports `Cron` (its npm package's
/// `dist/croner.js`), run by `node`; or croner's TypeScript source (`src/croner.ts` of a clone of
/// its repository), run by `deno` (same V8 engine; PyPI's `deno` package ships the binary).
/// Expressions croner rejects (the 7-field year form, `+5`) are left out on both sides, so the
/// ratio compares the same work. Without `--croner`, `nitro-bench cron` prints croner's figures
/// only as a quoted reference with its source, and no ratio.
enum CronerSideBySide {
    /// Nanoseconds per chained next-run, by expression (croner's own timer per expression,
    /// median of 5 repeats as on the Swift side), or why croner rejected it.
    struct Measured {
        var nanoseconds: [String: Double]
        var rejected: [String: String]
        var version: String
    }

    /// Runs croner at `path` under `node` for `expressions` in `zone` (`nil`: no `timezone`
    /// option, as a UTC process runs it).
    static func measure(path: String, expressions: [String], zone: String?, runs: Int) throws -> Measured {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nitro-bench-croner-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let driver = folder.appendingPathComponent("driver.mjs")
        try Data(script.utf8).write(to: driver)
        let input = JSONWriter.compact([
            "module": .string(URL(fileURLWithPath: path).absoluteURL.path),
            "expressions": .array(expressions.map { .string($0) }),
            "zone": zone.map { .string($0) } ?? .null,
            "runs": .number(Double(runs)),
            "start": "2024-01-01T00:00:00Z",
        ])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let typeScript = path.hasSuffix(".ts")
        process.arguments = (typeScript ? ["deno", "run", "--allow-read", "--no-config", "--quiet"] : ["node"]) + [driver.path, input]
        process.environment = ProcessInfo.processInfo.environment.merging(["TZ": "UTC"]) { _, new in new }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError(
                "\(typeScript ? "deno" : "node") could not run croner from \(path) (exit \(process.terminationStatus)): \(errorText)")
        }
        let result = try JSONReader.parse(String(decoding: data, as: UTF8.self))
        var measured = Measured(nanoseconds: [:], rejected: [:], version: result["runtime"]?.stringValue ?? "?")
        for (expression, value) in result["results"]?.objectValue ?? [:] {
            if let nanoseconds = value["ns"]?.doubleValue {
                measured.nanoseconds[expression] = nanoseconds
            } else {
                measured.rejected[expression] = value["error"]?.stringValue ?? "rejected"
            }
        }
        return measured
    }

    /// The driver (node or deno): the same chained next-runs as `CronBench.nanosecondsPerRun`.
    static let script = """
        import { pathToFileURL } from "node:url";
        const input = JSON.parse(process.argv[2]);
        const croner = await import(pathToFileURL(input.module).href);
        const Cron = croner.Cron ?? croner.default?.Cron ?? croner.default;
        const start = new Date(input.start);
        const results = {};
        for (const expression of input.expressions) {
          let job;
          try {
            job = new Cron(expression, input.zone ? { timezone: input.zone, paused: true } : { paused: true });
          } catch (error) {
            results[expression] = { error: String(error && error.message || error) };
            continue;
          }
          const samples = [];
          for (let repeat = 0; repeat < 5; repeat++) {
            let cursor = start;
            const began = process.hrtime.bigint();
            for (let i = 0; i < input.runs; i++) {
              const next = job.nextRun(cursor);
              cursor = next ?? start;
            }
            samples.push(Number(process.hrtime.bigint() - began) / input.runs);
          }
          job.stop();
          samples.sort((a, b) => a - b);
          results[expression] = { ns: samples[2] };
        }
        const runtime = globalThis.Deno ? `deno ${Deno.version.deno}` : `node ${process.version}`;
        process.stdout.write(JSON.stringify({ runtime, results }));
        """
}
