import Foundation
import NitroJSON
import Testing

@testable import NitroBuild

@Suite("Presets: schedule validation and platform files, planned in memory")
struct PresetOutputTests {
    static let task = ["Sources/App/tasks/a.swift": "let a = defineTask { _ in }"]

    static let flag = "experimental: { tasks: true }, "

    /// Plans `config` (with `experimental.tasks` added at the front of the object).
    func plan(_ config: String, _ extra: [String: String] = [:], strict: Bool = false) -> BuildPlan {
        var files = Self.task.merging(extra) { $1 }
        files["nitro.config.ts"] = config.replacingOccurrences(of: "export default { ", with: "export default { " + Self.flag)
        return InMemoryProject(files).plan(options: BuildOptions(strict: strict))
    }

    func json(_ plan: BuildPlan, _ path: String) -> JSONValue? {
        plan.files.first { $0.path == path }.flatMap { try? JSONReader.parse($0.bytes) }
    }

    /// `nitro.config.ts:1:COLUMN` of the first `needle` in the planned (flagged) one-line config.
    func place(_ config: String, _ needle: String, plus offset: Int = 0) -> String {
        let flagged = config.replacingOccurrences(of: "export default { ", with: "export default { " + Self.flag)
        let column = flagged.utf8.count - flagged[flagged.range(of: needle)!.lowerBound...].utf8.count + 1
        return "nitro.config.ts:1:\(column + offset)"
    }

    func registry(_ plan: BuildPlan) -> String { String(decoding: plan.files[0].bytes, as: UTF8.self) }

    @Test("the cron engine checks every schedule for every preset, at the expression's column")
    func validation() {
        for preset in Preset.allCases {
            let config = "export default { preset: '\(preset.rawValue)', scheduledTasks: { '0 0 32 * *': 'a' } }"
            let result = plan(config)
            #expect(
                result.diagnostics.map(\.description).contains(
                    place(config, "'0 0 32", plus: 5) + ": error: day-of-month 32 is out of range 1-31"), "\(preset): \(result.diagnostics)"
            )
        }
        let warnedConfig = "export default { scheduledTasks: { '0 0 ? * MON': 'a' } }"
        let warned = plan(warnedConfig)
        #expect(
            warned.diagnostics.contains { $0.severity == .warning && $0.location?.description == place(warnedConfig, "'0 0 ?", plus: 5) })
        #expect(!warned.hasErrors)
    }

    @Test("platformCrons: the target's translation only; none for in-process presets and Pages")
    func platformCrons() {
        let config = { (preset: String) in
            "export default { preset: '\(preset)', scheduler: { timezone: 'Asia/Tokyo' }, cloudflare: { wrangler: { name: 'n' } }, scheduledTasks: { '0 2 * * MON': 'a' } }"
        }
        #expect(registry(plan(config("cloudflare_module"))).contains(#"platformCrons: ["cloudflare": "0 17 * * SUN"]"#))
        #expect(registry(plan(config("cloudflare-durable"))).contains(#"platformCrons: ["cloudflare": "0 17 * * SUN"]"#))
        #expect(registry(plan(config("vercel"))).contains(#"platformCrons: ["vercel": "0 17 * * 0"]"#))
        for preset in ["node_server", "bun", "dev", "cloudflare_pages"] {
            #expect(!registry(plan(config(preset))).contains("platformCrons"), "\(preset)")
            #expect(plan(config(preset)).files.count == 1)
        }
    }

    @Test("an untranslatable schedule stops the build at the config line, naming the preset")
    func untranslatable() {
        let config = "export default { preset: 'vercel', scheduledTasks: { '0 0 * * MON#2': 'a' } }"
        let result = plan(config)
        #expect(result.hasErrors)
        #expect(
            result.diagnostics.map(\.description).contains {
                $0.hasPrefix(place(config, "'0 0 * * MON", plus: 9) + ": error: preset vercel: Vercel cron has no 'L' or '#'")
            }, "\(result.diagnostics)")
    }

    @Test("wrangler merge: forced crons > cloudflare.wrangler > wrangler file; paths rebased onto the output")
    func wranglerMerge() throws {
        let result = plan(
            """
            export default { preset: 'cloudflare_module', output: { dir: 'build/out' },
              cloudflare: { wrangler: { name: 'from-config', vars: { A: 'config' }, triggers: { crons: ['5 5 * * *'] },
                assets: { directory: './public' } } },
              scheduledTasks: { '0 9 * * 1': 'a', '5 5 * * *': 'a' } }
            """,
            [
                "wrangler.json": """
                { "name": "from-file", "main": "src/index.js", "vars": { "A": "file", "B": "file" },
                  "build": { "watch_dir": ["src", "/abs"] }, "wasm_modules": { "M": "./m.wasm" },
                  "triggers": { "crons": ["1 1 * * *", "5 5 * * *"] } }
                """,
                "wrangler.toml": "name = 'ignored'",
            ])
        #expect(!result.hasErrors, "\(result.diagnostics)")
        #expect(
            result.files.map(\.path) == [
                "Sources/App/NitroTasks.generated.swift", "build/out/server/wrangler.json", ".wrangler/deploy/config.json",
            ])
        let wrangler = try #require(json(result, "build/out/server/wrangler.json"))
        #expect(
            wrangler == [
                "name": "from-config", "main": "../../../src/index.js", "vars": ["A": "config", "B": "file"],
                "assets": ["directory": "../../../public"], "build": ["watch_dir": ["../../../src", "/abs"]],
                "wasm_modules": ["M": "../../../m.wasm"],
                "triggers": ["crons": ["5 5 * * *", "1 1 * * *", "0 9 * * MON"]],
            ])
        #expect(json(result, ".wrangler/deploy/config.json") == ["configPath": "../../build/out/server/wrangler.json"])
        #expect(
            result.diagnostics.map(\.description) == [
                "nitro.config.ts:2:27: warning: the generated build/out/server/wrangler.json has no `compatibility_date`, which wrangler deploy requires; set it in wrangler.json or in `cloudflare.wrangler`",
                "wrangler.toml:1:1: warning: ignored: wrangler.json is used, as wrangler prefers wrangler.json, then wrangler.jsonc, then wrangler.toml; remove one of them",
            ])
    }

    @Test(
        "every path wrangler resolves from its file is rebased: containers' Dockerfiles and contexts, D1 migrations, site entry; registry images, build.cwd and alias stay"
    )
    func wranglerPathKeys() throws {
        let result = plan(
            "export default { preset: 'cloudflare_module' }",
            [
                "wrangler.json": """
                { "name": "x", "main": "./src/index.js", "compatibility_date": "2025-01-01",
                  "tsconfig": "tsconfig.json", "base_dir": "src", "site": { "bucket": "./public", "entry-point": "workers-site" },
                  "build": { "command": "make", "cwd": "tools", "watch_dir": "src" },
                  "alias": { "fs": "./shims/fs.js" }, "text_blobs": { "T": "t.txt" }, "data_blobs": { "D": "/abs/d.bin" },
                  "d1_databases": [{ "binding": "DB", "migrations_dir": "db/migrations" }, { "binding": "DB2" }],
                  "containers": [
                    { "class_name": "A", "image": "./Dockerfile", "image_build_context": "." },
                    { "class_name": "B", "image": "docker/app.Dockerfile" },
                    { "class_name": "C", "image": "docker.io/library/httpd:2.4" },
                    { "class_name": "D", "image": "registry.cloudflare.com/acct/app:v1", "image_build_context": "ctx" },
                    { "class_name": "E", "configuration": { "image": "../Dockerfile" } }
                  ],
                  "previews": { "containers": [{ "class_name": "A", "image": "Dockerfile.preview" }] } }
                """
            ])
        #expect(!result.hasErrors, "\(result.diagnostics)")
        let wrangler = try #require(json(result, ".output/server/wrangler.json"))
        #expect(
            wrangler == [
                "name": "x", "main": "../../src/index.js", "compatibility_date": "2025-01-01",
                "tsconfig": "../../tsconfig.json", "base_dir": "../../src",
                "site": ["bucket": "../../public", "entry-point": "../../workers-site"],
                "build": ["command": "make", "cwd": "tools", "watch_dir": "../../src"],
                "alias": ["fs": "./shims/fs.js"], "text_blobs": ["T": "../../t.txt"], "data_blobs": ["D": "/abs/d.bin"],
                "d1_databases": [["binding": "DB", "migrations_dir": "../../db/migrations"], ["binding": "DB2"]],
                "containers": [
                    ["class_name": "A", "image": "../../Dockerfile", "image_build_context": "../.."],
                    ["class_name": "B", "image": "../../docker/app.Dockerfile"],
                    ["class_name": "C", "image": "docker.io/library/httpd:2.4"],
                    ["class_name": "D", "image": "registry.cloudflare.com/acct/app:v1", "image_build_context": "../../ctx"],
                    ["class_name": "E", "configuration": ["image": "../../../Dockerfile"]],
                ],
                "previews": ["containers": [["class_name": "A", "image": "../../Dockerfile.preview"]]],
                "triggers": ["crons": []],
            ])
        #expect(WranglerMerge.isDockerfilePath("./app:v1"))
        #expect(!WranglerMerge.isDockerfilePath("https://docker.io/httpd:1"))
        #expect(!WranglerMerge.isDockerfilePath("httpd:1"))
        #expect(WranglerMerge.isDockerfilePath("Dockerfile"))
    }

    @Test("pages_build_output_dir under a Workers preset: a warning at its line, left out of the generated file")
    func pagesBuildOutputDir() throws {
        let user = plan(
            "export default { preset: 'cloudflare_module' }",
            [
                "wrangler.jsonc":
                    "{ \"name\": \"x\", \"main\": \"w.js\", \"compatibility_date\": \"2025-01-01\",\n  \"pages_build_output_dir\": \"./dist\" }"
            ])
        #expect(
            user.diagnostics.map(\.description) == [
                "wrangler.jsonc:2:3: warning: `pages_build_output_dir` in wrangler.jsonc is a Cloudflare Pages setting: wrangler deploy refuses a configuration holding it (\"It looks like you've run a Workers-specific command in a Pages project\"), so it is left out of the generated wrangler.json; remove it, or use the preset cloudflare_pages"
            ])
        #expect(json(user, ".output/server/wrangler.json")?["pages_build_output_dir"] == nil)
        let configText =
            "export default { preset: 'cloudflare_module', cloudflare: { wrangler: { name: 'x', main: 'w.js', compatibility_date: '2025-01-01', pages_build_output_dir: 'dist' } } }"
        let fromConfig = plan(configText)
        #expect(
            fromConfig.diagnostics.map(\.description).map { $0.prefix(while: { $0 != " " }) } == [
                Substring(place(configText, "pages_build") + ":")
            ])
        #expect(plan(configText, strict: true).hasErrors)
    }

    @Test("hand-written crons are checked in Cloudflare's dialect, each an error at its place in its file")
    func handWrittenCrons() {
        let user = plan(
            "export default { preset: 'cloudflare_module' }",
            ["wrangler.jsonc": "{\n  // crons\n  \"triggers\": { \"crons\": [\"0 1 * * *\",\n    \"*/5 * * * * *\", \"61 * * * *\"] }\n}"])
        #expect(
            user.diagnostics.filter(\.isError).map(\.description) == [
                "wrangler.jsonc:4:6: error: `triggers.crons` `*/5 * * * * *`: it has six fields, but a Cloudflare Cron Trigger has five (minute hour day-of-month month day-of-week) and no seconds, so wrangler deploy refuses it: write it with five fields",
                "wrangler.jsonc:4:23: error: `triggers.crons` `61 * * * *`: minute 61 is out of range 0-59",
            ])
        #expect(user.files.count == 1)  // the registry only; nothing is written with errors
        let fine = plan(
            "export default { preset: 'cloudflare_module', cloudflare: { wrangler: { triggers: { crons: ['0 0 * * SUN', '0 0 L * *'] } } } }"
        )
        #expect(!fine.hasErrors, "\(fine.diagnostics)")
    }

    @Test("wrangler problems: env in the config, malformed triggers, a broken file; what deploy needs is a warning")
    func wranglerProblems() {
        let envConfig = "export default { preset: 'cloudflare_module', cloudflare: { wrangler: { name: 'x', env: { a: {} } } } }"
        let env = plan(envConfig)
        #expect(
            env.diagnostics.map(\.description).contains {
                $0.hasPrefix(place(envConfig, "{ name") + ": error: `cloudflare.wrangler` has `env`")
            })
        #expect(env.files.count == 1)
        let triggers = plan(
            "export default { preset: 'cloudflare_module' }", ["wrangler.jsonc": "{ \"name\": \"x\",\n \"triggers\": { \"crons\": [1] } }"])
        #expect(
            triggers.diagnostics.filter(\.isError).map(\.description) == [
                "wrangler.jsonc:2:2: error: wrangler.jsonc: `triggers.crons` must be an array of strings"
            ])
        let unnamed = plan("export default { preset: 'cloudflare_module' }")
        #expect(
            unnamed.diagnostics.map(\.description) == [
                "nitro.config.ts:1:1: warning: the generated .output/server/wrangler.json has no `name`, `main`, `compatibility_date`, which wrangler deploy requires; set them in `cloudflare.wrangler` (or a wrangler.json at the root)"
            ])
        let complete = plan(
            "export default { preset: 'cloudflare_module' }",
            ["wrangler.json": #"{"name": "x", "main": "w.js", "compatibility_date": "2025-01-01"}"#])
        #expect(complete.diagnostics.isEmpty, "\(complete.diagnostics)")
        let strict = plan("export default { preset: 'cloudflare_module' }", strict: true)
        #expect(strict.hasErrors)
        #expect(json(unnamed, ".output/server/wrangler.json") == ["triggers": ["crons": []]])
        let broken = plan("export default { preset: 'cloudflare_module' }", ["wrangler.toml": "name = \n"])
        #expect(broken.diagnostics.filter(\.isError).map(\.description) == ["wrangler.toml:1:8: error: expected a value"])
    }

    @Test("Vercel: keeps other keys, version 3, route from the config, user crons checked and deduplicated")
    func vercel() throws {
        let result = plan(
            """
            export default { preset: 'vercel', vercel: { cronHandlerRoute: '/cron',
              config: { crons: [{ path: '/cron', schedule: '0 0 * * *' }, { path: '/x', schedule: '0 0 * * *' }] } },
              scheduledTasks: { '@daily': 'a' } }
            """,
            [
                ".vercel/output/config.json":
                    #"{"version": 2, "routes": [{"handle": "filesystem"}], "crons": [{"path": "/old", "schedule": "0 1 * * *"}]}"#
            ])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(
            json(result, ".vercel/output/config.json") == [
                "version": 3, "routes": [["handle": "filesystem"]],
                "crons": [
                    ["path": "/old", "schedule": "0 1 * * *"], ["path": "/cron", "schedule": "0 0 * * *"],
                    ["path": "/x", "schedule": "0 0 * * *"],
                ],
            ])
        let custom = plan("export default { preset: 'vercel', output: { dir: 'out' } }")
        #expect(custom.files.map(\.path).last == "out/config.json")
    }

    @Test("Vercel: another tool's crons in config.json are kept first, ours rebuilt; a second build changes nothing")
    func vercelForeignCrons() throws {
        let config = """
            export default { preset: 'vercel', vercel: { cronHandlerRoute: '/api/cron',
              config: { crons: [{ path: '/api/report', schedule: '0 6 * * 1' }] } },
              scheduledTasks: { '@daily': 'a' } }
            """
        let existing = #"""
            {"version": 3, "crons": [
              {"path": "/api/cron", "schedule": "0 5 * * *"},
              {"path": "/_vercel/cron", "schedule": "0 4 * * *"},
              {"path": "/api/sitemap", "schedule": "0 2 * * *"},
              {"path": "/api/report", "schedule": "0 6 * * 1"},
              {"path": "/api/sitemap", "schedule": "0 2 * * *"},
              {"path": "/api/cleanup", "schedule": "30 1 * * *"}
            ]}
            """#
        let first = plan(config, [".vercel/output/config.json": existing])
        #expect(first.diagnostics.isEmpty, "\(first.diagnostics)")
        let written = try #require(first.files.first { $0.path == ".vercel/output/config.json" })
        // The old schedule on our route and the old default route are ours: gone. The others stay,
        // in their order and once, before the schedules and `vercel.config.crons`.
        #expect(
            json(first, ".vercel/output/config.json")?["crons"] == [
                ["path": "/api/sitemap", "schedule": "0 2 * * *"], ["path": "/api/cleanup", "schedule": "30 1 * * *"],
                ["path": "/api/cron", "schedule": "0 0 * * *"], ["path": "/api/report", "schedule": "0 6 * * 1"],
            ])
        let second = plan(config, [".vercel/output/config.json": String(decoding: written.bytes, as: UTF8.self)])
        #expect(second.files.first { $0.path == ".vercel/output/config.json" }?.bytes == written.bytes)
        #expect(VercelConfigOutput.isOwn(("/_vercel/cron", "* * * * *"), route: "/x", config: NitroConfig()))
        #expect(!VercelConfigOutput.isOwn(("/_vercel/cron2", "* * * * *"), route: "/x", config: NitroConfig()))
        let malformed = plan(
            "export default { preset: 'vercel' }", [".vercel/output/config.json": #"{"crons": [{"path": "/a"}]}"#])
        #expect(
            malformed.diagnostics.map(\.description) == [
                ".vercel/output/config.json:1:1: error: `crons[0]` must be an object with a string `path` and `schedule` (Vercel's cron job); fix or delete this file"
            ])
    }

    @Test("Vercel problems: a broken existing file, a route without /, a short schedule, limits")
    func vercelProblems() {
        let broken = plan("export default { preset: 'vercel' }", [".vercel/output/config.json": "{\n  \"a\": ,\n}"])
        #expect(broken.diagnostics.first?.description.hasPrefix(".vercel/output/config.json:2:8: error:") == true)
        let array = plan("export default { preset: 'vercel' }", [".vercel/output/config.json": "[]"])
        #expect(array.diagnostics.first?.message.contains("must be a JSON object") == true)
        let routeConfig = "export default { preset: 'vercel', vercel: { cronHandlerRoute: 'cron' } }"
        let route = plan(routeConfig)
        #expect(
            route.diagnostics.map(\.description) == [
                place(routeConfig, "'cron'")
                    + ": error: `vercel.cronHandlerRoute` must start with `/` (Vercel calls this path on the deployment); found `cron`"
            ])
        let short = plan("export default { preset: 'vercel', vercel: { config: { crons: [{ path: '/a', schedule: '@daily' }] } } }")
        #expect(short.diagnostics.map(\.message).contains { $0.contains("9-256 characters; this one has 6") }, "\(short.diagnostics)")
        let hourly = plan("export default { preset: 'vercel', scheduledTasks: { '0 * * * *': 'a', '0 9 * * 1-5': 'a' } }")
        #expect(hourly.diagnostics.map(\.message).filter { $0.contains("Hobby") }.count == 1)
    }

    @Test("the Hobby check: more than one firing on some UTC day of the year")
    func hobby() {
        for cron in ["* * * * *", "0 */12 * * *", "0 9,21 * * *", "0 0,23 1 * *"] {
            #expect(VercelConfigOutput.firesMoreThanOnceADay(cron), "\(cron)")
        }
        for cron in ["0 9 * * *", "0 9 * * 1-5", "59 23 * * *", "0 0 1 * *", "0 0 29 2 *", "not cron"] {
            #expect(!VercelConfigOutput.firesMoreThanOnceADay(cron), "\(cron)")
        }
    }

    @Test("Pages: a warning with schedules (an error under --strict), nothing without")
    func pages() {
        let config = "export default { preset: 'cloudflare-pages', scheduledTasks: { '@hourly': 'a', '@daily': 'a' } }"
        let warned = plan(config)
        #expect(
            warned.diagnostics.map(\.description) == [
                place(config, "'@hourly'")
                    + ": warning: Cloudflare Pages has no Cron Triggers, so these 2 schedules would never run there; deploy with the `cloudflare_module` preset (a Worker with Cron Triggers) instead"
            ])
        #expect(plan(config, strict: true).hasErrors)
        #expect(plan("export default { preset: 'cloudflare-pages' }").diagnostics.isEmpty)
    }

    @Test("scheduler.enabled: false reaches the registry; true or unset leaves it as before")
    func schedulerEnabled() {
        #expect(
            registry(plan("export default { scheduler: { enabled: false } }")).contains(
                "timeZone: \"UTC\",\n        schedulerEnabled: false\n    )"))
        #expect(!registry(plan("export default { scheduler: { enabled: true } }")).contains("schedulerEnabled"))
        #expect(!registry(plan("export default {}")).contains("schedulerEnabled"))
    }
}
