import NitroJSON
import Testing

@testable import NitroBuild

/// Every recursive reader, given input nested 100,000 deep, answers with a located error naming
/// its limit (or reads it iteratively) instead of overflowing the stack (issue 13).
@Suite("Input nested 100,000 deep")
struct DeepNestingTests {
    static let depth = 100_000

    func configErrors(_ path: String, _ text: String) -> [String] {
        ConfigReader.read([SourceFile(path: path, text: text)]).diagnostics.map(\.description)
    }

    // MARK: TS/JS config: ScriptLexer, ConfigLiteralParser, ConfigDecoder

    @Test("nested template literals in nitro.config.ts", arguments: [15_000, DeepNestingTests.depth])
    func templateLiterals(depth: Int) {
        let nested = String(repeating: "`${", count: depth) + String(repeating: "}`", count: depth)
        let text = "export default defineNitroConfig({\n  runtimeConfig: { x: \(nested) },\n})\n"
        // The 129th backtick: column 23 + 3 × 128 on line 2.
        #expect(
            configErrors("nitro.config.ts", text) == [
                "nitro.config.ts:2:\(23 + 3 * 128): error: template literals nest deeper than 128 levels here "
                    + "(`${ … }` inside `${ … }`); nitro build reads configs without running them: write the value itself"
            ])
    }

    @Test("128 nested template literals still read (as a computed value)")
    func templateLiteralsAtTheLimit() throws {
        let nested = String(repeating: "`${", count: 128) + "1" + String(repeating: "}`", count: 128)
        let value = try ConfigReader.parse(SourceFile(path: "nitro.config.ts", text: "export default { x: \(nested) }"))
        guard case .object(let members) = value.kind, case .dynamic = members.first?.value.kind else {
            Issue.record("expected a dynamic value, got \(value)")
            return
        }
    }

    @Test("nested objects and arrays in a script and in JSON")
    func objectsAndArrays() {
        let objects = String(repeating: "{a:", count: Self.depth) + "1" + String(repeating: "}", count: Self.depth)
        #expect(
            configErrors("nitro.config.ts", "export default {\n  runtimeConfig: \(objects)\n}")
                == ["nitro.config.ts:2:\(18 + 3 * 127): error: arrays and objects nest deeper than 128 levels here"])
        let arrays = String(repeating: "[", count: Self.depth) + String(repeating: "]", count: Self.depth)
        #expect(
            configErrors("nitro.config.json", "{\"a\": \(arrays)}")
                == ["nitro.config.json:1:\(7 + 127): error: arrays and objects nest deeper than 128 levels here"])
    }

    @Test("a chain of 100,000 `const` names to the exported object")
    func constChains() {
        var text = "export default c0\n"
        for index in 0..<Self.depth { text += "const c\(index) = c\(index + 1)\n" }
        text += "const c\(Self.depth) = { preset: \"vercel\" }\n"
        #expect(
            configErrors("nitro.config.ts", text) == [
                "nitro.config.ts:1:1: error: the exported config is reached through more than 128 `const` names; "
                    + "write `export default defineNitroConfig({ … })`"
            ])
        // A short chain still reads.
        let short = "export default a\nconst a = b\nconst b = defineNitroConfig({ preset: \"vercel\" })\n"
        #expect(ConfigReader.read([SourceFile(path: "nitro.config.ts", text: short)]).config.preset?.value == "vercel")
    }

    @Test("the decoder on values under keys it reads (bounded by the parser)")
    func decoderKeys() {
        let objects = String(repeating: "{a:", count: Self.depth) + "1" + String(repeating: "}", count: Self.depth)
        for key in ["cloudflare: { wrangler: ", "tasks: { x: ", "scheduledTasks: { \"* * * * *\": ", "vercel: { config: { crons: "] {
            let errors = configErrors("nitro.config.ts", "export default {\n\(key)\(objects)")
            #expect(errors.count == 1 && errors[0].hasSuffix("error: arrays and objects nest deeper than 128 levels here"), "\(key): \(errors)")
        }
        // At the limit, the decoder and the JSON conversion of `cloudflare.wrangler` run through.
        let fine = String(repeating: "{a:", count: 126) + "1" + String(repeating: "}", count: 126)
        let reading = ConfigReader.read([
            SourceFile(path: "nitro.config.ts", text: "export default { cloudflare: { wrangler: \(fine) } }")
        ])
        #expect(reading.diagnostics.isEmpty, "\(reading.diagnostics)")
        #expect(reading.config.cloudflareWrangler != nil)
    }

    // MARK: Swift lexer and task-file inspector

    func inspect(_ text: String) -> TaskFileInspection {
        TaskFileInspector.inspect(SourceFile(path: "tasks/deep.swift", text: text))
    }

    @Test("nested string interpolations")
    func interpolations() {
        let text = "let text = \"" + String(repeating: #"\(""#, count: Self.depth) + "\"\nlet deep = defineTask { _ in }\n"
        let inspection = inspect(text)
        #expect(inspection.declaration == nil)
        // The 257th `\(` opens at column 12 + 3 × 256 + 1.
        #expect(
            inspection.diagnostics.first?.description
                == "tasks/deep.swift:1:\(12 + 3 * 256 + 1): error: string interpolations nest deeper than 256 levels here; "
                + "the rest of the file cannot be read: split the expression")
    }

    @Test("nested block comments are skipped iteratively")
    func blockComments() {
        let comment = String(repeating: "/* ", count: Self.depth) + String(repeating: "*/ ", count: Self.depth)
        let inspection = inspect(comment + "\nlet deep = defineTask { _ in }\n")
        #expect(inspection.diagnostics.isEmpty, "\(inspection.diagnostics)")
        #expect(inspection.declaration?.symbol == "deep")
        // Unclosed, they comment out the rest of the file.
        #expect(inspect(String(repeating: "/* ", count: Self.depth) + "\nlet deep = defineTask { _ in }\n").declaration == nil)
    }

    @Test("raw strings and regex literals with 100,000 delimiters or groups")
    func rawStringsAndRegexes() {
        let hashes = String(repeating: "#", count: Self.depth)
        for text in [
            "let raw = \(hashes)\"a\"\(hashes)\n", "let regex = \(hashes)/a/\(hashes)\n",
            "let regex = /" + String(repeating: "(", count: Self.depth) + String(repeating: ")", count: Self.depth) + "/\n",
            "let raw = \(hashes)\"\"\"\n\\\(hashes)(" + String(repeating: "(", count: Self.depth) + "\n",
        ] {
            let inspection = inspect(text + "let deep = defineTask { _ in }\n")
            #expect(LexerFuzzRegressionTests.tokensInPlace(text))
            #expect(inspection.diagnostics.allSatisfy { $0.location != nil })
        }
        let closed = inspect("let raw = \(hashes)\"a\"\(hashes)\nlet deep = defineTask { _ in }\n")
        #expect(closed.declaration?.symbol == "deep")
    }

    @Test("brackets 100,000 deep before the declaration")
    func brackets() {
        let parens = "let x = " + String(repeating: "(", count: Self.depth) + String(repeating: ")", count: Self.depth)
        let braces = "func f() " + String(repeating: "{", count: Self.depth) + String(repeating: "}", count: Self.depth)
        for text in [parens, braces] {
            #expect(inspect(text + "\nlet deep = defineTask { _ in }\n").declaration?.symbol == "deep")
        }
    }

    @Test("`#if` blocks 100,000 deep")
    func conditionalBlocks() {
        let text =
            String(repeating: "#if A\n", count: Self.depth) + "let deep = defineTask { _ in }\n"
            + String(repeating: "#else\nlet deep = defineTask { _ in }\n#endif\n", count: Self.depth)
        let inspection = inspect(text)
        #expect(inspection.declaration == nil)
        #expect(
            inspection.diagnostics.first?.description
                == "tasks/deep.swift:129:1: error: `#if` blocks nest deeper than 128 levels here; nitro build stops reading "
                + "this file: move the task out of the nested blocks")
        // 128 levels still work.
        let fine =
            String(repeating: "#if A\n", count: 128) + "let deep = defineTask { _ in }\n"
            + String(repeating: "#else\nlet deep = defineTask { _ in }\n#endif\n", count: 128)
        #expect(inspect(fine).declaration?.symbol == "deep")
    }

    // MARK: JSON, JSONC and TOML

    @Test("JSON: arrays and objects")
    func json() {
        let arrays = String(repeating: "[", count: Self.depth) + String(repeating: "]", count: Self.depth)
        let objects = String(repeating: "{\"a\":", count: Self.depth) + "1" + String(repeating: "}", count: Self.depth)
        #expect(throws: JSONSyntaxError(line: 1, column: 129, message: "nesting is deeper than 128 levels")) {
            try JSONReader.parse(arrays)
        }
        #expect(throws: JSONSyntaxError(line: 1, column: 1 + 5 * 128, message: "nesting is deeper than 128 levels")) {
            try JSONReader.parse(objects)
        }
    }

    @Test("JSONC: a wrangler.jsonc nested 100,000 deep")
    func jsonc() {
        let arrays = String(repeating: "[", count: Self.depth) + String(repeating: "]", count: Self.depth)
        let read = WranglerFile.read(SourceFile(path: "wrangler.jsonc", text: "// c\n{\"vars\": \(arrays)}"))
        #expect(
            read.error?.description
                == "wrangler.jsonc:2:\(9 + 128): error: nesting is deeper than 128 levels (wrangler files are JSON with comments)")
    }

    @Test("TOML: arrays, inline tables, dotted keys and table headers")
    func toml() {
        let arrays = String(repeating: "[", count: Self.depth) + String(repeating: "]", count: Self.depth)
        let tables = String(repeating: "{ a = ", count: Self.depth) + "1" + String(repeating: " }", count: Self.depth)
        let dotted = Array(repeating: "a", count: Self.depth).joined(separator: ".")
        let cases: [(String, String)] = [
            ("x = \(arrays)\n", "wrangler.toml:1:\(4 + 128)"),
            ("x = \(tables)\n", "wrangler.toml:1:\(5 + 6 * 127)"),
            ("\(dotted) = 1\n", "wrangler.toml:1:1"),
            ("[\(dotted)]\n", "wrangler.toml:1:1"),
            ("[[\(dotted)]]\n", "wrangler.toml:1:1"),
            ("[" + Array(repeating: "a", count: 100).joined(separator: ".") + "]\n"
                + Array(repeating: "b", count: 20).joined(separator: ".") + " = \(arrays)\n", "wrangler.toml:2:"),
        ]
        for (text, place) in cases {
            let read = WranglerFile.read(SourceFile(path: "wrangler.toml", text: text))
            let message = read.error?.description ?? "no error"
            #expect(message.hasPrefix(place), "\(message)")
            #expect(message.contains("nest deeper than 128 levels"), "\(message)")
        }
        // Arrays of tables count twice (the array and its table): 64 of them reach the limit.
        let arraysOfTables = (1...64).map { "[[" + Array(repeating: "a", count: $0).joined(separator: ".") + "]]\n" }
        let over = WranglerFile.read(SourceFile(path: "wrangler.toml", text: arraysOfTables.joined()))
        #expect(over.error?.description.hasPrefix("wrangler.toml:64:1: error: tables and arrays nest deeper than 128") == true, "\(String(describing: over.error))")
        #expect(WranglerFile.read(SourceFile(path: "wrangler.toml", text: arraysOfTables.dropLast().joined() + "x = 1\n")).error == nil)
        // 128 levels still read.
        let fine = String(repeating: "[", count: 127) + String(repeating: "]", count: 127)
        #expect(WranglerFile.read(SourceFile(path: "wrangler.toml", text: "x = \(fine)\n")).error == nil)
    }
}
