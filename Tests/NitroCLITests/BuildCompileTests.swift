import NitroSync
import NitroTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The generated registry compiles and works: fixture apps are copied, `nitro build` generates
/// their registry, `swift build` compiles them against this checkout, and tasks run through it.
/// (Each costs 10–30 s, so there are three, run one after the other.)
@Suite("nitro build output compiles", .serialized)
struct BuildCompileTests {
    @Test("Fixtures/basic: build from scratch, compile, run db:migrate and the config-only db:seed")
    func basic() async throws {
        let app = try FixtureApp(copying: RepositoryPaths.fixture("basic"))
        try FileManager.default.removeItem(atPath: app.folder.appending("Sources/App/NitroTasks.generated.swift"))
        let build = try await app.nitro(["build"])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.hasPrefix("wrote Sources/App/NitroTasks.generated.swift\n"))
        // The regenerated file equals the committed one.
        #expect(
            app.folder.read("Sources/App/NitroTasks.generated.swift")
                == (try? String(
                    contentsOfFile: RepositoryPaths.fixture("basic/Sources/App/NitroTasks.generated.swift"),
                    encoding: .utf8)))
        try await app.swiftBuild()
        let migrate = try await app.run("App", ["run", "db:migrate"])
        #expect(migrate.status == 0, "\(migrate.stderr)")
        #expect(migrate.stdout.split(separator: "\n").last == #"{"result":"Success"}"#)
        let seed = try await app.run("App", ["run", "db:seed"])
        #expect(seed.status == 1)
        #expect(seed.stderr.contains("501: Task `db:seed` is not implemented!"))
        // The rest of NitroTasksApp's commands, as a process.
        let echo = try await app.run("App", ["run", "echo:payload", "--payload", #"{"user":"ada"}"#])
        #expect(echo.status == 0 && echo.stdout == "Running echo task...\n" + #"{"result":{"user":"ada"}}"# + "\n")
        let badPayload = try await app.run("App", ["run", "echo:payload", "--payload", "{user: ada}"])
        #expect(badPayload.status == 64 && badPayload.stdout == "")
        #expect(badPayload.stderr.hasPrefix("error: --payload is not valid JSON:"), "\(badPayload.stderr)")
        let list = try await app.run("App", ["list"])
        #expect(list.status == 0 && list.stdout.contains("db:migrate    Run database migrations\n"))
        let serve = try BackgroundProcess(
            app.root + "/.build/debug/App", ["serve"], currentDirectory: app.root, environment: ["NITRO_SCHEDULER": "off"])
        defer { serve.stop() }
        _ = try await eventually(seconds: 30, "`App serve` to start") { serve.output.contains("SIGTERM or Ctrl-C stops") ? true : nil }
        serve.signal(SIGTERM)
        #expect(await serve.waitForExit(seconds: 30) == 0)
        #expect(serve.output.hasSuffix("Stopping…\nStopped\n"), "\(serve.output)")

        // Built without the NitroDev trait (as `swift build -c release` builds it), the binary has no
        // development mode and links no HTTP server: not one symbol of NitroTasksDevServer.
        #expect(try Self.symbols(ofModule: "NitroTasksDevServer", in: app.root + "/.build/debug/App") == 0)
        for (arguments, environment) in [(["dev"], [:]), ([], ["NITRO_DEV": "1"])] {
            let dev = try await app.run("App", arguments, environment: environment)
            #expect(dev.status == 64 && dev.stdout == "", "\(arguments) \(environment)")
            #expect(dev.stderr.hasPrefix("error: this binary has no development mode"), "\(dev.stderr)")
        }
        // With the trait (what `nitro dev` enables), it links the development server.
        try await app.swiftBuild(traits: ["NitroDev"])
        #expect(try Self.symbols(ofModule: "NitroTasksDevServer", in: app.root + "/.build/debug/App") > 100)
    }

    /// How many times the mangled name of `module` occurs in the executable `path` (its symbol
    /// table names every linked Swift symbol with its module, `19NitroTasksDevServer…`).
    static func symbols(ofModule module: String, in path: String) throws -> Int {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let needle = Data("\(module.utf8.count)\(module)".utf8)
        var count = 0
        var start = bytes.startIndex
        while let found = bytes.range(of: needle, in: start..<bytes.endIndex) {
            count += 1
            start = found.upperBound
        }
        return count
    }

    @Test("edge cases compile: escapes, raw and multi-line literals, backticks, #if, handler files and modules")
    func edgeCases() async throws {
        let app = try FixtureApp(copying: RepositoryPaths.fixture("build/app-edge-cases/project"))
        let build = try await app.nitro(["build"])
        #expect(build.status == 0, "\(build.stderr)")
        // The app enables ExistentialAny and MemberImportVisibility: the registry compiles under
        // them without a warning.
        let compiled = try await app.swiftBuild()
        let registryWarnings = (compiled.stdout + compiled.stderr).split(separator: "\n").filter {
            $0.contains("NitroTasks.generated.swift") && $0.contains("warning:")
        }
        #expect(registryWarnings.isEmpty, "\(registryWarnings.joined(separator: "\n"))")
        let list = try await app.run("App", ["list"])
        #expect(
            list.stdout == """
                a:b:c:deep | - | handler
                db:index | - | handler
                db:migrate | Run database migrations | handler
                db:seed | Seed "demo" data\\n (config only) | no handler
                default | - | handler
                encodable | Returns a struct | handler
                jobs:nightly | Nightly maintenance | handler
                multi | First line
                  indented "second" line | handler
                platform | Which platform | handler
                quotes | Say "hi" \\ back\tslash été 🚀 | handler
                raw | Raw "quoted" \\n stays, \t is a tab | handler
                v1.2:sync | Dotted folder | handler
                vendor:sync | Sync from the vendor | handler
                0 0 * * * -> db:migrate, a:b:c:deep, jobs:nightly
                */10 * * * * -> vendor:sync
                timeZone America/New_York

                """)
        let run = try await app.run("App", ["run", "default", "encodable", "vendor:sync", "jobs:nightly", "db:seed"])
        #expect(
            run.stdout == """
                default {"result":"default"}
                encodable {"result":{"note":"let x = defineTask { } in a string","removed":12}}
                vendor:sync {"result":"synced"}
                jobs:nightly {"result":"nightly done"}
                db:seed error 501: Task `db:seed` is not implemented!

                """)
    }

    @Test("task symbols named like TaskRegistry members, and a handler module named like its nested type, compile")
    func memberNames() async throws {
        let app = try FixtureApp(copying: RepositoryPaths.fixture("build/app-member-names/project"))
        let build = try await app.nitro(["build"])
        #expect(build.status == 0, "\(build.stderr)")
        try await app.swiftBuild()
        let run = try await app.run("App", ["run-all"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout == """
                entries {"result":"entries"}
                entry {"result":"Entry"}
                generated {"result":"generated"}
                index {"result":"index"}
                init {"result":"init"}
                names {"result":"names"}
                scheduled-tasks {"result":"scheduledTasks"}
                scheduler-enabled {"result":"schedulerEnabled"}
                time-zone {"result":"timeZone"}
                vendor:sync {"result":"synced"}

                """)
    }

    /// Issue 14: the layouts SwiftPM allows. Each fixture is built with `nitro build` and every
    /// registry it writes is compiled with `swift build` in the target `Package.swift` puts it in,
    /// then run. Like every fixture app they build in one shared scratch folder, so NitroTasks is
    /// compiled once for all of them (the first costs ~30 s, each further one ~3 s).
    static let layouts: [(fixture: String, registries: [String], runs: [(product: String, expected: String)])] = [
        (
            "layout-custom-paths", ["server/NitroTasks.generated.swift"],
            [("Server", "db:migrate migrated\njobs:sync synced\n")]
        ),
        ("layout-root-tasks", ["NitroTasks.generated.swift"], [("App", "hello hello\n")]),
        ("layout-computed-manifest", ["server/NitroTasks.generated.swift"], [("Server", "ping pong\n")]),
        ("layout-scan-dirs", ["server/NitroTasks.generated.swift"], [("Api", "cache:warm warmed\n")]),
        ("layout-src-server", ["src/server/NitroTasks.generated.swift"], [("Server", "reports:weekly weekly report\n")]),
        (
            "layout-two-targets", ["server/NitroTasks.generated.swift", "worker/NitroTasks.generated.swift"],
            [
                ("Server", "db:migrate migrated\ndb:seed error Task `db:seed` is not implemented!\n"),
                ("Worker", "db:vacuum vacuumed\nqueue:drain drained\n"),
            ]
        ),
    ]

    /// Issue 15: `runTask(.dbMigrate)` with the generated constants (keywords, digits, escapes),
    /// plain values in payloads and results, a 400 for a payload that does not decode; and a
    /// misspelt or colliding constant does not compile.
    @Test("typed task names compile, misspelt ones do not; plain values in payloads and results")
    func typedNames() async throws {
        let app = try FixtureApp(copying: RepositoryPaths.fixture("build/app-typed-names/project"))
        let build = try await app.nitro(["build"])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stderr.contains("warning: the constant `TaskName.cachePurge` would name this task (`cache:purge`)"))
        try await app.swiftBuild()
        let run = try await app.run("App", [])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout == """
                2fa:reset HTTP:ping any await default description in init is protocol rawValue self Type v1.2 v12 db:migrate report
                db:migrate {"result":{"dryRun":false,"limit":100,"since":null,"user":"nobody"}}
                db:migrate {"result":{"dryRun":true,"limit":3,"since":"2026-01-01T00:00:00.500Z","user":"ada"}}
                db:migrate {"result":{"dryRun":true,"limit":7,"since":"2026-01-31T00:00:00.000Z","user":"nobody"}}
                report {"result":["2026-01-31T09:00:00.000Z",7]}
                report error 400: The payload does not fit `ReportOptions`: `days` must be an integer, not a string ("seven")
                report error 400: The payload does not fit `ReportOptions`: `days` is missing
                default error 501: Task `default` is not implemented!
                cache:purge error 501: Task `cache:purge` is not implemented!

                """)
        // The app's sources plus one probe, type-checked against the modules the app was built with.
        let sources = try FileManager.default.subpathsOfDirectory(atPath: app.folder.appending("Sources/App"))
            .filter { $0.hasSuffix(".swift") }.sorted().map { app.folder.appending("Sources/App/" + $0) }
        func typeCheck(_ probe: String) async throws -> ProcessOutput {
            try app.folder.write("probe/Probe.swift", "import NitroTasks\n\nfunc probe() async throws {\n    \(probe)\n}\n")
            // The modules are in the scratch folder fixture apps share; the lock keeps another
            // app's build from replacing them meanwhile.
            let products = FixtureApp.sharedScratch + "/debug"
            let arguments =
                [
                    "-typecheck", "-swift-version", "6", "-module-name", "App", "-I", products + "/Modules",
                ] + sources + [app.folder.appending("probe/Probe.swift")]
            let root = app.root
            return try await offThread {
                try FixtureApp.sharedBuildLock.withLock {
                    try ProcessRunner.run(DocsTests.swiftc, arguments, currentDirectory: root, timeout: 300)
                }
            }
        }
        let spelt = try await typeCheck("_ = try await runTask(.dbMigrate)")
        #expect(spelt.status == 0, "\(spelt.stderr)")
        let misspelt = try await typeCheck("_ = try await runTask(.dbMigrat)")
        #expect(misspelt.status != 0)
        #expect(misspelt.stderr.contains("type 'TaskName' has no member 'dbMigrat'"), "\(misspelt.stderr)")
        let collided = try await typeCheck("_ = try await runTask(.cachePurge)")
        #expect(collided.stderr.contains("type 'TaskName' has no member 'cachePurge'"), "\(collided.stderr)")
    }

    /// Issue 14: the layouts SwiftPM allows. Each fixture is built with `nitro build` and its
    /// registry compiled with `swift build` in the target `Package.swift` puts it in.
    @Test(
        "layouts compile and run: custom `path:` targets (srcDir 'server', scanDirs ['server'], srcDir 'src/server'), root ./tasks at `path: \".\"`, a computed manifest with serverDir, two targets with a registry each"
    )
    func layouts() async throws {
        for layout in Self.layouts {
            let app = try FixtureApp(copying: RepositoryPaths.fixture("build/\(layout.fixture)/project"))
            let build = try await app.nitro(["build"])
            #expect(build.status == 0, "\(layout.fixture): \(build.stderr)")
            let wrote = build.stdout.split(separator: "\n").filter { $0.hasPrefix("wrote ") && $0.hasSuffix(".swift") }
            #expect(wrote == layout.registries.map { "wrote \($0)"[...] }, "\(layout.fixture): \(build.stdout)")
            try await app.swiftBuild()
            for run in layout.runs {
                let output = try await app.run(run.product, ["run-all"])
                #expect(output.status == 0, "\(layout.fixture) \(run.product): \(output.stderr)")
                let lines = output.stdout.split(separator: "\n").map { line in
                    // `name {"result":"x"}` → `name x`
                    line.replacingOccurrences(of: #"{"result":""#, with: "").replacingOccurrences(of: #""}"#, with: "")
                }
                #expect(lines.joined(separator: "\n") + "\n" == run.expected, "\(layout.fixture) \(run.product)")
            }
        }
    }
}
