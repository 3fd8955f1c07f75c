import Foundation
import Testing

/// Two real processes run the same every-second schedule with a shared `FileTickClaim`:
/// every tick must run exactly once in total.
@Suite struct SchedulerClusterTests {
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

    @Test(.timeLimit(.minutes(1))) func twoProcessesRunEachTickOnce() throws {
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
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }

        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        let ticks = lines.map { $0.split(separator: " ")[1] }
        #expect(ticks.count >= 2, "expected at least two ticks in 3.5 s, got \(lines)")
        #expect(Set(ticks).count == ticks.count, "a tick ran twice: \(lines)")
        // Every tick is a whole second.
        #expect(ticks.allSatisfy { Int64($0)! % 1000 == 0 })
    }

    @Test(.timeLimit(.minutes(1))) func runStopsGracefullyOnSIGTERM() throws {
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
        var waited = 0
        while !FileManager.default.fileExists(atPath: log), waited < 100 {
            usleep(50_000)
            waited += 1
        }
        #expect(FileManager.default.fileExists(atPath: log))
        process.terminate()  // SIGTERM
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let said = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(said == "stopped\n")
    }
}
