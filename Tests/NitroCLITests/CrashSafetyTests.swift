import NitroSync
import NitroTestSupport
import Foundation
import NitroCLI
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `nitro build` killed with SIGKILL at random moments: every generated file is always the old
/// or the new complete version (never partial), and no temporary file outlives the next build.
///
/// CI runs 300 kills (about 20 s); `Tests/Scripts/crash-safety.sh` runs thousands
/// (NITRO_CRASH_RUNS). Docs/Reliability.md has the figures.
@Suite("Crash safety")
struct CrashSafetyTests {
    /// A project whose two configs produce different bytes in every generated file (the Swift
    /// registry and the Vercel config), large enough that writing takes a while.
    static func makeProject(_ root: String) throws {
        let description = String(repeating: "a long description to make the registry large ", count: 4)
        for index in 0..<300 {
            try BadInputSetup.write(
                root, "Sources/App/tasks/group\(index % 10)/task\(index).swift",
                "import NitroTasks\n\nlet task\(index) = defineTask(meta: TaskMeta(description: \"\(index) \(description)\")) { _ in }\n")
        }
    }

    static func config(_ version: Int) -> String {
        """
        {
          "experimental": {"tasks": true},
          "preset": "vercel",
          "tasks": {"group0:task0": {"description": "version \(version)"}},
          "scheduledTasks": {"\(version) 3 * * *": ["group0:task0", "group1:task1"]}
        }

        """
    }

    static let generated = ["Sources/App/NitroTasks.generated.swift", ".vercel/output/config.json"]

    /// Names of temporary files `nitro build` writes before renaming (`.NAME.nitro-PID.tmp`).
    static func temporaryFiles(_ root: String) -> [String] {
        TreeSnapshot(root).entries.keys.filter { key in
            let name = (key as NSString).lastPathComponent
            return name.hasPrefix(".") && name.contains(".nitro-") && name.hasSuffix(".tmp")
        }.sorted()
    }

    /// What the kill loop saw.
    struct Report: Sendable {
        var partial: [String] = []
        var killed = 0
        var finishedFirst = 0
        var leftTemporary = 0
        var leftAtTheEnd: [String] = []
        var lastStatus: Int32 = -1
        var buildMilliseconds = 0
    }

    @Test func killedBuildsLeaveOldOrNewFilesAndNoTemporaryFiles() async throws {
        let runs = Int(ProcessInfo.processInfo.environment["NITRO_CRASH_RUNS"] ?? "") ?? 300
        // Processes are waited for on a thread of their own, never on the cooperative pool.
        let report = try await offThread { try Self.killLoop(runs: runs) }
        #expect(report.partial.isEmpty, "\(report.partial.count) partial or missing files: \(report.partial.prefix(5))")
        #expect(report.lastStatus == 0)
        #expect(report.leftAtTheEnd.isEmpty, "left behind: \(report.leftAtTheEnd)")
        #expect(report.killed > runs / 4, "most kills came too late to test anything")
        print(
            "crash safety: \(runs) runs, \(report.killed) killed while running, \(report.finishedFirst) finished first, "
                + "\(report.leftTemporary) left a temporary file (removed by the next build), build ≈ \(report.buildMilliseconds) ms")
    }

    static func killLoop(runs: Int) throws -> Report {
        guard let nitro = NitroBinary.path else { throw NitroBinary.Missing() }
        let folder = try TemporaryDirectory("nitro-crash")
        let root = folder.path
        try Self.makeProject(root)

        // The two complete versions of every generated file, and how long a build takes.
        var versions: [String: Set<Data>] = [:]
        var durations: [Double] = []
        for version in [1, 2, 1] {
            try BadInputSetup.write(root, "nitro.config.json", Self.config(version))
            let started = Date()
            let output = try NitroBinary.run(["build"], currentDirectory: root)
            durations.append(Date().timeIntervalSince(started))
            guard output.status == 0 else { throw BadInputSetup.Failure(description: output.stderr) }
            for path in Self.generated {
                guard let bytes = FileManager.default.contents(atPath: root + "/" + path) else {
                    throw BadInputSetup.Failure(description: "\(path) was not written")
                }
                versions[path, default: []].insert(bytes)
            }
        }
        guard versions.values.allSatisfy({ $0.count == 2 }) else {
            throw BadInputSetup.Failure(description: "the two configs must change every file")
        }
        // Kill at a uniform moment within `window`, which follows the build's actual length: it
        // shrinks when a build finished before its kill and grows when the kill came first.
        var window = max(durations.min()! * 1.1, 0.005)
        let longest = window * 2

        var generator = SystemRandomNumberGenerator()
        var report = Report(buildMilliseconds: Int(window / 1.1 * 1000))
        var leftovers: Set<String> = []
        for run in 0..<runs {
            try BadInputSetup.write(root, "nitro.config.json", Self.config(run % 2 + 1))
            leftovers = Set(Self.temporaryFiles(root))
            let delay = useconds_t(Double.random(in: 0..<window, using: &generator) * 1_000_000)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: nitro)
            process.arguments = ["build"]
            process.currentDirectoryURL = URL(fileURLWithPath: root)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal {
                report.killed += 1
                window = min(window * 1.02, longest)
            } else {
                report.finishedFirst += 1
                window = max(window * 0.9, 0.005)
            }

            for path in Self.generated {
                let bytes = FileManager.default.contents(atPath: root + "/" + path)
                if bytes.map({ versions[path]!.contains($0) }) != true { report.partial.append("run \(run): \(path)") }
            }
            let temporaries = Set(Self.temporaryFiles(root))
            if !temporaries.subtracting(leftovers).isEmpty { report.leftTemporary += 1 }
            leftovers = temporaries
        }
        // The next build completes and removes what killed builds left behind.
        report.lastStatus = try NitroBinary.run(["build"], currentDirectory: root).status
        report.leftAtTheEnd = Self.temporaryFiles(root)
        return report
    }
}
