import NitroTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Issue 13, the file system: `nitro build` reads and writes only inside the project root (a
/// symbolic link leading out is an error at the config key that named the path, or a warning for a
/// skipped `tasks/` entry), reports task files beyond the system's path limit and file names that
/// are not UTF-8, and prints file names so that they cannot forge diagnostic lines.
///
/// Each test runs the real `nitro` on a project in `TMP/project` next to `TMP/outside`, and checks
/// that `outside` is byte-for-byte, mtime-for-mtime unchanged.
@Suite("Path safety (process)")
struct PathSafetyTests {
    static let task = "import NitroTasks\n\nlet a = defineTask { _ in TaskResult() }\n"

    /// A task file declaring `name`.
    static func task(_ name: String) -> String { "import NitroTasks\n\nlet \(name) = defineTask { _ in }\n" }

    /// A config with tasks enabled and `members` on lines of their own, after it (the errors'
    /// line:column positions depend on that layout).
    static func config(_ members: String...) -> String {
        "{\n  \"experimental\": {\"tasks\": true},\n" + members.map { "  " + $0 }.joined(separator: ",\n") + "\n}\n"
    }

    /// A config whose `output.registry` is `Sources/App/Gen/NitroTasks.generated.swift` (key at 3:26).
    static let registryInGen = config(#""output": {"registry": "Sources/App/Gen/NitroTasks.generated.swift"}"#)

    /// `TMP/project` (a config and `Sources/App/tasks/a.swift`) and `TMP/outside`.
    struct Layout {
        let folder: TemporaryDirectory
        var root: String { folder.path + "/project" }
        var outside: String { folder.path + "/outside" }

        init(config: String = #"{"experimental": {"tasks": true}}"# + "\n", taskFolder: String? = "Sources/App/tasks")
            throws
        {
            folder = try TemporaryDirectory("nitro-paths")
            try FileManager.default.createDirectory(atPath: folder.path + "/outside", withIntermediateDirectories: true)
            try write("nitro.config.json", config)
            if let taskFolder { try write(taskFolder + "/a.swift", PathSafetyTests.task) }
        }

        func write(_ relative: String, _ text: String) throws {
            try folder.write("project/" + relative, text)
        }

        func writeOutside(_ relative: String, _ text: String) throws {
            try folder.write("outside/" + relative, text)
        }

        /// `outside/RELATIVE`, an empty folder.
        func makeOutsideFolder(_ relative: String) throws {
            try FileManager.default.createDirectory(atPath: outside + "/" + relative, withIntermediateDirectories: true)
        }

        /// `project/RELATIVE` → `TARGET` (absolute, or relative to the link's folder).
        func link(_ relative: String, to target: String) throws {
            let path = root + "/" + relative
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
        }

        /// `Sources/App` with a `main.swift` and a `tasks` link to `outside/tasks`, which holds `a.swift`.
        func linkTaskFolderOutside() throws {
            try writeOutside("tasks/a.swift", PathSafetyTests.task)
            try write("Sources/App/main.swift", "")
            try link("Sources/App/tasks", to: outside + "/tasks")
        }

        func read(_ relative: String) -> String? { folder.read("project/" + relative) }

        /// The registry at its default place, `nil` when none was written.
        var registry: String? { read("Sources/App/NitroTasks.generated.swift") }

        func nitro(_ arguments: [String] = ["build"]) async throws -> ProcessOutput {
            try await NitroBinary.run(arguments, currentDirectory: root, timeout: 60)
        }
    }

    /// Runs `nitro` and checks that nothing under `outside` changed.
    func run(
        _ layout: Layout, _ arguments: [String] = ["build"], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> ProcessOutput {
        let before = TreeSnapshot(layout.outside)
        let output = try await layout.nitro(arguments)
        let after = TreeSnapshot(layout.outside)
        #expect(
            before == after, "outside changed: \(before.differences(from: after))\n\(output.stderr)",
            sourceLocation: sourceLocation)
        #expect(!output.stderr.contains("Fatal error"), sourceLocation: sourceLocation)
        return output
    }

    /// ``run(_:_:sourceLocation:)`` expecting exit status 1, a standard error that starts with
    /// `prefix` (when given) and contains each of `errors`.
    @discardableResult
    func runFailing(
        _ layout: Layout, _ arguments: [String] = ["build"], startingWith prefix: String? = nil,
        containing errors: [String] = [], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> ProcessOutput {
        let output = try await run(layout, arguments, sourceLocation: sourceLocation)
        #expect(output.status == 1, "\(output.stderr)", sourceLocation: sourceLocation)
        if let prefix {
            #expect(output.stderr.hasPrefix(prefix), "\(output.stderr)", sourceLocation: sourceLocation)
        }
        for error in errors {
            #expect(output.stderr.contains(error), "\(output.stderr)", sourceLocation: sourceLocation)
        }
        return output
    }

    // MARK: Symbolic links leading out of the root

    @Test("a tasks/ entry linking outside is skipped with a warning; a link inside keeps working")
    func taskEntryOutside() async throws {
        let layout = try Layout()
        try layout.writeOutside("evil.swift", Self.task("evil"))
        try layout.writeOutside("more/deep.swift", Self.task("deep"))
        try layout.write("shared/inner.swift", Self.task("inner"))
        try layout.link("Sources/App/tasks/evil.swift", to: layout.outside + "/evil.swift")
        try layout.link("Sources/App/tasks/more", to: "../../../../outside/more")
        try layout.link("Sources/App/tasks/inner.swift", to: "../../../shared/inner.swift")
        let output = try await run(layout)
        #expect(output.status == 0, "\(output.stderr)")
        let real = layout.outside
        #expect(
            output.stderr == """
                Sources/App/tasks/evil.swift:1:1: warning: skipped: symlink to \(real)/evil.swift, which is outside the project root
                Sources/App/tasks/more:1:1: warning: skipped: symlink to \(real)/more, which is outside the project root

                """)
        let registry = layout.registry ?? ""
        #expect(registry.contains(#".init("inner", definition: { inner })"#))
        #expect(!registry.contains("evil") && !registry.contains("deep"))
    }

    @Test("`srcDir` leading outside: an error at the key; no registry is written outside")
    func srcDirOutside() async throws {
        let layout = try Layout(config: Self.config(#""srcDir": "Sources/App""#), taskFolder: nil)
        try layout.writeOutside("App/tasks/a.swift", Self.task)
        try layout.link("Sources/App", to: layout.outside + "/App")
        let output = try await runFailing(
            layout,
            containing: [
                "nitro.config.json:3:13: error: `srcDir`: Sources/App/tasks leads to \(layout.outside)/App/tasks through a symbolic link, which is outside the project root",
                "nitro.config.json:3:13: error: `srcDir`: Sources/App/NitroTasks.generated.swift would be written to \(layout.outside)/App/NitroTasks.generated.swift",
            ])
        #expect(output.stderr.hasSuffix("; nothing written\n"))
    }

    @Test("`scanDirs` entry whose tasks/ folder leads outside: an error at the entry")
    func scanDirsOutside() async throws {
        let layout = try Layout(config: Self.config(#""scanDirs": ["Sources/App"]"#), taskFolder: nil)
        try layout.linkTaskFolderOutside()
        try await runFailing(
            layout,
            containing: [
                "nitro.config.json:3:16: error: `scanDirs`: Sources/App/tasks leads to \(layout.outside)/tasks through a symbolic link, which is outside the project root"
            ])
        #expect(layout.registry == nil)
    }

    @Test("the tasks/ folder found without a config key, linking outside: an error at the folder")
    func discoveredFolderOutside() async throws {
        let layout = try Layout(taskFolder: nil)
        try layout.linkTaskFolderOutside()
        try await runFailing(
            layout,
            startingWith:
                "Sources/App/tasks:1:1: error: this folder leads to \(layout.outside)/tasks through a symbolic link, which is outside the project root"
        )
        #expect(layout.registry == nil)
    }

    @Test("`output.registry` whose folder links outside: an error at the key; nothing created there")
    func registryFolderOutside() async throws {
        let layout = try Layout(config: Self.registryInGen)
        try layout.link("Sources/App/Gen", to: layout.outside)
        try await runFailing(
            layout,
            containing: [
                "nitro.config.json:3:26: error: `output.registry`: Sources/App/Gen/NitroTasks.generated.swift would be written to \(layout.outside)/NitroTasks.generated.swift through a symbolic link, which is outside the project root"
            ])
        // --check and --dry-run do not read it either.
        try layout.writeOutside("NitroTasks.generated.swift", "SECRET\n")
        for mode in ["--check", "--dry-run"] {
            let checked = try await runFailing(layout, ["build", mode])
            #expect(!checked.stderr.contains("SECRET") && !checked.stdout.contains("SECRET"))
        }
        let json = try await runFailing(layout, ["build", "--dry-run", "--json"])
        #expect(!json.stdout.contains("SECRET"))
    }

    @Test("a dangling link to a place outside is followed as a write would: an error, nothing created")
    func danglingLinkOutside() async throws {
        let layout = try Layout(config: Self.registryInGen)
        try layout.link("Sources/App/Gen", to: layout.outside + "/not-yet")
        try await runFailing(
            layout,
            containing: [
                "nitro.config.json:3:26: error: `output.registry`: Sources/App/Gen/NitroTasks.generated.swift would be written to \(layout.outside)/not-yet/NitroTasks.generated.swift through a symbolic link"
            ])
        #expect(!FileManager.default.fileExists(atPath: layout.outside + "/not-yet"))
    }

    @Test("a generated file that is itself a link outside is neither read nor replaced")
    func registryFileLinkOutside() async throws {
        let layout = try Layout()
        try layout.writeOutside("registry.swift", "SECRET\n")
        try layout.link("Sources/App/NitroTasks.generated.swift", to: layout.outside + "/registry.swift")
        let output = try await runFailing(
            layout, ["build", "--check"],
            containing: [
                "Sources/App/NitroTasks.generated.swift:1:1: error: this file would be written to \(layout.outside)/registry.swift through a symbolic link, which is outside the project root"
            ])
        #expect(!output.stderr.contains("SECRET"))
    }

    @Test("a config handler file reached through a link outside: an error at the handler")
    func handlerOutside() async throws {
        let layout = try Layout(config: Self.config(#""tasks": {"x": {"handler": "Sources/App/jobs/x.swift"}}"#))
        try layout.writeOutside("jobs/x.swift", Self.task("x"))
        try layout.link("Sources/App/jobs", to: layout.outside + "/jobs")
        let output = try await runFailing(
            layout,
            startingWith:
                "nitro.config.json:3:30: error: `tasks.x.handler`: Sources/App/jobs/x.swift leads to \(layout.outside)/jobs/x.swift through a symbolic link, which is outside the project root"
        )
        // Not read, but not reported as missing either: one error.
        #expect(output.stderr.hasSuffix("\nnitro build: 1 error; nothing written\n"), "\(output.stderr)")
    }

    @Test("preset vercel with .vercel linking outside: an error; nothing written there")
    func vercelOutside() async throws {
        let layout = try Layout(config: #"{"experimental": {"tasks": true}, "preset": "vercel"}"# + "\n")
        try layout.makeOutsideFolder("vercel")
        try layout.link(".vercel", to: layout.outside + "/vercel")
        try await runFailing(
            layout,
            containing: [
                ".vercel/output/config.json:1:1: error: this file would be written to \(layout.outside)/vercel/output/config.json through a symbolic link, which is outside the project root"
            ])
        #expect(layout.registry == nil)
    }

    @Test("preset cloudflare: `output.dir` and the user's wrangler file leading outside are errors")
    func cloudflareOutside() async throws {
        let layout = try Layout(config: Self.config(#""preset": "cloudflare_module""#, #""output": {"dir": "dist"}"#))
        try layout.writeOutside("wrangler.json", #"{"name": "secret-worker"}"#)
        try layout.makeOutsideFolder("dist")
        try layout.link("dist", to: layout.outside + "/dist")
        try layout.link("wrangler.json", to: layout.outside + "/wrangler.json")
        try await runFailing(
            layout,
            containing: [
                "nitro.config.json:4:21: error: `output.dir`: dist/server/wrangler.json would be written to \(layout.outside)/dist/server/wrangler.json through a symbolic link, which is outside the project root",
                "wrangler.json:1:1: error: this file leads to \(layout.outside)/wrangler.json through a symbolic link, which is outside the project root",
            ])
        #expect(layout.read(".wrangler/deploy/config.json") == nil)
    }

    @Test("a config file linking outside is not read")
    func configOutside() async throws {
        let layout = try Layout()
        try FileManager.default.removeItem(atPath: layout.root + "/nitro.config.json")
        try layout.writeOutside("nitro.config.json", #"{"experimental": {"tasks": true}}"#)
        try layout.link("nitro.config.json", to: layout.outside + "/nitro.config.json")
        try await runFailing(
            layout,
            containing: [
                "nitro.config.json:1:1: error: this file leads to \(layout.outside)/nitro.config.json through a symbolic link, which is outside the project root"
            ])
    }

    @Test("links that stay inside the root keep working (srcDir, .vercel, the registry's folder)")
    func linksInsideWork() async throws {
        let layout = try Layout(
            config: #"{"experimental": {"tasks": true}, "preset": "vercel", "srcDir": "Sources/App"}"# + "\n",
            taskFolder: "real/App/tasks")
        try FileManager.default.createDirectory(atPath: layout.root + "/real/vercel", withIntermediateDirectories: true)
        try layout.link("Sources/App", to: "../real/App")
        try layout.link(".vercel", to: "real/vercel")
        let output = try await run(layout)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr == "")
        #expect(layout.read("real/App/NitroTasks.generated.swift") != nil)
        #expect(layout.read("real/vercel/output/config.json") != nil)
        // A root reached through a link is the same root.
        let linked = layout.folder.path + "/linked-root"
        try FileManager.default.createSymbolicLink(atPath: linked, withDestinationPath: layout.root)
        let again = try await NitroBinary.run(["build", "--root", linked])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("unchanged Sources/App/NitroTasks.generated.swift"))
    }

    // MARK: Path limit, names that are not UTF-8, names that would forge lines

    @Test("a task file deeper than PATH_MAX is an error naming the folder, shortened, and the limit")
    func beyondPathLimit() async throws {
        let layout = try Layout()
        let depth = try UnusualPaths.deepTree(in: layout.root + "/Sources/App/tasks", bytes: Int(PATH_MAX) + 200)
        defer { UnusualPaths.removeDeepTree(layout.root + "/Sources/App/tasks/" + String(repeating: "d", count: 100)) }
        let output = try await runFailing(
            layout, containing: ["Sources/App/tasks/dddd", "…", "PATH_MAX, \(PATH_MAX) bytes"])
        #expect(output.stderr.split(separator: "\n").allSatisfy { $0.utf8.count < 1000 }, "not shortened")
        #expect(depth > 30)
    }

    @Test("a file name that is not UTF-8 is named with its bad byte escaped")
    func nonUTF8Name() async throws {
        let layout = try Layout()
        let name: [UInt8] = [0x66, 0xFF, 0x2E, 0x73, 0x77, 0x69, 0x66, 0x74]  // f\xFF.swift
        let folder = layout.root + "/Sources/App/tasks"
        #expect(UnusualPaths.createFile(named: name, in: folder, text: Self.task))
        defer { UnusualPaths.removeFile(named: name, in: folder) }
        let output = try await runFailing(
            layout,
            startingWith:
                #"Sources/App/tasks/f\xFF.swift:1:1: error: this file name is not UTF-8 (the bad bytes are shown as \xHH); task names must be UTF-8: rename it"#
        )
        #expect(!output.stderr.contains("disappeared"))
    }

    @Test("a folder name that is not UTF-8 is an error too; its tasks are not read")
    func nonUTF8Folder() async throws {
        let layout = try Layout()
        let name: [UInt8] = [0x62, 0xC3, 0x28]  // b, a lead byte without its continuation, (
        let folder = layout.root + "/Sources/App/tasks"
        #expect(UnusualPaths.createFolder(named: name, in: folder))
        defer { UnusualPaths.removeDeepTree(folder) }
        try await runFailing(
            layout,
            startingWith:
                #"Sources/App/tasks/b\xC3(:1:1: error: this folder name is not UTF-8 (the bad bytes are shown as \xHH); task names, which include folder names, must be UTF-8: rename it"#
        )
    }

    @Test("control characters and bidirectional overrides in file names are escaped: one diagnostic, one line")
    func forgedLines() async throws {
        let layout = try Layout()
        for name in ["evil\n/x.swift:1:1: error: fake.swift", "a\u{202E}tfiws.b.swift", "esc\u{1B}[2K\u{85}\u{2028}.swift"] {
            try layout.write("Sources/App/tasks/" + name, "// no task\n")
        }
        let output = try await runFailing(
            layout,
            containing: [
                #"Sources/App/tasks/evil\x0A/x.swift:1:1: error: fake.swift:1:1: error:"#,
                #"Sources/App/tasks/a\u{202E}tfiws.b.swift:1:1: error:"#,
                #"Sources/App/tasks/esc\x1B[2K\u{0085}\u{2028}.swift:1:1: error:"#,
            ])
        let lines = output.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        for line in lines {
            #expect(line.hasPrefix("Sources/App/tasks/") || line.hasPrefix("nitro build:"), "forged: \(line)")
        }
        #expect(!output.stderr.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" || $0 == "\u{85}" })
    }
}
