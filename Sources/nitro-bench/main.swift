import Foundation
import NitroCLI

// `swift run -c release nitro-bench [SUITE …] [options]`: runs the named suites, or all of them.
// Each suite prints its figures next to a baseline measured in the same run, as a ratio.
let suites: [(name: String, summary: String, run: (BenchOptions) async throws -> Void)] = [
    ("dispatch", "runTask dispatch cost and same-name concurrency", DispatchBench.run),
    ("lock", "NitroSync.Locked vs Synchronization.Mutex, alone and contended", LockBench.run),
    ("scheduler", "lateness of every-second ticks with the real clock", SchedulerBench.run),
    ("cron", "cron next-run throughput, UTC and a DST zone, vs Foundation Calendar", CronBench.run),
    ("scan", "nitro build on N synthetic task files vs find -exec cat; --check on 100 tasks", ScanBench.run),
    ("redis", "tick claims on a real Redis: claims/s vs PING, lateness vs file claims", RedisBench.run),
    ("http", "dev server: POST no-op task over 32 keep-alive conns, 1,000 idle held, vs a minimal responder", HTTPBench.run),
]

let arguments = Array(CommandLine.arguments.dropFirst())
// The baseline of `scan`'s `--check` figure: a whole process that loads Foundation and prints.
if arguments == ["--hello-world"] {
    FileHandle.standardOutput.write(Data("hello, world\n".utf8))
    exit(0)
}
let request: BenchArguments.Request
do {
    request = try BenchArguments.parse(arguments, suites: suites.map(\.name))
} catch {
    let report = error.report(usage: BenchArguments.usageLine, help: "nitro-bench --help")
    FileHandle.standardError.write(Data((report + "\n").utf8))
    exit(64)
}
guard case .run(let names, let options) = request else {
    print(BenchArguments.usage(suites.map { ($0.name, $0.summary) }))
    exit(0)
}
let chosen = suites.filter { names.contains($0.name) }
for suite in chosen {
    print("== \(suite.name)")
    do {
        try await suite.run(options)
    } catch {
        FileHandle.standardError.write(Data("nitro-bench \(suite.name): \(error)\n".utf8))
        exit(1)
    }
}
