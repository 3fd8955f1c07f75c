import Foundation
import NitroTestSupport
import Testing

/// `nitro build --registry-output FILE`, the mode the build-tool plugin runs: only the registry,
/// at FILE, quiet on success, unchanged bytes not rewritten, a committed registry is an error.
@Suite("nitro build --registry-output")
struct PluginRegistryOutputTests {
    static let task = "import NitroTasks\n\nlet a = defineTask(meta: TaskMeta(description: \"First\")) { _ in TaskResult() }\n"

    func project() throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory()
        try folder.write("nitro.config.json", #"{"experimental": {"tasks": true}, "scheduledTasks": {"@daily": "a"}}"#)
        try folder.write("Sources/App/tasks/a.swift", Self.task)
        return folder
    }

    @Test("writes the registry to FILE only, the same bytes `nitro build` writes, and nothing in the project")
    func writesOnlyTheRegistry() async throws {
        let folder = try project()
        let work = try TemporaryDirectory()
        let output = work.appending("plugin/GeneratedTaskRegistry.swift")
        let before = FileTree.snapshot(folder.path)
        let run = try await NitroBinary.run(["build", "--root", folder.path, "--registry-output", output])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "")
        #expect(run.stderr == "")
        #expect(FileTree.snapshot(folder.path) == before)

        let written = try #require(FileManager.default.contents(atPath: output))
        await #expect(try NitroBinary.run(["build", "--root", folder.path]).status == 0)
        #expect(folder.read("Sources/App/NitroTasks.generated.swift").map { Data($0.utf8) } == written)
    }

    @Test("a relative FILE is relative to the current folder; unchanged bytes keep the file's modification time")
    func relativeAndUnchanged() async throws {
        let folder = try project()
        let work = try TemporaryDirectory()
        let arguments = ["build", "--root", folder.path, "--registry-output", "out/Registry.swift"]
        await #expect(try NitroBinary.run(arguments, currentDirectory: work.path).status == 0)
        let path = work.appending("out/Registry.swift")
        let past = Date(timeIntervalSince1970: 1_000_000_000)
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: path)
        await #expect(try NitroBinary.run(arguments, currentDirectory: work.path).status == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == past)

        try folder.write("Sources/App/tasks/b.swift", "import NitroTasks\n\nlet b = defineTask { _ in TaskResult() }\n")
        await #expect(try NitroBinary.run(arguments, currentDirectory: work.path).status == 0)
        #expect(work.read("out/Registry.swift")?.contains(#".init("b", definition: { b }),"#) == true)
    }

    @Test("a committed registry in the project is an error at its path; nothing is written")
    func committedRegistryConflicts() async throws {
        let folder = try project()
        await #expect(try NitroBinary.run(["build", "--root", folder.path]).status == 0)
        let work = try TemporaryDirectory()
        let output = work.appending("GeneratedTaskRegistry.swift")
        let run = try await NitroBinary.run(["build", "--root", folder.path, "--registry-output", output])
        #expect(run.status == 1)
        #expect(
            run.stderr.hasPrefix(
                "Sources/App/NitroTasks.generated.swift:1:1: error: this committed registry would be compiled next to the one generated at build time"
            ))
        #expect(run.stderr.hasSuffix("nitro build: 1 error; nothing written\n"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("project errors are printed once, relative to the root, and nothing is written")
    func projectErrors() async throws {
        let folder = try project()
        try folder.write("Sources/App/tasks/legacy/a.swift", Self.task)
        let work = try TemporaryDirectory()
        let output = work.appending("GeneratedTaskRegistry.swift")
        let run = try await NitroBinary.run(["build", "--root", folder.path, "--registry-output", output])
        #expect(run.status == 1)
        // Two errors (file name and symbol clash), each printed once.
        #expect(run.stderr.components(separatedBy: ": error: ").count - 1 == 2, "\(run.stderr)")
        #expect(run.stderr.contains("Sources/App/tasks/a.swift:1:1: error: the file name `a.swift` is also used by"))
        #expect(run.stderr.contains("Sources/App/tasks/legacy/a.swift:3:5: error: the task symbol `a` is declared 2 times"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("several targets with tasks: --registry-target picks one registry; without it, or naming a target without tasks, an error")
    func registryTarget() async throws {
        let folder = try project()
        try folder.write("Sources/Worker/tasks/w.swift", "import NitroTasks\n\nlet w = defineTask { _ in TaskResult() }\n")
        let work = try TemporaryDirectory()
        let output = work.appending("GeneratedTaskRegistry.swift")
        let arguments = ["build", "--root", folder.path, "--registry-output", output]
        let worker = try await NitroBinary.run(arguments + ["--registry-target", "Worker"])
        #expect(worker.status == 0, "\(worker.stderr)")
        let written = try #require(work.read("GeneratedTaskRegistry.swift"))
        #expect(written.contains(#".init("w", definition: { w }),"#) && !written.contains(#""a""#))
        let missing = try await NitroBinary.run(arguments)
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: several targets have tasks (App, Worker): --registry-output needs --registry-target NAME\n")
        let other = try await NitroBinary.run(arguments + ["--registry-target", "Web"])
        #expect(other.status == 1)
        #expect(
            other.stderr
                == "error: the target Web has no tasks/ folder; the targets with tasks are App, Worker: apply NitroBuildPlugin to those\n")
        #expect(work.read("GeneratedTaskRegistry.swift") == written)
    }

    @Test(
        "usage errors",
        arguments: [
            (["--registry-output", "x.swift", "--check"], "'--registry-output' cannot be used with '--check' or '--dry-run'"),
            (["--registry-output", "x.swift", "--dry-run"], "'--registry-output' cannot be used with '--check' or '--dry-run'"),
            (["--registry-output="], "Missing value for '--registry-output'"),
            (["--json"], "'--json' needs '--dry-run'"),
            (["--registry-target", "App"], "'--registry-target' needs '--registry-output'"),
        ])
    func usage(arguments: [String], message: String) async throws {
        let folder = try project()
        let run = try await NitroBinary.run(["build", "--root", folder.path] + arguments)
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix("Error: \(message)\n"), "\(run.stderr)")
    }
}
