import Foundation
import NitroTestSupport
import Testing

/// `nitro build` as a process: exit codes, stderr, help, writes (atomic, skipped when unchanged),
/// symbolic links, and the committed `Fixtures/basic` registry being current.
@Suite("nitro build (process)")
struct BuildProcessTests {
    static let task = "import NitroTasks\n\nlet a = defineTask { _ in TaskResult() }\n"
    static let config = "export default { experimental: { tasks: true } }\n"

    func project() throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory()
        try folder.write("nitro.config.ts", Self.config)
        try folder.write("Sources/App/tasks/a.swift", Self.task)
        return folder
    }

    @Test("the committed Fixtures/basic registry is current (`nitro build --check` passes on a clean clone)")
    func basicRegistryIsCurrent() async throws {
        let output = try await NitroBinary.run(["build", "--check", "--root", RepositoryPaths.fixture("basic")])
        #expect(
            output.status == 0,
            "Fixtures/basic/Sources/App/NitroTasks.generated.swift is stale; run `swift run nitro build --root Fixtures/basic`\n\(output.stderr)"
        )
        #expect(output.stderr == "")
        #expect(
            output.stdout
                == "up to date Sources/App/NitroTasks.generated.swift\nnitro build: 6 tasks, 2 schedules, preset node_server\n"
        )
    }

    @Test("help: nitro --help, nitro build --help, nitro help build, nitro --version")
    func help() async throws {
        let main = try await NitroBinary.run(["--help"])
        #expect(main.status == 0)
        #expect(main.stdout.contains("build"))
        for arguments in [["build", "--help"], ["help", "build"], ["build", "-h"]] {
            let output = try await NitroBinary.run(arguments)
            #expect(output.status == 0)
            #expect(
                output.stdout.contains(
                    "USAGE: nitro build [--root DIR] [--preset NAME] [--check | --dry-run] [--strict]"))
            #expect(output.stdout.contains("EXAMPLES:"))
        }
        let version = try await NitroBinary.run(["--version"])
        #expect(version.status == 0)
        #expect(!version.stdout.isEmpty)
    }

    @Test(
        "bad usage exits 64 with Error:, the usage line and a pointer to --help",
        arguments: [
            (["--chek"], "Error: Unknown option '--chek'; did you mean '--check'?\n"),
            (["--dryrun"], "Error: Unknown option '--dryrun'; did you mean '--dry-run'?\n"),
            (["--registry-outptu=x"], "Error: Unknown option '--registry-outptu=x'; did you mean '--registry-output'?\n"),
            (["--frobnicate"], "Error: Unknown option '--frobnicate'\n"),
            (["--check", "--dry-run"], "Error: '--check' and '--dry-run' cannot be used together"),
            (
                ["--root", "/nonexistent/nitro"],
                "Error: The folder '/nonexistent/nitro' given to '--root' does not exist"
            ),
            (["--preset", "netlify"], "Error: The value 'netlify' for '--preset' is not a known preset"),
            (["extra"], "Error: Unexpected argument 'extra'"),
        ])
    func usage(arguments: [String], message: String) async throws {
        let output = try await NitroBinary.run(["build"] + arguments)
        #expect(output.status == 64)
        #expect(output.stderr.hasPrefix(message), "\(output.stderr)")
        #expect(output.stderr.contains("Usage: nitro build [--root DIR]"))
        #expect(output.stderr.contains("See 'nitro help build' for more information."))
        #expect(output.stdout == "")
    }

    @Test("a second build leaves the file alone (bytes and modification time); no temporary files remain")
    func unchangedSkipsWrite() async throws {
        let folder = try project()
        let first = try await NitroBinary.run(["build", "--root", folder.path])
        #expect(first.status == 0)
        #expect(first.stdout.hasPrefix("wrote Sources/App/NitroTasks.generated.swift\n"))
        let registry = folder.appending("Sources/App/NitroTasks.generated.swift")
        let old = Date(timeIntervalSince1970: 946_684_800)  // 2000-01-01, far from "now"
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: registry)
        let second = try await NitroBinary.run(["build", "--root", folder.path])
        #expect(second.status == 0)
        #expect(second.stdout.hasPrefix("unchanged Sources/App/NitroTasks.generated.swift\n"))
        let attributes = try FileManager.default.attributesOfItem(atPath: registry)
        #expect((attributes[.modificationDate] as? Date) == old)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.appending("Sources/App")).filter {
            $0.hasPrefix(".")
        }
        #expect(leftovers.isEmpty)
    }

    @Test("errors change nothing on disk and exit 1")
    func errorsWriteNothing() async throws {
        let folder = try project()
        await #expect(try NitroBinary.run(["build", "--root", folder.path]).status == 0)
        let before = folder.read("Sources/App/NitroTasks.generated.swift")
        try folder.write("Sources/App/tasks/b.swift", "let b = defineTask { _ in }\n")
        try folder.write("Sources/App/tasks/broken.swift", "// no task\n")
        let output = try await NitroBinary.run(["build", "--root", folder.path])
        #expect(output.status == 1)
        #expect(output.stderr.hasPrefix("Sources/App/tasks/broken.swift:1:1: error: no task declared in this file"))
        #expect(output.stderr.hasSuffix("nitro build: 1 error; nothing written\n"))
        #expect(folder.read("Sources/App/NitroTasks.generated.swift") == before)
    }

    @Test("--check after a change: exit 1, the error line and a unified diff; nothing written")
    func checkShowsDiff() async throws {
        let folder = try project()
        await #expect(try NitroBinary.run(["build", "--root", folder.path]).status == 0)
        try folder.write("Sources/App/tasks/b.swift", "let b = defineTask { _ in }\n")
        let before = folder.read("Sources/App/NitroTasks.generated.swift")
        let output = try await NitroBinary.run(["build", "--check", "--root", folder.path])
        #expect(output.status == 1)
        #expect(
            output.stderr.hasPrefix(
                "Sources/App/NitroTasks.generated.swift:1:1: error: this generated file is out of date; run 'nitro build'\n"
                    + "--- a/Sources/App/NitroTasks.generated.swift\n+++ b/Sources/App/NitroTasks.generated.swift\n@@ -8,6 +8,7 @@\n"
            ))
        #expect(output.stderr.contains("\n+            .init(\"b\", definition: { b }),\n"))
        #expect(folder.read("Sources/App/NitroTasks.generated.swift") == before)
    }

    @Test("symbolic links are followed once: cycles and second links are skipped with a warning")
    func symbolicLinks() async throws {
        let folder = try project()
        let tasks = folder.appending("Sources/App/tasks")
        try folder.write("shared/db/migrate.swift", "let migrate = defineTask { _ in }\n")
        try FileManager.default.createSymbolicLink(atPath: tasks + "/loop", withDestinationPath: tasks)
        try FileManager.default.createSymbolicLink(
            atPath: tasks + "/shared", withDestinationPath: folder.appending("shared"))
        try FileManager.default.createSymbolicLink(
            atPath: tasks + "/again", withDestinationPath: folder.appending("shared"))
        try FileManager.default.createSymbolicLink(
            atPath: tasks + "/dangling.swift", withDestinationPath: folder.appending("missing"))
        let output = try await NitroBinary.run(["build", "--root", folder.path], timeout: 60)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(
            output.stderr == """
                Sources/App/tasks/dangling.swift:1:1: warning: broken symbolic link; skipped
                Sources/App/tasks/loop:1:1: warning: a symbolic link to a folder already scanned (a cycle or a second link); skipped so no task is found twice
                Sources/App/tasks/shared:1:1: warning: a symbolic link to a folder already scanned (a cycle or a second link); skipped so no task is found twice

                """)
        let registry = folder.read("Sources/App/NitroTasks.generated.swift") ?? ""
        // Links are walked in name order: `again` is the first way in, `shared` the second.
        #expect(registry.contains(#".init("again:db:migrate", definition: { migrate }),"#))
        #expect(registry.contains("shared:db:migrate") == false)
    }

    @Test("NITRO_PRESET is read; an unknown one is an error; --preset wins over it")
    func presetEnvironment() async throws {
        let folder = try project()
        let bad = try await NitroBinary.run(["build", "--root", folder.path], environment: ["NITRO_PRESET": "netlfy"])
        #expect(bad.status == 1)
        #expect(
            bad.stderr.hasPrefix("error: NITRO_PRESET: unknown preset `netlfy`; the known presets are, closest first:"))
        let good = try await NitroBinary.run(
            ["build", "--root", folder.path], environment: ["NITRO_PRESET": "cloudflare-module"])
        // (1 warning: the generated wrangler.json lacks what wrangler deploy requires.)
        #expect(good.stdout.hasSuffix("preset cloudflare_module, 1 warning\n"))
        let flag = try await NitroBinary.run(
            ["build", "--preset", "bun", "--root", folder.path], environment: ["NITRO_PRESET": "vercel"])
        #expect(flag.stdout.hasSuffix("preset bun\n"))
    }

    @Test("--root defaults to the current folder; diagnostics stay relative to the root")
    func currentFolder() async throws {
        let folder = try project()
        try folder.write("Sources/App/tasks/x.swift", "// nothing\n")
        let output = try await NitroBinary.run(["build"], currentDirectory: folder.appending("Sources"))
        #expect(output.status == 1)  // Sources/ is not the root: no config, no tasks/ folder found
        let atRoot = try await NitroBinary.run(["build"], currentDirectory: folder.path)
        #expect(atRoot.stderr.hasPrefix("Sources/App/tasks/x.swift:1:1: error:"))
    }

    @Test("colour only when asked; never with NO_COLOR")
    func colour() async throws {
        let folder = try project()
        try folder.write("Sources/App/tasks/x.swift", "// nothing\n")
        let plain = try await NitroBinary.run(["build", "--root", folder.path])
        #expect(!plain.stderr.contains("\u{1B}["))
        let coloured = try await NitroBinary.run(["--color", "always", "build", "--root", folder.path])
        #expect(coloured.stderr.contains("\u{1B}[1;31merror:\u{1B}[0m"))
    }
}
