import NitroTestSupport
import Foundation
import NitroSync
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Three real processes of a probe app (`Tests/SchedulerClusterProbe`) run the same every-second
/// schedule with `RedisTickClaim` on one real `redis-server`.
@Suite(.enabled(if: RedisServer.available), .serialized, .timeLimit(.minutes(3))) struct RedisClusterTests {
    @Test(.timeLimit(.minutes(2))) func threeReplicasRunEachOfTwentyTicksExactlyOnce() async throws {
        let server = try await RedisServer.launch(password: "cluster secret")
        let work = try Scratch()
        let probes = try (0..<3).map { index in
            try Probe.launch(
                redis: server.url.replacingOccurrences(of: " ", with: "%20"), log: work.log, seconds: 21.5,
                stderr: work.file("probe-\(index).err"))
        }
        for probe in probes { #expect(await probe.exitStatus() == 0, "\(probe.stderr())") }

        let ticks = try work.ticks()
        let seconds = ticks.map { $0.millis / 1000 }
        #expect(Set(seconds).count == seconds.count, "a tick ran twice: \(ticks)")
        #expect(seconds.count >= 20, "expected 20 ticks in 21.5 s: \(ticks)")
        // No tick between the first and the last was lost, and all three processes took part.
        if let first = seconds.min(), let last = seconds.max() { #expect(last - first + 1 == seconds.count, "\(ticks)") }
        #expect(Set(ticks.map(\.pid)).count >= 2, "one replica ran everything: \(ticks)")
        #expect(ticks.allSatisfy { $0.millis % 1000 == 0 })
    }

    @Test(.timeLimit(.minutes(2))) func anOutageRunsNoTickTwiceIsReportedOnceAndClaimsResume() async throws {
        let server = try await RedisServer.launch()
        let work = try Scratch()
        let probes = try (0..<3).map { index in
            try Probe.launch(redis: server.url, log: work.log, seconds: 16, stderr: work.file("probe-\(index).err"))
        }
        // Once ticks run, Redis goes away for five seconds, then comes back on the same port.
        try await waitUntil("three ticks ran", timeout: .seconds(15)) { ((try? work.ticks()) ?? []).count >= 3 }
        server.stop()
        let down = Date()
        try await Task.sleep(for: .seconds(5))
        try await server.restart()
        let up = Date()
        for probe in probes { #expect(await probe.exitStatus() == 0, "\(probe.stderr())") }

        let ticks = try work.ticks()
        let seconds = ticks.map { $0.millis / 1000 }
        #expect(Set(seconds).count == seconds.count, "a tick ran twice: \(ticks)")
        let downSecond = Int64(down.timeIntervalSince1970.rounded(.up))
        let upSecond = Int64(up.timeIntervalSince1970.rounded(.down))
        #expect(!seconds.contains { $0 > downSecond && $0 < upSecond }, "a tick ran while Redis was down: \(ticks)")
        #expect(seconds.contains { $0 > upSecond + 2 }, "claims did not resume after the restart: \(ticks)")
        for probe in probes {
            let said = probe.stderr()
            let outages = said.components(separatedBy: "cannot claim task 'tick'").count - 1
            #expect(outages == 1, "the outage must be reported once per process, not per tick:\n\(said)")
            #expect(said.contains("tick claims work again; "), "\(said)")
            #expect(!said.contains("not run: the claim is still unavailable"), "per-tick reports are debug level:\n\(said)")
        }
    }

    @Test(.timeLimit(.minutes(1))) func aWrongPasswordStopsTheAppAtStartUpWithAClearError() async throws {
        let server = try await RedisServer.launch(password: "right")
        let work = try Scratch()
        let probe = try Probe.launch(
            redis: "redis://:wrong@127.0.0.1:\(server.port)", log: work.log, seconds: 5, stderr: work.file("probe.err"))
        #expect(await probe.exitStatus() == 2)
        #expect(
            probe.stderr().hasPrefix("error: Redis at 127.0.0.1:\(server.port) refused the login (WRONGPASS"),
            "\(probe.stderr())")
        #expect(!FileManager.default.fileExists(atPath: work.log))
    }
}

/// A scratch folder with the probes' tick log.
private struct Scratch {
    let folder: URL
    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("nitro-redis-cluster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }
    func file(_ name: String) -> String { folder.appendingPathComponent(name).path }
    var log: String { file("ticks.log") }

    /// The log's lines: "PID SCHEDULED-MS".
    func ticks() throws -> [(pid: Int, millis: Int64)] {
        guard FileManager.default.fileExists(atPath: log) else { return [] }
        return try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map { line in
            let parts = line.split(separator: " ")
            return (Int(parts[0])!, Int64(parts[1])!)
        }
    }
}

/// One probe process; its stderr goes to a file.
private final class Probe: Sendable {
    let stderrPath: String
    /// The exit status once known, and who waits for it.
    private let exit = Locked<(status: Int32?, waiters: [CheckedContinuation<Int32, Never>])>((nil, []))

    private init(stderrPath: String) {
        self.stderrPath = stderrPath
    }

    static func launch(redis: String, log: String, seconds: Double, stderr: String) throws -> Probe {
        let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("SchedulerClusterProbe")
        _ = FileManager.default.createFile(atPath: stderr, contents: nil)
        let probe = Probe(stderrPath: stderr)
        let process = Process()
        process.executableURL = binary
        process.arguments = [redis, log, String(seconds)]
        process.standardError = FileHandle(forWritingAtPath: stderr)
        process.standardOutput = FileHandle.nullDevice
        process.terminationHandler = { process in
            let status = process.terminationStatus
            let waiters = probe.exit.withLock { exit in
                exit.status = status
                defer { exit.waiters = [] }
                return exit.waiters
            }
            for waiter in waiters { waiter.resume(returning: status) }
        }
        try process.run()
        return probe
    }

    /// Waits for the process to exit (without blocking a thread) and returns its status.
    func exitStatus() async -> Int32 {
        await withCheckedContinuation { continuation in
            let status = exit.withLock { exit -> Int32? in
                if exit.status == nil { exit.waiters.append(continuation) }
                return exit.status
            }
            if let status { continuation.resume(returning: status) }
        }
    }

    func stderr() -> String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
}
