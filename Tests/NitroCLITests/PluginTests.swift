import NitroSync
import NitroTestSupport
import Foundation
import Testing

/// The SwiftPM plugins, for real: fixture packages that apply them are copied, pointed at this
/// checkout and built or checked with the toolchain's `swift build` / `swift package`.
/// Each first build compiles the `nitro` tool inside the fixture (about a minute), so the two
/// tests run one after the other, and the long `swift` processes are awaited on a Dispatch
/// thread: blocking a cooperative thread for minutes would starve the other suites' async tests.
@Suite("SwiftPM plugins", .serialized)
struct PluginTests {
    static let registryLine = "Generating the task registry of App (nitro build)"

    /// `swift ARGUMENTS --package-path ROOT`-style invocation of the toolchain, output captured.
    static func swift(_ arguments: [String], in app: FixtureApp, timeout: Double = 900) async throws -> ProcessOutput {
        let root = app.root
        return try await offThread {
            try ProcessRunner.run(FixtureApp.swiftExecutable, arguments, currentDirectory: root, timeout: timeout)
        }
    }

    static func build(_ app: FixtureApp) async throws -> ProcessOutput {
        try await swift(["build", "--package-path", app.root], in: app)
    }

    static func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test("build-tool plugin: generated at build time, re-run on added, edited, removed task files only; diagnostics")
    func buildToolPlugin() async throws {
        let app = try FixtureApp(copying: RepositoryPaths.fixture("plugin-build"))
        #expect(app.folder.read("Sources/App/NitroTasks.generated.swift") == nil)

        let first = try await Self.build(app)
        #expect(first.status == 0, "\(first.stdout)\n\(first.stderr)")
        #expect(first.stdout.contains(Self.registryLine))
        await #expect(
            try app.run("App", []).stdout == """
                db:migrate | Run database migrations
                db:seed | Seed the database
                0 * * * * -> db:migrate

                """)
        // Nothing committed: the registry lives in the plugin's work folder only.
        #expect(app.folder.read("Sources/App/NitroTasks.generated.swift") == nil)

        // SwiftPM relinks a tool built from source once after a clean build (the plugin command
        // then runs again, writes nothing, and App is not recompiled); from then on a build where
        // nothing changed does not run it at all.
        let settle = try await Self.build(app)
        #expect(settle.status == 0)
        #expect(!settle.stdout.contains("Compiling App"), "\(settle.stdout)")
        let generated = try Self.generatedRegistry(app)
        let stamp = try FileManager.default.attributesOfItem(atPath: generated)[.modificationDate] as? Date
        let unchanged = try await Self.build(app)
        #expect(unchanged.status == 0)
        #expect(!unchanged.stdout.contains(Self.registryLine), "\(unchanged.stdout)")
        #expect(!unchanged.stdout.contains("Compiling App"))
        #expect(try FileManager.default.attributesOfItem(atPath: generated)[.modificationDate] as? Date == stamp)

        // Adding a task file re-runs the command: the new task is in the app.
        let cleanup = "Sources/App/tasks/db/cleanup.swift"
        try app.folder.write(
            cleanup,
            """
            import NitroTasks

            let cleanup = defineTask(meta: TaskMeta(description: "Delete old rows")) { _ in
                TaskResult(result: "cleaned")
            }

            """)
        let added = try await Self.build(app)
        #expect(added.status == 0, "\(added.stdout)")
        #expect(added.stdout.contains(Self.registryLine))
        await #expect(try app.run("App", []).stdout.hasPrefix("db:cleanup | Delete old rows\ndb:migrate"))
        await #expect(try app.run("App", ["run", "db:cleanup"]).stdout == #"{"result":"cleaned"}"# + "\n")

        // Editing it re-runs it too.
        try app.folder.write(
            cleanup,
            app.folder.read(cleanup)!.replacingOccurrences(of: "Delete old rows", with: "Delete expired rows"))
        #expect(try await Self.build(app).stdout.contains(Self.registryLine))
        await #expect(try app.run("App", []).stdout.hasPrefix("db:cleanup | Delete expired rows\n"))

        // Removing it as well.
        try FileManager.default.removeItem(atPath: app.folder.appending(cleanup))
        #expect(try await Self.build(app).stdout.contains(Self.registryLine))
        await #expect(try app.run("App", []).stdout.hasPrefix("db:migrate | Run database migrations\n"))

        // nitro's diagnostics fail `swift build`, printed once, with file and line.
        try app.folder.write(
            "Sources/App/tasks/legacy/migrate-old.swift",
            "import NitroTasks\n\nlet migrate = defineTask { _ in TaskResult(result: \"old\") }\n")
        let clash = try await Self.build(app)
        #expect(clash.status != 0)
        let output = clash.stdout + clash.stderr
        let diagnostic =
            "Sources/App/tasks/legacy/migrate-old.swift:3:5: error: the task symbol `migrate` is declared 2 times"
        #expect(Self.occurrences(of: diagnostic, in: output) == 1, "\(output)")
        try FileManager.default.removeItem(atPath: app.folder.appending("Sources/App/tasks/legacy"))

        // A committed registry next to the plugin's: named as an error, not "invalid redeclaration".
        let committed = try await app.nitro(["build"])
        #expect(committed.status == 0)
        let conflict = try await Self.build(app)
        #expect(conflict.status != 0)
        let message = "Sources/App/NitroTasks.generated.swift:1:1: error: this committed registry would be compiled"
        #expect(Self.occurrences(of: message, in: conflict.stdout + conflict.stderr) == 1, "\(conflict.stdout)")
        #expect(!conflict.stdout.contains("multiple producers"))
        try FileManager.default.removeItem(atPath: app.folder.appending("Sources/App/NitroTasks.generated.swift"))
        #expect(try await Self.build(app).status == 0)

        // A second target with its own tasks/ and the plugin: each target gets its own registry
        // (the plugin passes `--registry-target`), the schedule split between them.
        try app.folder.write("Sources/Worker/main.swift", app.folder.read("Sources/App/main.swift")!)
        try app.folder.write(
            "Sources/Worker/tasks/queue/drain.swift",
            "import NitroTasks\n\nlet drain = defineTask(meta: TaskMeta(description: \"Drain the queue\")) { _ in TaskResult(result: \"drained\") }\n"
        )
        let manifest = app.folder.appending("Package.swift")
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        let worker = """
                    .executableTarget(
                        name: "Worker",
                        dependencies: [.product(name: "NitroTasks", package: "nitro-tasks")],
                        plugins: [.plugin(name: "NitroBuildPlugin", package: "nitro-tasks")]
                    ),
                ]
            )
            """
        let lastBracket = try #require(text.range(of: "    ]\n)", options: .backwards))
        try Data(text.replacingCharacters(in: lastBracket, with: worker).utf8).write(to: URL(fileURLWithPath: manifest))
        try app.folder.write(
            "nitro.config.json",
            #"{"experimental": {"tasks": true}, "tasks": {"db:seed": {"description": "Seed the database"}}, "scheduledTasks": {"0 * * * *": ["db:migrate", "queue:drain"]}}"#
        )
        let two = try await Self.build(app)
        #expect(two.status == 0, "\(two.stdout)\n\(two.stderr)")
        #expect(two.stdout.contains("Generating the task registry of Worker (nitro build)"), "\(two.stdout)")
        await #expect(
            try app.run("App", []).stdout == """
                db:migrate | Run database migrations
                db:seed | Seed the database
                0 * * * * -> db:migrate

                """)
        await #expect(
            try app.run("Worker", []).stdout == """
                queue:drain | Drain the queue
                0 * * * * -> queue:drain

                """)
        await #expect(try app.run("Worker", ["run", "queue:drain"]).stdout == #"{"result":"drained"}"# + "\n")
    }

    @Test("command plugins: nitro-check fails on drift (diagnostic once), nitro-build writes, then nitro-check passes")
    func commandPlugins() async throws {
        let app = try FixtureApp(copying: RepositoryPaths.fixture("plugin-command"))
        let registry = "Sources/App/NitroTasks.generated.swift"
        try app.folder.write(
            "Sources/App/tasks/db/migrate.swift",
            "import NitroTasks\n\nlet migrate = defineTask { _ in TaskResult(result: \"ok\") }\n")
        let before = app.folder.read(registry)

        let stale = try await Self.swift(["package", "--package-path", app.root, "nitro-check"], in: app)
        #expect(stale.status == 1, "\(stale.stdout)\n\(stale.stderr)")
        let output = stale.stdout + stale.stderr
        #expect(
            Self.occurrences(
                of: "\(registry):1:1: error: this generated file is out of date; run 'nitro build'", in: output) == 1,
            "\(output)")
        #expect(output.contains(#"+            .init("db:migrate", definition: { migrate }),"#))
        #expect(app.folder.read(registry) == before)

        // Writing needs the permission; without it nothing is written.
        let refused = try await Self.swift(["package", "--package-path", app.root, "nitro-build"], in: app)
        #expect(refused.status != 0)
        #expect((refused.stdout + refused.stderr).contains("--allow-writing-to-package-directory"))
        #expect(app.folder.read(registry) == before)

        let write = try await Self.swift(
            ["package", "--package-path", app.root, "--allow-writing-to-package-directory", "nitro-build"], in: app)
        #expect(write.status == 0, "\(write.stdout)\n\(write.stderr)")
        #expect(Self.occurrences(of: "wrote \(registry)", in: write.stdout + write.stderr) == 1)
        #expect(app.folder.read(registry)?.contains(#".init("db:migrate", definition: { migrate }),"#) == true)

        let fresh = try await Self.swift(["package", "--package-path", app.root, "nitro-check"], in: app)
        #expect(fresh.status == 0, "\(fresh.stdout)\n\(fresh.stderr)")
        #expect(fresh.stdout.contains("up to date \(registry)"))

        // Arguments pass through: a bad preset is the tool's usage error, printed once.
        let usage = try await Self.swift(["package", "--package-path", app.root, "nitro-check", "--preset", "nope"], in: app)
        #expect(usage.status != 0)
        #expect(Self.occurrences(of: "Error: The value 'nope' for '--preset'", in: usage.stdout + usage.stderr) == 1)

        // The app compiles with the written registry.
        let compiled = try await Self.build(app)
        #expect(compiled.status == 0, "\(compiled.stdout)")
        await #expect(try app.run("App", []).stdout == "cms:update\ndb:migrate\n")
    }

    /// The plugin's output file in the fixture's build folder.
    static func generatedRegistry(_ app: FixtureApp) throws -> String {
        let outputs = app.root + "/.build/plugins/outputs"
        guard let enumerator = FileManager.default.enumerator(atPath: outputs) else {
            throw FixtureApp.SetupError("no plugin outputs under \(outputs)")
        }
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix("NitroBuildPlugin/GeneratedTaskRegistry.swift") { return outputs + "/" + relative }
        }
        throw FixtureApp.SetupError("the build plugin wrote no GeneratedTaskRegistry.swift under \(outputs)")
    }
}
