import Foundation
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

    @Test func killedBuildsLeaveOldOrNewFilesAndNoTemporaryFiles() throws {
        let runs = Int(ProcessInfo.processInfo.environment["NITRO_CRASH_RUNS"] ?? "") ?? 300
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
            try #require(output.status == 0, "\(output.stderr)")
            for path in Self.generated {
                versions[path, default: []].insert(try #require(FileManager.default.contents(atPath: root + "/" + path)))
            }
        }
        try #require(versions.values.allSatisfy { $0.count == 2 }, "the two configs must change every file")
        let window = max(durations.min()! * 1.1, 0.02)

        var generator = SystemRandomNumberGenerator()
        var killedWhileRunning = 0
        var leftTemporary = 0
        var finishedFirst = 0
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
            if process.terminationReason == .uncaughtSignal { killedWhileRunning += 1 } else { finishedFirst += 1 }

            for path in Self.generated {
                let bytes = FileManager.default.contents(atPath: root + "/" + path)
                #expect(bytes.map { versions[path]!.contains($0) } == true, "run \(run): \(path) is partial or missing")
            }
            let temporaries = Set(Self.temporaryFiles(root))
            if !temporaries.subtracting(leftovers).isEmpty { leftTemporary += 1 }
            leftovers = temporaries
        }
        // The next build completes and removes what killed builds left behind.
        let last = try NitroBinary.run(["build"], currentDirectory: root)
        #expect(last.status == 0)
        #expect(Self.temporaryFiles(root).isEmpty, "left behind: \(Self.temporaryFiles(root))")
        #expect(killedWhileRunning > runs / 4, "most kills came too late to test anything")
        print(
            "crash safety: \(runs) runs, \(killedWhileRunning) killed while running, \(finishedFirst) finished first, "
                + "\(leftTemporary) left a temporary file (removed by the next build), build ≈ \(Int(window / 1.1 * 1000)) ms")
    }
}
