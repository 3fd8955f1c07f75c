import Foundation
import NitroJSON
import Testing

@testable import NitroBuild

/// The platform files `nitro build` writes satisfy the small JSON Schemas in `Fixtures/schemas`,
/// written from the platforms' documented rules (Docs/Presets.md cites them). CI checks the same
/// goldens with PyPI's jsonschema (`Fixtures/schemas/check.py`).
@Suite("Presets: generated platform files against their JSON Schemas")
struct PresetSchemaTests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func schema(_ name: String) throws -> PresetSchemaValidator {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: root + "/Fixtures/schemas/" + name))
        return PresetSchemaValidator(schema: try JSONReader.parse(bytes))
    }

    static let kinds: [(schema: String, suffix: String)] = [
        ("wrangler-triggers.schema.json", "/server/wrangler.json"),
        ("wrangler-deploy-config.schema.json", ".wrangler/deploy/config.json"),
        ("vercel-config.schema.json", "config.json"),
    ]

    /// Every golden platform file, by schema name.
    static func goldenFiles() -> [(schema: String, path: String)] {
        let build = root + "/Fixtures/build"
        var result: [(String, String)] = []
        let cases = (try? FileManager.default.contentsOfDirectory(atPath: build)) ?? []
        for name in cases.sorted() where name.hasPrefix("preset-") {
            let files = build + "/" + name + "/expected/files"
            guard let enumerator = FileManager.default.enumerator(atPath: files) else { continue }
            while let relative = enumerator.nextObject() as? String {
                if relative.hasSuffix("/server/wrangler.json") {
                    result.append(("wrangler-triggers.schema.json", files + "/" + relative))
                } else if relative == ".wrangler/deploy/config.json" {
                    result.append(("wrangler-deploy-config.schema.json", files + "/" + relative))
                } else if relative.hasSuffix("output/config.json") {
                    result.append(("vercel-config.schema.json", files + "/" + relative))
                }
            }
        }
        return result
    }

    @Test("every golden wrangler.json, deploy redirect and Vercel config is valid")
    func goldens() throws {
        let files = Self.goldenFiles()
        #expect(files.count >= 12, "found \(files.map(\.path))")
        #expect(Set(files.map(\.schema)).count == 3)
        for file in files {
            let document = try JSONReader.parse(try Data(contentsOf: URL(fileURLWithPath: file.path)))
            let errors = try Self.schema(file.schema).errors(document)
            #expect(errors.isEmpty, "\(file.path): \(errors)")
        }
    }

    @Test("the schemas reject what the platforms reject")
    func rejections() throws {
        let vercel = try Self.schema("vercel-config.schema.json")
        let long = String(repeating: "a", count: 512)
        let bad: [JSONValue] = [
            ["version": 2, "crons": []],
            ["version": 3],
            ["version": 3, "crons": [["path": "api/cron", "schedule": "0 0 * * *"]]],
            ["version": 3, "crons": [["path": .string("/" + long), "schedule": "0 0 * * *"]]],
            ["version": 3, "crons": [["path": "/cron", "schedule": "@daily"]]],
            ["version": 3, "crons": [["path": "/cron", "schedule": "0 0 * * *", "extra": true]]],
            ["version": 3, "crons": [["path": "/cron"]]],
            ["version": 3, "crons": [["path": "/c", "schedule": "0 0 * * *"], ["path": "/c", "schedule": "0 0 * * *"]]],
        ]
        for document in bad { #expect(!vercel.errors(document).isEmpty, "accepted \(JSONWriter.compact(document))") }
        #expect(vercel.errors(["version": 3, "crons": [], "routes": []]).isEmpty)
        #expect(vercel.errors(["version": 3, "crons": [["path": .string("/" + long.dropLast()), "schedule": "0 0 * * *"]]]).isEmpty)

        let wrangler = try Self.schema("wrangler-triggers.schema.json")
        #expect(wrangler.errors(["name": "w", "triggers": ["crons": []]]).isEmpty)
        #expect(!wrangler.errors(["name": "w"]).isEmpty)
        #expect(!wrangler.errors(["triggers": ["crons": ["0 0 * * * *"]]]).isEmpty)
        #expect(!wrangler.errors(["triggers": ["crons": ["0 0 * * *", "0 0 * * *"]]]).isEmpty)
        #expect(!wrangler.errors(["triggers": ["crons": []], "env": ["staging": [:]]]).isEmpty)

        let redirect = try Self.schema("wrangler-deploy-config.schema.json")
        #expect(redirect.errors(["configPath": "../../.output/server/wrangler.json"]).isEmpty)
        #expect(!redirect.errors(["configPath": "/abs/wrangler.json"]).isEmpty)
        #expect(!redirect.errors(["configPath": "../../x.json", "other": 1]).isEmpty)
    }

    @Test("the wrangler schema takes the container entries as wrangler does, and rejects what it rejects")
    func containerEntries() throws {
        let wrangler = try Self.schema("wrangler-triggers.schema.json")
        let good: JSONValue = [
            "name": "w", "main": "index.mjs", "triggers": ["crons": []],
            "containers": [["class_name": "NitroApp", "image": "../../Dockerfile", "max_instances": 3, "instance_type": "basic"]],
            "durable_objects": ["bindings": [["name": "NITRO_CONTAINER", "class_name": "NitroApp"]]],
            "migrations": [["tag": "nitro-NitroApp", "new_sqlite_classes": ["NitroApp"]]],
        ]
        #expect(wrangler.errors(good).isEmpty, "\(wrangler.errors(good))")
        let bad: [JSONValue] = [
            ["triggers": ["crons": []], "containers": [["class_name": "NitroApp"]]],
            ["triggers": ["crons": []], "containers": [["image": "./Dockerfile", "max_instances": 1.5]]],
            ["triggers": ["crons": []], "containers": [["image": "./Dockerfile", "instance_type": "huge"]]],
            ["triggers": ["crons": []], "containers": ["image": "./Dockerfile"]],
            ["triggers": ["crons": []], "durable_objects": ["bindings": [["name": "A"]]]],
            ["triggers": ["crons": []], "migrations": [["new_sqlite_classes": ["NitroApp"]]]],
            ["triggers": ["crons": []], "migrations": [["tag": "v1", "new_sqlite_classes": "NitroApp"]]],
            ["triggers": ["crons": []], "main": ""],
        ]
        for document in bad { #expect(!wrangler.errors(document).isEmpty, "accepted \(JSONWriter.compact(document))") }

        // What nitro build writes for `cloudflare.container`, with and without a user file.
        for project in [
            [
                "nitro.config.ts":
                    "export default { preset: 'cloudflare_module', cloudflare: { container: true, wrangler: { name: 'x' } }, scheduledTasks: { '0 0 * * *': 'a' } }"
            ],
            [
                "nitro.config.ts":
                    "export default { preset: 'cloudflare_module', cloudflare: { container: { className: 'App', maxInstances: 2, instanceType: 'lite' } }, scheduledTasks: { '0 0 * * *': 'a' } }",
                "wrangler.toml": "name = 'x'\n[[migrations]]\ntag = 'v1'\nnew_classes = ['Old']\n",
            ],
        ] {
            var files = project
            files["Sources/App/tasks/a.swift"] = "let a = defineTask { _ in }"
            let plan = InMemoryProject(files).plan()
            #expect(!plan.hasErrors, "\(plan.diagnostics)")
            let wranglerFile = try #require(plan.files.first { $0.path.hasSuffix("/server/wrangler.json") })
            let document = try JSONReader.parse(wranglerFile.bytes)
            #expect(wrangler.errors(document).isEmpty, "\(wrangler.errors(document))")
            #expect(document["main"] == "index.mjs")
            #expect(plan.files.contains { $0.path == ".output/server/index.mjs" })
        }
    }

    @Test("vercel.origin: the cron route passed on to the app is a valid route, first, rebuilt each build")
    func vercelOriginRoute() throws {
        let vercel = try Self.schema("vercel-config.schema.json")
        #expect(!vercel.errors(["version": 3, "crons": [], "routes": [["handle": "nowhere"]]]).isEmpty)
        #expect(!vercel.errors(["version": 3, "crons": [], "routes": [["src": .string(String(repeating: "a", count: 4097))]]]).isEmpty)
        #expect(!vercel.errors(["version": 3, "crons": [], "routes": ["^/x$"]]).isEmpty)

        #expect(VercelOriginRoute.source(for: "/api/cron.v1") == #"^/api/cron\.v1$"#)
        let existing: JSONValue = [["src": "^/_vercel/cron$", "dest": "https://old.example.com/_vercel/cron"], ["handle": "filesystem"]]
        let routes = VercelOriginRoute.routes(origin: "https://app.example.com", route: "/_vercel/cron", existing: existing)
        #expect(routes.routes == [["src": "^/_vercel/cron$", "dest": "https://app.example.com/_vercel/cron"], ["handle": "filesystem"]])
        #expect(VercelOriginRoute.routes(origin: nil, route: "/_vercel/cron", existing: existing).routes == [["handle": "filesystem"]])
        #expect(VercelOriginRoute.routes(origin: nil, route: "/_vercel/cron", existing: nil).routes == nil)
        #expect(VercelOriginRoute.routes(origin: nil, route: "/_vercel/cron", existing: "x").problem != nil)

        let plan = InMemoryProject([
            "nitro.config.ts":
                "export default { preset: 'vercel', vercel: { origin: 'https://swift.example.com' }, scheduledTasks: { '0 0 * * *': 'a' } }",
            "Sources/App/tasks/a.swift": "let a = defineTask { _ in }",
        ]).plan()
        #expect(!plan.hasErrors, "\(plan.diagnostics)")
        let config = try JSONReader.parse(try #require(plan.files.first { $0.path == ".vercel/output/config.json" }).bytes)
        #expect(vercel.errors(config).isEmpty, "\(vercel.errors(config))")
        #expect(config["routes"] == [["src": "^/_vercel/cron$", "dest": "https://swift.example.com/_vercel/cron"]])
        #expect(config["crons"] == [["path": "/_vercel/cron", "schedule": "0 0 * * *"]])
    }

    @Test("cloudflare.container and vercel.origin under another preset are a warning at the key")
    func platformKeysUnderAnotherPreset() {
        let plan = InMemoryProject([
            "nitro.config.ts":
                "export default { preset: 'node_server', cloudflare: { container: true }, vercel: { origin: 'https://a.example.com' } }",
            "Sources/App/tasks/a.swift": "let a = defineTask { _ in }",
        ]).plan()
        #expect(!plan.hasErrors, "\(plan.diagnostics)")
        #expect(
            plan.diagnostics.map(\.description).dropFirst() == [
                "nitro.config.ts:1:66: warning: `cloudflare.container` is read only by the presets cloudflare_module and cloudflare_durable, not node_server: no Worker is written",
                "nitro.config.ts:1:92: warning: `vercel.origin` is read only by the preset vercel, not node_server: no route is written",
            ])
        #expect(plan.files.count == 1)
    }

    @Test("many schedules and user crons still give valid files (with the limit warnings)")
    func largePlans() throws {
        var schedules = ""
        for minute in 0..<60 { for hour in [1, 2] { schedules += "'\(minute) \(hour) * * *': 'a', " } }
        for preset in ["vercel", "cloudflare_module"] {
            let plan = InMemoryProject([
                "nitro.config.ts":
                    "export default { experimental: { tasks: true }, preset: '\(preset)', cloudflare: { wrangler: { name: 'x' } }, scheduledTasks: { \(schedules) } }",
                "Sources/App/tasks/a.swift": "let a = defineTask { _ in }",
            ]).plan()
            #expect(!plan.hasErrors, "\(plan.diagnostics)")
            let warning = preset == "vercel" ? "Vercel allows 100 per project" : "the Workers Free plan allows 5"
            #expect(plan.diagnostics.contains { $0.message.contains(warning) }, "\(plan.diagnostics)")
            for file in plan.files.dropFirst() {
                let name = Self.kinds.first { file.path.hasSuffix($0.suffix) }!.schema
                let errors = try Self.schema(name).errors(try JSONReader.parse(file.bytes))
                #expect(errors.isEmpty, "\(file.path): \(errors)")
            }
        }
    }
}
