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

        /// `project/RELATIVE` → `TARGET` (absolute, or relative to the link's folder).
        func link(_ relative: String, to target: String) throws {
            let path = root + "/" + relative
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
        }

        func read(_ relative: String) -> String? { folder.read("project/" + relative) }

        func nitro(_ arguments: [String] = ["build"]) throws -> ProcessOutput {
            try NitroBinary.run(arguments, currentDirectory: root, timeout: 60)
        }
    }

    /// Runs `nitro` and checks that nothing under `outside` changed.
    func run(_ layout: Layout, _ arguments: [String] = ["build"]) throws -> ProcessOutput {
        let before = TreeSnapshot(layout.outside)
        let output = try layout.nitro(arguments)
        let after = TreeSnapshot(layout.outside)
        #expect(before == after, "outside changed: \(before.differences(from: after))\n\(output.stderr)")
        #expect(!output.stderr.contains("Fatal error"))
        return output
    }

    // MARK: Symbolic links leading out of the root

    @Test("a tasks/ entry linking outside is skipped with a warning; a link inside keeps working")
    func taskEntryOutside() throws {
        let layout = try Layout()
        try layout.writeOutside("evil.swift", "import NitroTasks\n\nlet evil = defineTask { _ in }\n")
        try layout.writeOutside("more/deep.swift", "import NitroTasks\n\nlet deep = defineTask { _ in }\n")
        try layout.write("shared/inner.swift", "import NitroTasks\n\nlet inner = defineTask { _ in }\n")
        try layout.link("Sources/App/tasks/evil.swift", to: layout.outside + "/evil.swift")
        try layout.link("Sources/App/tasks/more", to: "../../../../outside/more")
        try layout.link("Sources/App/tasks/inner.swift", to: "../../../shared/inner.swift")
        let output = try run(layout)
        #expect(output.status == 0, "\(output.stderr)")
        let real = layout.outside
        #expect(
            output.stderr == """
                Sources/App/tasks/evil.swift:1:1: warning: skipped: symlink to \(real)/evil.swift, which is outside the project root
                Sources/App/tasks/more:1:1: warning: skipped: symlink to \(real)/more, which is outside the project root

                """)
        let registry = layout.read("Sources/App/NitroTasks.generated.swift") ?? ""
        #expect(registry.contains(#".init("inner", definition: { inner })"#))
        #expect(!registry.contains("evil") && !registry.contains("deep"))
    }

    @Test("`srcDir` leading outside: an error at the key; no registry is written outside")
    func srcDirOutside() throws {
        let layout = try Layout(
            config: "{\n  \"experimental\": {\"tasks\": true},\n  \"srcDir\": \"Sources/App\"\n}\n", taskFolder: nil)
        try layout.writeOutside("App/tasks/a.swift", Self.task)
        try layout.link("Sources/App", to: layout.outside + "/App")
        let output = try run(layout)
        #expect(output.status == 1)
        #expect(
            output.stderr.contains(
                "nitro.config.json:3:13: error: `srcDir`: Sources/App/tasks leads to \(layout.outside)/App/tasks through a symbolic link, which is outside the project root"
            ), "\(output.stderr)")
        #expect(
            output.stderr.contains(
                "nitro.config.json:3:13: error: `srcDir`: Sources/App/NitroTasks.generated.swift would be written to \(layout.outside)/App/NitroTasks.generated.swift"
            ))
        #expect(output.stderr.hasSuffix("; nothing written\n"))
    }

    @Test("`scanDirs` entry whose tasks/ folder leads outside: an error at the entry")
    func scanDirsOutside() throws {
        let layout = try Layout(
            config: "{\n  \"experimental\": {\"tasks\": true},\n  \"scanDirs\": [\"Sources/App\"]\n}\n", taskFolder: nil)
        try layout.writeOutside("tasks/a.swift", Self.task)
        try layout.write("Sources/App/main.swift", "")
        try layout.link("Sources/App/tasks", to: layout.outside + "/tasks")
        let output = try run(layout)
        #expect(output.status == 1)
        #expect(
            output.stderr.contains(
                "nitro.config.json:3:16: error: `scanDirs`: Sources/App/tasks leads to \(layout.outside)/tasks through a symbolic link, which is outside the project root"
            ), "\(output.stderr)")
        #expect(layout.read("Sources/App/NitroTasks.generated.swift") == nil)
    }

    @Test("the tasks/ folder found without a config key, linking outside: an error at the folder")
    func discoveredFolderOutside() throws {
        let layout = try Layout(taskFolder: nil)
        try layout.writeOutside("tasks/a.swift", Self.task)
        try layout.write("Sources/App/main.swift", "")
        try layout.link("Sources/App/tasks", to: layout.outside + "/tasks")
        let output = try run(layout)
        #expect(output.status == 1)
        #expect(
            output.stderr.hasPrefix(
                "Sources/App/tasks:1:1: error: this folder leads to \(layout.outside)/tasks through a symbolic link, which is outside the project root"
            ), "\(output.stderr)")
        #expect(layout.read("Sources/App/NitroTasks.generated.swift") == nil)
    }

    @Test("`output.registry` whose folder links outside: an error at the key; nothing created there")
    func registryFolderOutside() throws {
        let layout = try Layout(
            config:
                "{\n  \"experimental\": {\"tasks\": true},\n  \"output\": {\"registry\": \"Sources/App/Gen/NitroTasks.generated.swift\"}\n}\n"
        )
        try layout.link("Sources/App/Gen", to: layout.outside)
        let output = try run(layout)
        #expect(output.status == 1)
        #expect(
            output.stderr.contains(
                "nitro.config.json:3:26: error: `output.registry`: Sources/App/Gen/NitroTasks.generated.swift would be written to \(layout.outside)/NitroTasks.generated.swift through a symbolic link, which is outside the project root"
            ), "\(output.stderr)")
        // --check and --dry-run do not read it either.
        try layout.writeOutside("NitroTasks.generated.swift", "SECRET\n")
        for mode in ["--check", "--dry-run"] {
            let checked = try run(layout, ["build", mode])
            #expect(checked.status == 1)
            #expect(!checked.stderr.contains("SECRET") && !checked.stdout.contains("SECRET"))
        }
        let json = try run(layout, ["build", "--dry-run", "--json"])
        #expect(json.status == 1)
        #expect(!json.stdout.contains("SECRET"))
    }

    @Test("a dangling link to a place outside is followed as a write would: an error, nothing created")
    func danglingLinkOutside() throws {
        let layout = try Layout(
            config:
                "{\n  \"experimental\": {\"tasks\": true},\n  \"output\": {\"registry\": \"Sources/App/Gen/NitroTasks.generated.swift\"}\n}\n"
        )
        try layout.link("Sources/App/Gen", to: layout.outside + "/not-yet")
        let output = try run(layout)
        #expect(output.status == 1)
        #expect(
            output.stderr.contains(
                "nitro.config.json:3:26: error: `output.registry`: Sources/App/Gen/NitroTasks.generated.swift would be written to \(layout.outside)/not-yet/NitroTasks.generated.swift through a symbolic link"
            ), "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: layout.outside + "/not-yet"))
    }

    @Test("a generated file that is itself a link outside is neither read nor replaced")
    func registryFileLinkOutside() throws {
        let layout = try Layout()
        try layout.writeOutside("registry.swift", "SECRET\n")
        try layout.link("Sources/App/NitroTasks.generated.swift", to: layout.outside + "/registry.swift")
        let output = try run(layout, ["build", "--check"])
        #expect(output.status == 1)
        #expect(
            output.stderr.contains(
                "Sources/App/NitroTasks.generated.swift:1:1: error: this file would be written to \(layout.outside)/registry.swift through a symbolic link, which is outside the project root"
            ), "\(output.stderr)")
        #expect(!output.stderr.contains("SECRET"))
    }

    @Test("a config handler file reached through a link outside: an error at the handler")
    func handlerOutside() throws {
        let layout = try Layout(
            config:
                "{\n  \"experimental\": {\"tasks\": true},\n  \"tasks\": {\"x\": {\"handler\": \"Sources/App/jobs/x.swift\"}}\n}\n"
        )
        try layout.writeOutside("jobs/x.swift", "import NitroTasks\n\nlet x = defineTask { _ in }\n")
        try layout.link("Sources/App/jobs", to: layout.outside + "/jobs")
        let output = try run(layout)
        #expect(output.status == 1)
        #expect(
            output.stderr.hasPrefix(
                "nitro.config.json:3:30: error: `tasks.x.handler`: Sources/App/jobs/x.swift leads to \(layout.outside)/jobs/x.swift through a symbolic link, which is outside the project root"
            ), "\(output.stderr)")
        // Not read, but not reported as missing either: one error.
        #expect(output.stderr.hasSuffix("\nnitro build: 1 error; nothing written\n"), "\(output.stderr)")
    }

    @Test("preset vercel with .vercel linking outside: an error; nothing written there")
    func vercelOutside() throws {
        let layout = try Layout(config: #"{"experimental": {"tasks": true}, "preset": "vercel"}"# + "\n")
        try FileManager.default.createDirectory(atPath: layout.outside + "/vercel", withIntermediateDirectories: true)
        try layout.link(".vercel", to: layout.outside + "/vercel")
        let output = try run(layout)
        #expect(output.status == 1)
        #expect(
            output.stderr.contains(
                ".vercel/output/config.json:1:1: error: this file would be written to \(layout.outside)/vercel/output/config.json through a symbolic link, which is outside the project root"
            ), "\(output.stderr)")
        #expect(layout.read("Sources/App/NitroTasks.generated.swift") == nil)
    }

    @Test("preset cloudflare: `output.dir` and the user's wrangler file leading outside are errors")
    func cloudflareOutside() throws {
        let layout = try Layout(
            config: "{\n  \"experimental\": {\"tasks\": true},\n  \"preset\": \"cloudflare_module\",\n  \"output\": {\"dir\": \"dist\"}\n}\n")
        try layout.writeOutside("wrangler.json", #"{"name": "secret-worker"}"#)
        try FileManager.default.createDirectory(atPath: layout.outside + "/dist", withIntermediateDirectories: true)
        try layout.link("dist", to: layout.outside + "/dist")
        try layout.link("wrangler.json", to: layout.outside + "/wrangler.json")
        let output = try run(layout)
        #expect(output.status == 1)
        #expect(
            output.stderr.contains(
                "nitro.config.json:4:21: error: `output.dir`: dist/server/wrangler.json would be written to \(layout.outside)/dist/server/wrangler.json through a symbolic link, which is outside the project root"
            ), "\(output.stderr)")
        #expect(
            output.stderr.contains(
                "wrangler.json:1:1: error: this file leads to \(layout.outside)/wrangler.json through a symbolic link, which is outside the project root"
            ), "\(output.stderr)")
        #expect(layout.read(".wrangler/deploy/config.json") == nil)
    }

    @Test("a config file linking outside is not read")
    func configOutside() throws {
        let layout = try Layout()
        try FileManager.default.removeItem(atPath: layout.root + "/nitro.config.json")
        try layout.writeOutside("nitro.config.json", #"{"experimental": {"tasks": true}}"#)
        try layout.link("nitro.config.json", to: layout.outside + "/nitro.config.json")
        let output = try run(layout)
        #expect(output.status == 1)
        #expect(
            output.stderr.contains(
                "nitro.config.json:1:1: error: this file leads to \(layout.outside)/nitro.config.json through a symbolic link, which is outside the project root"
            ), "\(output.stderr)")
    }

    @Test("links that stay inside the root keep working (srcDir, .vercel, the registry's folder)")
    func linksInsideWork() throws {
        let layout = try Layout(
            config: #"{"experimental": {"tasks": true}, "preset": "vercel", "srcDir": "Sources/App"}"# + "\n",
            taskFolder: "real/App/tasks")
        try FileManager.default.createDirectory(atPath: layout.root + "/real/vercel", withIntermediateDirectories: true)
        try layout.link("Sources/App", to: "../real/App")
        try layout.link(".vercel", to: "real/vercel")
        let output = try run(layout)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr == "")
        #expect(layout.read("real/App/NitroTasks.generated.swift") != nil)
        #expect(layout.read("real/vercel/output/config.json") != nil)
        // A root reached through a link is the same root.
        let linked = layout.folder.path + "/linked-root"
        try FileManager.default.createSymbolicLink(atPath: linked, withDestinationPath: layout.root)
        let again = try NitroBinary.run(["build", "--root", linked])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("unchanged Sources/App/NitroTasks.generated.swift"))
    }

    // MARK: Path limit, names that are not UTF-8, names that would forge lines

    @Test("a task file deeper than PATH_MAX is an error naming the folder, shortened, and the limit")
    func beyondPathLimit() throws {
        let layout = try Layout()
        let depth = try UnusualPaths.deepTree(in: layout.root + "/Sources/App/tasks", bytes: Int(PATH_MAX) + 200)
        defer { UnusualPaths.removeDeepTree(layout.root + "/Sources/App/tasks/" + String(repeating: "d", count: 100)) }
        let output = try run(layout)
        #expect(output.status == 1, "\(output.stderr)")
        #expect(output.stderr.contains("Sources/App/tasks/dddd"), "\(output.stderr)")
        #expect(output.stderr.contains("…"))
        #expect(output.stderr.contains("PATH_MAX, \(PATH_MAX) bytes"))
        #expect(output.stderr.split(separator: "\n").allSatisfy { $0.utf8.count < 1000 }, "not shortened")
        #expect(depth > 30)
    }

    @Test("a file name that is not UTF-8 is named with its bad byte escaped")
    func nonUTF8Name() throws {
        let layout = try Layout()
        let name: [UInt8] = [0x66, 0xFF, 0x2E, 0x73, 0x77, 0x69, 0x66, 0x74]  // f\xFF.swift
        let folder = layout.root + "/Sources/App/tasks"
        #expect(UnusualPaths.createFile(named: name, in: folder, text: Self.task))
        defer { UnusualPaths.removeFile(named: name, in: folder) }
        let output = try run(layout)
        #expect(output.status == 1, "\(output.stderr)")
        #expect(
            output.stderr.hasPrefix(
                #"Sources/App/tasks/f\xFF.swift:1:1: error: this file name is not UTF-8 (the bad bytes are shown as \xHH); task names must be UTF-8: rename it"#
            ), "\(output.stderr)")
        #expect(!output.stderr.contains("disappeared"))
    }

    @Test("a folder name that is not UTF-8 is an error too; its tasks are not read")
    func nonUTF8Folder() throws {
        let layout = try Layout()
        let name: [UInt8] = [0x62, 0xC3, 0x28]  // b, a lead byte without its continuation, (
        let folder = layout.root + "/Sources/App/tasks"
        #expect(UnusualPaths.createFolder(named: name, in: folder))
        defer { UnusualPaths.removeDeepTree(folder) }
        let output = try run(layout)
        #expect(output.status == 1, "\(output.stderr)")
        #expect(
            output.stderr.hasPrefix(
                #"Sources/App/tasks/b\xC3(:1:1: error: this folder name is not UTF-8 (the bad bytes are shown as \xHH); task names, which include folder names, must be UTF-8: rename it"#
            ), "\(output.stderr)")
    }

    @Test("control characters and bidirectional overrides in file names are escaped: one diagnostic, one line")
    func forgedLines() throws {
        let layout = try Layout()
        try layout.write("Sources/App/tasks/evil\n/x.swift:1:1: error: fake.swift", "// no task\n")
        try layout.write("Sources/App/tasks/a\u{202E}tfiws.b.swift", "// no task\n")
        try layout.write("Sources/App/tasks/esc\u{1B}[2K\u{85}\u{2028}.swift", "// no task\n")
        let output = try run(layout)
        #expect(output.status == 1)
        let lines = output.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        for line in lines {
            #expect(line.hasPrefix("Sources/App/tasks/") || line.hasPrefix("nitro build:"), "forged: \(line)")
        }
        #expect(output.stderr.contains(#"Sources/App/tasks/evil\x0A/x.swift:1:1: error: fake.swift:1:1: error:"#))
        #expect(output.stderr.contains(#"Sources/App/tasks/a\u{202E}tfiws.b.swift:1:1: error:"#))
        #expect(output.stderr.contains(#"Sources/App/tasks/esc\x1B[2K\u{0085}\u{2028}.swift:1:1: error:"#))
        #expect(!output.stderr.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" || $0 == "\u{85}" })
    }
}
