import Foundation
import NitroJSON
import Testing

@testable import NitroBuild

/// A small project: a target `Sources/App` with task files.
func project(config: String? = nil, configName: String = "nitro.config.ts", _ tasks: [String: String] = [:]) -> [String:
    String]
{
    var files: [String: String] = [:]
    if let config { files[configName] = config }
    for (path, source) in tasks { files[path.hasPrefix("Sources/") ? path : "Sources/App/tasks/" + path] = source }
    return files
}

func task(_ symbol: String, description: String? = nil, name: String? = nil) -> String {
    var meta: [String] = []
    if let name { meta.append("name: \"\(name)\"") }
    if let description { meta.append("description: \"\(description)\"") }
    let metaText = meta.isEmpty ? "" : "(meta: TaskMeta(\(meta.joined(separator: ", "))))"
    return "import NitroTasks\n\nlet \(symbol) = defineTask\(metaText) { _ in TaskResult() }\n"
}

let flagOn = "export default { experimental: { tasks: true } }"

@Suite("Planning: scan + config + merge + render")
struct BuildPlannerTests {
    func plan(_ files: [String: String], options: BuildOptions = BuildOptions()) -> BuildPlan {
        InMemoryProject(files).plan(options: options)
    }

    func registry(_ plan: BuildPlan) -> String {
        plan.files.first.map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
    }

    @Test("nested names, sorted by plain scalar order, registry next to tasks/")
    func nested() throws {
        let result = plan(
            project(
                config: flagOn,
                [
                    "b.swift": task("b"), "a/z.swift": task("az"), "a/b/c.swift": task("abc"),
                    "A.swift": task("capital"),
                    "db/_helper.swift": "struct Helper {}", "README.md.swift": task("readme"),
                ]))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.files.map(\.path) == ["Sources/App/NitroTasks.generated.swift"])
        #expect(result.model?.tasks.map(\.name) == ["A", "README.md", "a:b:c", "a:z", "b"])
    }

    @Test("config precedence: handler file wins, scanned file of the same name is not registered")
    func precedence() {
        let config = """
            export default {
              experimental: { tasks: true },
              tasks: {
                "db:migrate": { handler: "./Sources/App/tasks/db/custom-migrate.swift", description: "From config" },
                "db:seed": { description: "Seed" },
                "db:cleanup": { description: "Config description loses" },
              },
            }
            """
        let result = plan(
            project(
                config: config,
                [
                    "db/migrate.swift": task("migrate", description: "Scanned"),
                    "db/custom-migrate.swift": task("customMigrate"),
                    "db/cleanup.swift": task("cleanup", description: "Own description"),
                ]))
        let tasks = result.model?.tasks ?? []
        #expect(tasks.map(\.name) == ["db:cleanup", "db:migrate", "db:seed"])
        #expect(tasks[0].reference == .symbol("cleanup"))
        #expect(tasks[0].description == "Own description")
        #expect(tasks[1].reference == .symbol("customMigrate"))
        #expect(tasks[1].description == "From config")
        #expect(tasks[2].reference == nil)
        #expect(
            result.diagnostics.map(\.description) == [
                "Sources/App/tasks/db/migrate.swift:1:1: warning: this task is not registered: the config's `db:migrate` (nitro.config.ts:4:30) takes precedence with its own handler; remove this file or the config entry"
            ])
    }

    @Test("a handler in another module is referenced qualified and imported")
    func moduleHandler() {
        let config =
            "export default { experimental: { tasks: true }, tasks: { 'jobs:sync': { handler: 'Jobs.sync' } } }"
        let result = plan(project(config: config, ["a.swift": task("a")]))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let text = registry(result)
        #expect(text.contains("import Jobs\nimport NitroTasks\n"))
        #expect(text.contains(#".init("jobs:sync", definition: { Jobs.sync }),"#))
    }

    @Test("handler problems: outside the target, missing, not a handler form")
    func handlerErrors() {
        let config = """
            export default {
              experimental: { tasks: true },
              tasks: {
                a: { handler: "Sources/Other/a.swift" },
                b: { handler: "Sources/App/missing.swift" },
                c: { handler: "./tasks/c.ts" },
                d: { handler: "../outside.swift" },
              },
            }
            """
        let result = plan(project(config: config, ["x.swift": task("x")]))
        #expect(result.diagnostics.filter(\.isError).map(\.location?.line) == [4, 5, 6, 7])
    }

    @Test("schedules: string or array, duplicates removed with a warning, unknown task is an error")
    func schedules() {
        let config = """
            export default {
              experimental: { tasks: true },
              scheduledTasks: {
                "* * * * *": ["a", "b", "a"],
                "0 * * * *": "b",
                "0 0 * * *": ["c"],
                "1 1 * * *": [],
              },
            }
            """
        let result = plan(project(config: config, ["a.swift": task("a"), "b.swift": task("b")]))
        #expect(result.model?.schedules.map(\.cron.value) == ["* * * * *", "0 * * * *", "0 0 * * *"])
        #expect(result.model?.schedules.map(\.tasks) == [["a", "b"], ["b"], []])
        #expect(
            result.diagnostics.map(\.description) == [
                "nitro.config.ts:4:29: warning: `a` is listed twice in the schedule `* * * * *`; it runs once",
                "nitro.config.ts:6:19: error: the schedule `0 0 * * *` names the unknown task `c`; did you mean `a`?",
                "nitro.config.ts:7:5: warning: the schedule `1 1 * * *` runs no task; it is left out",
            ])
    }

    @Test("tasks without experimental.tasks: a warning saying the flag is needed")
    func featureFlag() {
        let result = plan(project(config: "export default {}", ["a.swift": task("a")]))
        #expect(
            result.diagnostics.map(\.description) == [
                "nitro.config.ts:1:1: warning: `experimental.tasks` is not enabled, but the project has 1 task(s) and 0 schedule(s); Nitro needs the flag for tasks: add `experimental: { tasks: true }` to the config"
            ])
        #expect(!result.hasErrors)
        let strict = plan(
            project(config: "export default {}", ["a.swift": task("a")]), options: BuildOptions(strict: true))
        #expect(strict.hasErrors)
    }

    @Test("clashes Swift would reject: file names and symbols, naming every place")
    func clashes() {
        let result = plan(
            project(
                config: flagOn,
                [
                    "db/migrate.swift": task("migrate"), "legacy/migrate.swift": task("legacyMigrate"),
                    "x/run.swift": task("migrate"),
                ]))
        #expect(
            result.diagnostics.map(\.description) == [
                "Sources/App/tasks/db/migrate.swift:1:1: error: the file name `migrate.swift` is also used by Sources/App/tasks/legacy/migrate.swift:1:1; Swift cannot compile two files with one name in a target (SwiftPM: multiple producers): rename all but one",
                "Sources/App/tasks/x/run.swift:3:5: error: the task symbol `migrate` is declared 2 times: Sources/App/tasks/db/migrate.swift:3:5 (db:migrate), Sources/App/tasks/x/run.swift:3:5 (x:run); top-level names must be unique in a target: rename this one (for example `xRun`)",
            ])
    }

    @Test("meta.name different from the registered name: a warning at the literal")
    func metaNameMismatch() {
        let result = plan(project(config: flagOn, ["db/migrate.swift": task("migrate", name: "db:migrations")]))
        #expect(
            result.diagnostics.map(\.description) == [
                "Sources/App/tasks/db/migrate.swift:3:47: warning: `meta.name` is \"db:migrations\" but the task is registered as \"db:migrate\"; the registered name (from the file path or the config key) is the one runTask uses: make them agree"
            ])
    }

    @Test("locating tasks/: ./tasks, the single Sources/*/tasks, or an error naming the key")
    func locating() {
        let rootTasks = plan(["tasks/a.swift": task("a"), "nitro.config.json": #"{"experimental":{"tasks":true}}"#])
        #expect(rootTasks.files.map(\.path) == ["NitroTasks.generated.swift"])
        let two = plan([
            "Sources/A/tasks/a.swift": task("a"), "Sources/B/tasks/b.swift": task("b"),
            "nitro.config.json": #"{"experimental":{"tasks":true}}"#,
        ])
        #expect(two.diagnostics.isEmpty, "\(two.diagnostics)")
        #expect(two.files.map(\.path) == ["Sources/A/NitroTasks.generated.swift", "Sources/B/NitroTasks.generated.swift"])
        let none = plan(["Sources/App/main.swift": ""])
        #expect(none.diagnostics.first?.message.hasPrefix("found no tasks/ folder") == true)
        let srcDir = plan([
            "nitro.config.ts": "export default { experimental: { tasks: true }, srcDir: 'Sources/B' }",
            "Sources/A/tasks/a.swift": task("a"), "Sources/B/tasks/b.swift": task("b"),
        ])
        #expect(srcDir.diagnostics.isEmpty)
        #expect(srcDir.files.map(\.path) == ["Sources/B/NitroTasks.generated.swift"])
        #expect(srcDir.model?.tasks.map(\.name) == ["b"])
    }

    @Test("tasks/ folders in two targets: one registry each, schedules split by target, one platform file for all")
    func twoTargets() throws {
        let config = """
            export default { experimental: { tasks: true }, preset: 'vercel', scanDirs: ['Sources/App', 'Sources/Worker'],
              tasks: { 'w:config': { handler: './Sources/Worker/Jobs/extra.swift' }, 'app:seed': { description: 'no handler' } },
              scheduledTasks: { '0 3 * * *': ['a', 'b'], '@daily': 'b', '@weekly': ['w:config', 'app:seed'] } }
            """
        let result = plan([
            "nitro.config.ts": config, "Sources/App/tasks/a.swift": task("a"), "Sources/Worker/tasks/b.swift": task("b"),
            "Sources/Worker/Jobs/extra.swift": task("extra"),
        ])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(
            result.files.map(\.path) == [
                "Sources/App/NitroTasks.generated.swift", "Sources/Worker/NitroTasks.generated.swift",
                ".vercel/output/config.json",
            ])
        #expect(result.registries.map(\.target) == ["App", "Worker"])
        let app = String(decoding: result.files[0].bytes, as: UTF8.self)
        let worker = String(decoding: result.files[1].bytes, as: UTF8.self)
        #expect(
            app.contains(#".init("a", definition: { a }),"#)
                && app.contains(#".init("app:seed", description: "no handler", definition: nil),"#))
        #expect(!app.contains(#""b""#) && !app.contains("w:config"))
        #expect(app.contains(#".init(cron: "0 3 * * *", tasks: ["a"], platformCrons: ["vercel": "0 3 * * *"]),"#))
        #expect(app.contains(#".init(cron: "@weekly", tasks: ["app:seed"]"#) && !app.contains("@daily"))
        #expect(worker.contains(#".init("b", definition: { b }),"#) && worker.contains(#".init("w:config", definition: { extra }),"#))
        #expect(worker.contains(#".init(cron: "0 3 * * *", tasks: ["b"]"#) && worker.contains(#".init(cron: "@daily", tasks: ["b"]"#))
        #expect(worker.contains(#".init(cron: "@weekly", tasks: ["w:config"]"#) && !worker.contains(#""a""#))
        // The platform file lists every schedule once, whichever targets run it.
        let vercel = try #require(result.files.last.flatMap { try? JSONReader.parse($0.bytes) })
        #expect(
            vercel["crons"] == [
                ["path": "/_vercel/cron", "schedule": "0 3 * * *"], ["path": "/_vercel/cron", "schedule": "0 0 * * *"],
                ["path": "/_vercel/cron", "schedule": "0 0 * * 0"],
            ])
        #expect(result.model?.tasks.map(\.name) == ["a", "app:seed", "b", "w:config"])
        let cloudflare = plan([
            "nitro.config.ts": config.replacingOccurrences(of: "preset: 'vercel'", with: "preset: 'cloudflare_module'"),
            "Sources/App/tasks/a.swift": task("a"), "Sources/Worker/tasks/b.swift": task("b"),
            "Sources/Worker/Jobs/extra.swift": task("extra"),
        ])
        let wrangler = try #require(cloudflare.files.first { $0.path == ".output/server/wrangler.json" })
        #expect((try? JSONReader.parse(wrangler.bytes))?["triggers"] == ["crons": ["0 3 * * *", "0 0 * * *", "0 0 * * SUN"]])

        let nested = plan([
            "nitro.config.ts": "export default { experimental: { tasks: true }, scanDirs: ['Sources/App', 'Sources/App/Feature'] }",
            "Sources/App/tasks/a.swift": task("a"), "Sources/App/Feature/tasks/b.swift": task("b"),
        ])
        #expect(nested.diagnostics.isEmpty)
        #expect(nested.files.map(\.path) == ["Sources/App/NitroTasks.generated.swift"])
        #expect(nested.model?.tasks.map(\.name) == ["a", "b"])
    }

    @Test("two targets: one task name in both is an error; output.registry picks its target's registry and makes it primary")
    func twoTargetsProblems() {
        let clash = plan([
            "nitro.config.ts": "export default { experimental: { tasks: true }, scanDirs: ['Sources/App', 'Sources/Worker'] }",
            "Sources/App/tasks/a.swift": task("a"), "Sources/Worker/tasks/a.swift": task("a"),
        ])
        #expect(
            clash.diagnostics.map(\.description) == [
                "Sources/Worker/tasks/a.swift:3:5: error: the task `a` is also defined in the target App (Sources/App/tasks/a.swift:3:5); task names are one namespace across the project's targets (schedules, platform crons and `nitro task run` name tasks, not targets): rename one of them"
            ])
        let registry = plan([
            "nitro.config.ts":
                "export default { experimental: { tasks: true }, scanDirs: ['Sources/App', 'Sources/Worker'], output: { registry: 'Sources/Worker/Gen/Registry.swift' }, tasks: { 'x': {} } }",
            "Sources/App/tasks/a.swift": task("a"), "Sources/Worker/tasks/b.swift": task("b"),
        ])
        #expect(registry.diagnostics.isEmpty, "\(registry.diagnostics)")
        #expect(registry.files.map(\.path) == ["Sources/Worker/Gen/Registry.swift", "Sources/App/NitroTasks.generated.swift"])
        #expect(String(decoding: registry.files[0].bytes, as: UTF8.self).contains(#".init("x", definition: nil)"#))
        let outside = plan([
            "nitro.config.ts":
                "export default { experimental: { tasks: true }, scanDirs: ['Sources/App', 'Sources/Worker'], output: { registry: 'Sources/Other/R.swift' } }",
            "Sources/App/tasks/a.swift": task("a"), "Sources/Worker/tasks/b.swift": task("b"),
        ])
        #expect(
            outside.diagnostics.map(\.message) == [
                "the tasks of `scanDirs[0]` (Sources/App/tasks) are in the target Sources/App, but the registry Sources/Other/R.swift is in Sources/Other; the registry can only refer to tasks of its own target: put `output.registry` in the folder of the tasks' target (or of another target that has tasks)"
            ])
    }

    @Test("ignore globs and generated files are skipped")
    func ignoring() {
        let config = "export default { experimental: { tasks: true }, ignore: ['tasks/legacy/**', '*.draft.swift'] }"
        let result = plan(
            project(
                config: config,
                [
                    "a.swift": task("a"), "legacy/old.swift": "not a task", "b.draft.swift": "not a task",
                    "Generated.swift": GeneratedHeader.swiftLines.joined(separator: "\n") + "\nlet x = 1\n",
                ]))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.model?.tasks.map(\.name) == ["a"])
    }

    @Test("the registry's bytes do not depend on input order")
    func deterministic() {
        var files = project(config: flagOn, [:])
        for index in 0..<200 { files["g\(index % 7)/t\(index).swift"] = task("t\(index)") }
        let prefixed = Dictionary(
            uniqueKeysWithValues: files.map {
                ($0.key.hasPrefix("Sources") ? $0.key : "Sources/App/tasks/" + $0.key, $0.value)
            })
        var reversed: [String: String] = [:]
        reversed.reserveCapacity(4096)
        for key in prefixed.keys.sorted().reversed() { reversed[key] = prefixed[key] }
        #expect(plan(prefixed).files == plan(reversed).files)
    }

    @Test("string literals are escaped; one trailing newline")
    func escaping() {
        let config =
            #"export default { experimental: { tasks: true }, tasks: { "x": { description: "quote \" backslash \\ newline \n tab \t bell \u0007 é" } } }"#
        let text = registry(plan(project(config: config, [:]).merging(["Sources/App/tasks/.keep.swift": ""]) { $1 }))
        #expect(
            text.contains(
                #".init("x", description: "quote \" backslash \\ newline \n tab \t bell \u{7} é", definition: nil),"#))
        #expect(text.hasSuffix("}\n") && !text.hasSuffix("\n\n"))
    }

    @Test("presets: config, override and unknown names")
    func presets() {
        let config = "export default { experimental: { tasks: true }, preset: 'vercel' }"
        #expect(plan(project(config: config, ["a.swift": task("a")])).model?.preset == .vercel)
        let overridden = plan(
            project(config: config, ["a.swift": task("a")]), options: BuildOptions(presetOverride: ("bun", "--preset")))
        #expect(overridden.model?.preset == .bun)
        let unknown = plan(project(config: "export default { preset: 'netlfy' }", [:]))
        #expect(
            unknown.diagnostics.contains {
                $0.description.hasPrefix(
                    "nitro.config.ts:1:26: error: unknown preset `netlfy`; the known presets are, closest first:")
            })
        let environment = plan(
            project(config: flagOn, ["a.swift": task("a")]),
            options: BuildOptions(presetOverride: ("nope", "NITRO_PRESET")))
        #expect(
            environment.diagnostics.first?.description.hasPrefix("error: NITRO_PRESET: unknown preset `nope`") == true)
    }
}
