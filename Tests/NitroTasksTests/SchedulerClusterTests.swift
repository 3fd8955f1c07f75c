import NitroSync
import NitroTestSupport
import Foundation
import Testing

/// Two real processes run the same every-second schedule with a shared `FileTickClaim`:
/// every tick must run exactly once in total.
@Suite(.timeLimit(.minutes(3))) struct SchedulerClusterTests {
    static func probeBinary() throws -> URL {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("SchedulerClusterProbe")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "SchedulerClusterProbe next to \(executable.path)"])
    }

    @Test(.timeLimit(.minutes(1))) func twoProcessesRunEachTickOnce() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("nitro-cluster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let claims = work.appendingPathComponent("claims").path
        let log = work.appendingPathComponent("ticks.log").path

        let probe = try Self.probeBinary()
        let processes = try (0..<2).map { _ in
            let process = Process()
            process.executableURL = probe
            process.arguments = [claims, log, "3.5"]
            try process.run()
            return process
        }
        for process in processes {
            #expect(await Self.exitStatus(of: process) == 0)
        }

        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        let ticks = lines.map { $0.split(separator: " ")[1] }
        #expect(ticks.count >= 2, "expected at least two ticks in 3.5 s, got \(lines)")
        #expect(Set(ticks).count == ticks.count, "a tick ran twice: \(lines)")
        // Every tick is a whole second.
        #expect(ticks.allSatisfy { Int64($0)! % 1000 == 0 })
    }

    @Test(.timeLimit(.minutes(1))) func runStopsGracefullyOnSIGTERM() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("nitro-signal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let log = work.appendingPathComponent("ticks.log").path
        let process = Process()
        process.executableURL = try Self.probeBinary()
        process.arguments = [work.appendingPathComponent("claims").path, log, "signal"]
        let stderr = Pipe()
        process.standardError = stderr
        try process.run()
        // Wait (bounded) for the first tick, which proves the scheduler runs.
        try await waitUntil("the probe logged its first tick", timeout: .seconds(30)) {
            FileManager.default.fileExists(atPath: log)
        }
        process.terminate()  // SIGTERM
        #expect(await Self.exitStatus(of: process) == 0)
        #expect(process.terminationReason == .exit)
        let said = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(said == "stopped\n")
    }

    /// Waits for `process` to exit on a thread of its own and returns its status.
    static func exitStatus(of process: Process) async -> Int32 {
        return await offThread { () -> Int32 in
            process.waitUntilExit()
            return process.terminationStatus
        }
    }
}
