import Testing

@testable import NitroBuild

/// Issue 14: every layout SwiftPM allows. `Package.swift` is read statically for each target's
/// name and folder; the `tasks/` folder belongs to the target whose folder holds it.
@Suite("Package.swift targets and where the tasks are")
struct ProjectLayoutTests {
    func manifest(_ targets: String, before: String = "", after: String = "") -> String {
        """
        // swift-tools-version: 6.0
        import PackageDescription
        \(before)
        let package = Package(
            name: "app",
            dependencies: [.package(name: "nitro-tasks", path: "../..")],
            targets: [
        \(targets)
            ]
        )
        \(after)
        """
    }

    func read(_ text: String, folders: Set<String> = ["Sources"]) -> PackageManifest {
        PackageManifestReader.read(SourceFile(path: "Package.swift", text: text), existingFolders: folders)
    }

    func plan(_ files: [String: String], options: BuildOptions = BuildOptions()) -> BuildPlan {
        InMemoryProject(files).plan(options: options)
    }

    @Test("reader: kinds, default and custom paths, exclude, sources, nested dependency calls")
    func readerBasics() {
        let text = manifest(
            """
                    .target(name: "Core", dependencies: [.target(name: "Util"), .product(name: "NitroTasks", package: "nitro-tasks")]),
                    .target(name: "Util", path: "./Libraries/Util/", exclude: ["README.md", "tasks/legacy"]),
                    .executableTarget(
                        name: "Server",
                        dependencies: ["Core"],
                        path: "server",
                        sources: ["main.swift", "tasks"],
                        swiftSettings: [.define("X", .when(platforms: [.linux]))]
                    ),
                    .testTarget(name: "CoreTests", dependencies: ["Core"]),
                    .plugin(name: "Gen", capability: .buildTool()),
                    .executableTarget(name: "Root", path: "."),
            """)
        #expect(
            read(text, folders: ["Sources", "Tests"])
                == .targets([
                    PackageTarget(name: "Core", kind: .regular, path: "Sources/Core"),
                    PackageTarget(name: "Util", kind: .regular, path: "Libraries/Util", exclude: ["README.md", "tasks/legacy"]),
                    PackageTarget(name: "Server", kind: .executable, path: "server", sources: ["main.swift", "tasks"]),
                    PackageTarget(name: "CoreTests", kind: .test, path: "Tests/CoreTests"),
                    PackageTarget(name: "Root", kind: .executable, path: ""),
                ]))
    }

    @Test("reader: SwiftPM's predefined folders, first existing one (Sources, Source, src, srcs; Tests first for tests)")
    func predefinedFolders() {
        let text = manifest(#".executableTarget(name: "App"), .testTarget(name: "AppTests"),"#)
        #expect(
            read(text, folders: ["src"])
                == .targets([
                    PackageTarget(name: "App", kind: .executable, path: "src/App"),
                    PackageTarget(name: "AppTests", kind: .test, path: "src/AppTests"),
                ]))
        #expect(
            read(text, folders: ["Source", "srcs", "Tests"])
                == .targets([
                    PackageTarget(name: "App", kind: .executable, path: "Source/App"),
                    PackageTarget(name: "AppTests", kind: .test, path: "Tests/AppTests"),
                ]))
        #expect(
            read(text, folders: [])
                == .targets([
                    PackageTarget(name: "App", kind: .executable, path: "Sources/App"),
                    PackageTarget(name: "AppTests", kind: .test, path: "Tests/AppTests"),
                ]))
    }

    @Test("reader: anything computed gives up on the file, naming the place")
    func readerGivesUp() {
        let cases: [(String, String)] = [
            (manifest(#".target(name: "A" + suffix),"#), "Package.swift:8:15: `name:` is computed"),
            (manifest(#".target(name: "A", path: root + "/A"),"#), "Package.swift:8:26: `path:` is computed"),
            (manifest(#".target(name: "\(name)"),"#), "Package.swift:8:15: `name:` is computed"),
            (manifest(#".target(name: "A"), sharedTarget,"#), "Package.swift:8:21: this element of `targets:` is computed"),
            (
                manifest("", after: #"package.targets.append(.target(name: "B"))"#),
                "Package.swift:11:9: the targets are changed after `Package(…)`"
            ),
            (manifest("#if os(Linux)\n.target(name: \"L\"),\n#endif"), "Package.swift:8:1: `#if` makes the targets conditional"),
            (
                "import PackageDescription\nlet package = Package(name: \"x\", targets: targets)\n",
                "Package.swift:2:43: `targets:` is not an array literal"
            ),
            ("import PackageDescription\n", "Package.swift: no `Package(…)` call"),
            (manifest(#".target(name: "A", exclude: excluded),"#), "Package.swift:8:29: `exclude:` is computed"),
        ]
        for (text, reason) in cases {
            #expect(read(text) == .unreadable(reason), "\(text)")
        }
        // A loop building targets.
        let loop = """
            import PackageDescription
            let names = ["A", "B"]
            let package = Package(name: "x", targets: names.map { .target(name: $0) })
            """
        #expect(read(loop) == .unreadable("Package.swift:3:43: `targets:` is not an array literal"))
    }

    let tasksFlag = "experimental: { tasks: true }"

    @Test("srcDir: 'server' with a matching `path: \"server\"` target: the registry goes there")
    func srcDirServer() {
        let result = plan([
            "Package.swift": manifest(#".executableTarget(name: "Server", path: "server"),"#),
            "nitro.config.ts": "export default { \(tasksFlag), srcDir: 'server' }",
            "server/main.swift": "", "server/tasks/db/migrate.swift": task("migrate"),
        ])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.files.map(\.path) == ["server/NitroTasks.generated.swift"])
        #expect(result.model?.tasks.map(\.name) == ["db:migrate"])
    }

    @Test("srcDir: 'src/server' inside a target at `path: \"src\"`: the registry is next to tasks/, in the target")
    func nestedSrcDir() {
        let result = plan([
            "Package.swift": manifest(#".executableTarget(name: "Web", path: "src"),"#),
            "nitro.config.ts": "export default { \(tasksFlag), srcDir: 'src/server' }",
            "src/main.swift": "", "src/server/tasks/ping.swift": task("ping"),
        ])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.files.map(\.path) == ["src/server/NitroTasks.generated.swift"])
    }

    @Test("root ./tasks with a target at `path: \".\"`")
    func rootTasks() {
        let result = plan([
            "Package.swift": manifest(#".executableTarget(name: "App", path: ".", exclude: ["README.md"]),"#),
            "nitro.config.json": #"{"experimental": {"tasks": true}}"#,
            "main.swift": "", "tasks/hello.swift": task("hello"),
        ])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.files.map(\.path) == ["NitroTasks.generated.swift"])
        #expect(result.notes == ["Package.swift: targets App (.)"])
    }

    @Test("serverDir (Nitro v3) is read; with srcDir too it wins with a warning")
    func serverDir() {
        let files = [
            "Package.swift": manifest(#".executableTarget(name: "Server", path: "server"), .target(name: "Old"),"#),
            "server/tasks/a.swift": task("a"), "Sources/Old/tasks/b.swift": task("b"),
        ]
        var alone = files
        alone["nitro.config.ts"] = "export default { \(tasksFlag), serverDir: './server' }"
        let one = plan(alone)
        #expect(one.diagnostics.isEmpty, "\(one.diagnostics)")
        #expect(one.model?.tasks.map(\.name) == ["a"])
        var both = files
        both["nitro.config.ts"] = "export default { \(tasksFlag), srcDir: 'Sources/Old', serverDir: 'server' }"
        let two = plan(both)
        #expect(
            two.diagnostics.map(\.description) == [
                "nitro.config.ts:1:57: warning: both `serverDir` and `srcDir` are set; `serverDir` wins (Nitro v3 scans `serverDir` and deprecates `srcDir`): remove `srcDir`"
            ])
        #expect(two.files.map(\.path) == ["server/NitroTasks.generated.swift"])
        var off = files
        off["nitro.config.ts"] = "export default { \(tasksFlag), serverDir: false, srcDir: 'Sources/Old' }"
        #expect(plan(off).files.map(\.path) == ["Sources/Old/NitroTasks.generated.swift"])
    }

    @Test("a tasks/ folder in no target: an error at the key that named it, listing the targets")
    func noTarget() {
        let result = plan([
            "Package.swift": manifest(#".executableTarget(name: "App"), .target(name: "Lib", path: "lib"),"#),
            "nitro.config.ts": "export default { \(tasksFlag), scanDirs: ['Sources/App', 'server'] }",
            "Sources/App/tasks/a.swift": task("a"), "server/tasks/b.swift": task("b"),
        ])
        #expect(
            result.diagnostics.map(\.description) == [
                "nitro.config.ts:1:75: error: `scanDirs[1]`: server/tasks is in no target of Package.swift, so SwiftPM would not compile its tasks; the targets are App (Sources/App), Lib (lib): move tasks/ into one of them, or point `scanDirs` at a target's folder"
            ])
        #expect(result.files.isEmpty)
        let excluded = plan([
            "Package.swift": manifest(#".executableTarget(name: "App", exclude: ["tasks"]),"#),
            "nitro.config.ts": "export default { \(tasksFlag), srcDir: 'Sources/App' }",
            "Sources/App/tasks/a.swift": task("a"),
        ])
        #expect(
            excluded.diagnostics.map(\.description) == [
                "nitro.config.ts:1:57: error: `srcDir`: Sources/App/tasks is left out of the target App by its `exclude:` or `sources:` in Package.swift, so SwiftPM does not compile its tasks"
            ])
    }

    @Test("the module-name check uses the manifest's target name, not the folder's")
    func moduleName() {
        let result = plan([
            "Package.swift": manifest(#".executableTarget(name: "Server", path: "server"),"#),
            "nitro.config.ts": "export default { \(tasksFlag), srcDir: 'server', tasks: { x: { handler: 'Server.x' } } }",
            "server/tasks/a.swift": task("a"),
        ])
        #expect(result.diagnostics.first?.message.contains("names `Server`, the registry's own target") == true)
    }

    @Test("a Package.swift that computes its targets: the folder holding tasks/ is the target, with a note")
    func fallback() {
        let result = plan([
            "Package.swift": "import PackageDescription\nlet package = Package(name: \"x\", targets: makeTargets())\n",
            "nitro.config.ts": "export default { \(tasksFlag), srcDir: 'server' }",
            "server/tasks/a.swift": task("a"),
        ])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.files.map(\.path) == ["server/NitroTasks.generated.swift"])
        #expect(
            result.notes == [
                "Package.swift cannot be read statically (Package.swift:2:43: `targets:` is not an array literal); the folder holding tasks/ is taken as the target"
            ])
        // Without Package.swift at all: the same, and no note.
        let none = plan(["nitro.config.ts": "export default { \(tasksFlag), srcDir: 'server' }", "server/tasks/a.swift": task("a")])
        #expect(none.files.map(\.path) == ["server/NitroTasks.generated.swift"])
        #expect(none.notes.isEmpty)
    }

    @Test("negated ignore patterns re-include, in order (as globby reads them)")
    func negatedIgnore() {
        let result = plan([
            "nitro.config.ts": "export default { \(tasksFlag), ignore: ['tasks/legacy/**', '!**/keep.swift'] }",
            "Sources/App/tasks/a.swift": task("a"), "Sources/App/tasks/legacy/old.swift": task("old"),
            "Sources/App/tasks/legacy/keep.swift": task("keep"),
        ])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.model?.tasks.map(\.name) == ["a", "legacy:keep"])
        let patterns = ["*.swift", "!a.swift", "a.swift"].map(GlobPattern.init)
        #expect(GlobPattern.ignores(patterns, ["x/a.swift"]))
        #expect(!GlobPattern.ignores(Array(patterns.prefix(2)), ["x/a.swift"]))
        #expect(!GlobPattern.ignores([GlobPattern("!**/x")], ["x"]))
    }
}
