import NitroJSON
import Testing

@testable import NitroBuild

@Suite("Config reader")
struct ConfigReaderTests {
    func read(_ text: String, path: String = "nitro.config.ts") -> ConfigReading {
        ConfigReader.read([SourceFile(path: path, text: text)])
    }

    @Test("a TypeScript config: comments, trailing commas, bare keys, every quote style")
    func typeScript() {
        let reading = read(
            """
            import { defineNitroConfig } from "nitro/config";
            // line comment with { braces
            export default defineNitroConfig({
              /* block */ experimental: { tasks: true, },
              preset: 'cloudflare-module',
              tasks: {
                'db:seed': { description: `Seed "it"` },
                "db:migrate": { handler: "./Sources/App/jobs/migrate.swift", description: 'Run\\n' },
              },
              scheduledTasks: {
                "* * * * *": ['cms:update', "db:seed",],
                '0 * * * *': "db:cleanup",
              },
              scheduler: { timezone: "Europe/Paris", enabled: false },
              output: { dir: "./.output/", registry: "Sources/App/Generated/Registry.swift" },
              runtimeConfig: { secret: process.env.SECRET, list: [a(), ...b] },
              routeRules: { "/api/**": { cors: true, headers: { x: `${y}` } } },
            });
            """)
        #expect(reading.diagnostics.isEmpty, "\(reading.diagnostics)")
        let config = reading.config
        #expect(config.experimentalTasks?.value == true)
        #expect(config.preset?.value == "cloudflare-module")
        #expect(config.tasks.map(\.name.value) == ["db:seed", "db:migrate"])
        #expect(config.tasks[0].description?.value == "Seed \"it\"")
        #expect(config.tasks[1].handler?.value == "./Sources/App/jobs/migrate.swift")
        #expect(config.tasks[1].description?.value == "Run\n")
        #expect(config.scheduledTasks.map(\.cron.value) == ["* * * * *", "0 * * * *"])
        #expect(config.scheduledTasks[0].tasks.map(\.value) == ["cms:update", "db:seed"])
        #expect(config.scheduledTasks[1].tasks.map(\.value) == ["db:cleanup"])
        #expect(config.scheduledTasks[1].cron.location == SourceLocation(path: "nitro.config.ts", line: 12, column: 5))
        #expect(config.schedulerTimeZone?.value == "Europe/Paris")
        #expect(config.schedulerEnabled?.value == false)
        #expect(config.outputDir?.value == ".output")
        #expect(config.outputRegistry?.value == "Sources/App/Generated/Registry.swift")
    }

    @Test("other export forms: plain object, a const, module.exports, generic call")
    func exportForms() {
        for text in [
            "export default { preset: 'bun' }",
            "const config = { preset: 'bun' } satisfies NitroConfig\nexport default config",
            "const config = defineNitroConfig({ preset: 'bun' })\nexport default config",
            "module.exports = { preset: 'bun' }",
            "export default defineConfig<NitroConfig>({ preset: 'bun' } as const)",
        ] {
            let reading = read(text, path: "nitro.config.js")
            #expect(reading.diagnostics.isEmpty, "\(text): \(reading.diagnostics)")
            #expect(reading.config.preset?.value == "bun", "\(text)")
        }
    }

    @Test("a dynamic value in a key this tool reads is an error at its line and column")
    func dynamicRead() {
        let reading = read(
            """
            export default defineNitroConfig({
              scheduledTasks: {
                "* * * * *": process.env.TASKS,
              },
              preset: getPreset(),
            })
            """)
        let errors = reading.diagnostics.filter(\.isError)
        #expect(errors.count == 2)
        #expect(errors[0].location == SourceLocation(path: "nitro.config.ts", line: 3, column: 18))
        #expect(errors[0].message.contains("`process.env.TASKS` is computed when the config runs"))
        #expect(errors[1].location == SourceLocation(path: "nitro.config.ts", line: 5, column: 11))
    }

    @Test("a spread inside `tasks` is an error; at the top level a warning")
    func spreads() {
        let inside = read("export default { tasks: { ...more } }")
        #expect(inside.diagnostics.map(\.severity) == [.error])
        let top = read("export default { ...base, preset: 'bun' }")
        #expect(top.diagnostics.map(\.severity) == [.warning])
        #expect(top.config.preset?.value == "bun")
    }

    @Test("wrong types and unknown keys")
    func typesAndUnknownKeys() {
        let reading = read(
            """
            export default {
              experimental: { tasks: "yes", taks: true },
              scheduledTask: {},
              scheduledTasks: { "* * * * *": 3 },
              tasks: { "a": { handler: "x.swift", descripton: "d" } },
              scheduler: { timezone: "Europe/Pariss" },
              fancyOption: 1,
            }
            """)
        let messages = reading.diagnostics.map(\.description)
        #expect(
            messages == [
                "nitro.config.ts:2:26: error: `experimental.tasks` must be true or false, found a string",
                "nitro.config.ts:2:33: warning: unknown config key `experimental.taks`; did you mean `experimental.tasks`?",
                "nitro.config.ts:3:3: warning: unknown config key `scheduledTask`; did you mean `scheduledTasks`?",
                "nitro.config.ts:4:34: error: `scheduledTasks[\"* * * * *\"]` must be a task name or an array of task names, found a number",
                "nitro.config.ts:5:39: warning: unknown config key `tasks[\"a\"].descripton`; did you mean `tasks[\"a\"].description`?",
                "nitro.config.ts:6:26: error: unknown time zone `Europe/Pariss`; use an IANA name such as `UTC` or `Europe/Paris`; did you mean `Europe/Paris`?",
                "nitro.config.ts:7:3: warning: unknown config key `fancyOption`; it is not a Nitro option and nitro build ignores it",
            ])
    }

    @Test("JSON configs are strict")
    func json() {
        let good = read(
            #"{ "preset": "vercel", "vercel": { "config": { "crons": [{ "path": "/x", "schedule": "0 0 * * *" }] } } }"#,
            path: "nitro.config.json")
        #expect(good.diagnostics.isEmpty)
        #expect(good.config.vercelCrons?.first?.schedule.value == "0 0 * * *")
        for bad in ["{ preset: 'x' }", "{ \"a\": 1, }", "{ // c\n }", "[1]", "{ \"a\": 01 }"] {
            #expect(read(bad, path: "nitro.config.json").diagnostics.hasErrors, "\(bad)")
        }
    }

    @Test("cloudflare.wrangler is read as static JSON")
    func wrangler() {
        let reading = read("export default { cloudflare: { wrangler: { name: 'app', vars: { A: 1 } } } }")
        #expect(reading.config.cloudflareWrangler?.value == ["name": "app", "vars": ["A": 1]])
    }

    @Test("cloudflare.container: true takes the defaults, an object sets each key, an unknown key is an error at its place")
    func cloudflareContainer() {
        let defaults = read("export default { cloudflare: { container: true } }")
        #expect(defaults.diagnostics.isEmpty)
        let container = defaults.config.cloudflareContainer
        #expect(container?.classNameValue == "NitroApp")
        #expect(container?.portValue == 8080)
        #expect(container?.imageValue == "./Dockerfile")
        #expect(container?.bindingValue == "NITRO_CONTAINER")
        #expect(container?.secretBindingValue == "NITRO_SCHEDULED_SECRET")

        let json = read(
            """
            {
              "cloudflare": {
                "container": { "image": "./app.Dockerfile", "port": 3000, "maxInstances": 2, "sleepAfter": "1h",
                  "className": "SwiftApp", "binding": "APP", "instanceType": "standard-1", "secretBinding": "CRON_KEY",
                  "imgae": "x" }
              }
            }
            """, path: "nitro.config.json")
        let set = json.config.cloudflareContainer
        #expect(set?.imageValue == "./app.Dockerfile")
        #expect(set?.portValue == 3000)
        #expect(set?.maxInstancesValue == 2)
        #expect(set?.sleepAfterValue == "1h")
        #expect(set?.classNameValue == "SwiftApp")
        #expect(set?.bindingValue == "APP")
        #expect(set?.instanceType?.value == "standard-1")
        #expect(set?.secretBindingValue == "CRON_KEY")
        #expect(
            json.diagnostics.map(\.description) == [
                "nitro.config.json:5:7: error: unknown config key `cloudflare.container.imgae`; did you mean `cloudflare.container.image`?"
            ])
        let wrong = read("export default { cloudflare: { container: 'yes' } }")
        #expect(
            wrong.diagnostics.map(\.description) == [
                "nitro.config.ts:1:43: error: `cloudflare.container` must be an object or true, found a string"
            ])
    }

    @Test("vercel.origin must be an https origin without a path")
    func vercelOrigin() {
        #expect(
            read("export default { vercel: { origin: 'https://app.example.com' } }").config.vercelOrigin?.value == "https://app.example.com"
        )
        for bad in ["http://app.example.com", "https://app.example.com/", "https://", "https://a.example.com/cron", "app.example.com"] {
            let reading = read("export default { vercel: { origin: '\(bad)' } }")
            #expect(reading.config.vercelOrigin == nil)
            #expect(reading.diagnostics.first?.message.hasPrefix("`vercel.origin` must be the https URL") == true, "\(bad)")
        }
    }

    @Test("two config files is an error; no config at all is fine")
    func fileCount() {
        let two = ConfigReader.read([
            SourceFile(path: "nitro.config.json", text: "{}"),
            SourceFile(path: "nitro.config.ts", text: "export default {}"),
        ])
        #expect(
            two.diagnostics.map(\.description) == [
                "nitro.config.json:1:1: error: two config files: nitro.config.ts and nitro.config.json; Nitro would read only one, so keep one and delete the other"
            ])
        #expect(ConfigReader.read([]).diagnostics.isEmpty)
    }

    @Test("syntax errors point at the place")
    func syntax() {
        let reading = read("export default {\n  preset: 'bun\n}")
        #expect(reading.diagnostics.map(\.description) == ["nitro.config.ts:2:11: error: unterminated string"])
        let missing = read("export const x = 1")
        #expect(missing.diagnostics.first?.message.hasPrefix("found no static config object") == true)
    }

    @Test("presets accept - or _, unknown ones list the known presets closest first")
    func presets() {
        #expect(Preset(name: "node-server") == .nodeServer)
        #expect(Preset(name: "cloudflare_module") == .cloudflareModule)
        #expect(Preset(name: "netlify") == nil)
        #expect(Preset.namesClosest(to: "vercell").first == "vercel")
        #expect(Preset.namesClosest(to: "node-servr").first == "node_server")
        #expect(Preset.namesClosest(to: "x").count == Preset.allCases.count)
    }
}
