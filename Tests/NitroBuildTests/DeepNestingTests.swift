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

    /// `open` `depth` times, `inner`, then `close` `depth` times.
    func nesting(_ open: String, _ close: String, around inner: String = "", depth: Int = DeepNestingTests.depth) -> String {
        String(repeating: open, count: depth) + inner + String(repeating: close, count: depth)
    }

    // MARK: TS/JS config: ScriptLexer, ConfigLiteralParser, ConfigDecoder

    @Test("nested template literals in nitro.config.ts", arguments: [15_000, DeepNestingTests.depth])
    func templateLiterals(depth: Int) {
        let nested = nesting("`${", "}`", depth: depth)
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
        let nested = nesting("`${", "}`", around: "1", depth: 128)
        let value = try ConfigReader.parse(SourceFile(path: "nitro.config.ts", text: "export default { x: \(nested) }"))
        guard case .object(let members) = value.kind, case .dynamic = members.first?.value.kind else {
            Issue.record("expected a dynamic value, got \(value)")
            return
        }
    }

    @Test("nested objects and arrays in a script and in JSON")
    func objectsAndArrays() {
        let objects = nesting("{a:", "}", around: "1")
        #expect(
            configErrors("nitro.config.ts", "export default {\n  runtimeConfig: \(objects)\n}")
                == ["nitro.config.ts:2:\(18 + 3 * 127): error: arrays and objects nest deeper than 128 levels here"])
        let arrays = nesting("[", "]")
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
        let objects = nesting("{a:", "}", around: "1")
        for key in ["cloudflare: { wrangler: ", "tasks: { x: ", "scheduledTasks: { \"* * * * *\": ", "vercel: { config: { crons: "] {
            let errors = configErrors("nitro.config.ts", "export default {\n\(key)\(objects)")
            #expect(
                errors.count == 1 && errors[0].hasSuffix("error: arrays and objects nest deeper than 128 levels here"), "\(key): \(errors)")
        }
        // At the limit, the decoder and the JSON conversion of `cloudflare.wrangler` run through.
        let fine = nesting("{a:", "}", around: "1", depth: 126)
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

    /// `text` declares no task, and its first diagnostic is `message`.
    func expectNoTask(in text: String, firstError message: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let inspection = inspect(text)
        #expect(inspection.declaration == nil, sourceLocation: sourceLocation)
        #expect(inspection.diagnostics.first?.description == message, sourceLocation: sourceLocation)
    }

    @Test("nested string interpolations")
    func interpolations() {
        let text = "let text = \"" + String(repeating: #"\(""#, count: Self.depth) + "\"\nlet deep = defineTask { _ in }\n"
        // The 257th `\(` opens at column 12 + 3 × 256 + 1.
        expectNoTask(
            in: text,
            firstError: "tasks/deep.swift:1:\(12 + 3 * 256 + 1): error: string interpolations nest deeper than 256 levels here; "
                + "the rest of the file cannot be read: split the expression")
    }

    @Test("nested block comments are skipped iteratively")
    func blockComments() {
        let comment = nesting("/* ", "*/ ")
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
            "let regex = /" + nesting("(", ")") + "/\n",
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
        let parens = "let x = " + nesting("(", ")")
        let braces = "func f() " + nesting("{", "}")
        for text in [parens, braces] {
            #expect(inspect(text + "\nlet deep = defineTask { _ in }\n").declaration?.symbol == "deep")
        }
    }

    @Test("`#if` blocks 100,000 deep")
    func conditionalBlocks() {
        // `#if A` blocks `depth` deep, each branch declaring `deep`.
        func blocks(_ depth: Int) -> String {
            let declaration = "let deep = defineTask { _ in }\n"
            return nesting("#if A\n", "#else\n" + declaration + "#endif\n", around: declaration, depth: depth)
        }
        expectNoTask(
            in: blocks(Self.depth),
            firstError: "tasks/deep.swift:129:1: error: `#if` blocks nest deeper than 128 levels here; nitro build stops reading "
                + "this file: move the task out of the nested blocks")
        // 128 levels still work.
        #expect(inspect(blocks(128)).declaration?.symbol == "deep")
    }

    // MARK: JSON, JSONC and TOML

    @Test("JSON: arrays and objects")
    func json() {
        let arrays = nesting("[", "]")
        let objects = nesting("{\"a\":", "}", around: "1")
        #expect(throws: JSONSyntaxError(line: 1, column: 129, message: "nesting is deeper than 128 levels")) {
            try JSONReader.parse(arrays)
        }
        #expect(throws: JSONSyntaxError(line: 1, column: 1 + 5 * 128, message: "nesting is deeper than 128 levels")) {
            try JSONReader.parse(objects)
        }
    }

    @Test("JSONC: a wrangler.jsonc nested 100,000 deep")
    func jsonc() {
        let arrays = nesting("[", "]")
        let read = WranglerFile.read(SourceFile(path: "wrangler.jsonc", text: "// c\n{\"vars\": \(arrays)}"))
        #expect(
            read.error?.description
                == "wrangler.jsonc:2:\(9 + 128): error: nesting is deeper than 128 levels (wrangler files are JSON with comments)")
    }

    @Test("TOML: arrays, inline tables, dotted keys and table headers")
    func toml() {
        let arrays = nesting("[", "]")
        let tables = nesting("{ a = ", " }", around: "1")
        let dotted = Array(repeating: "a", count: Self.depth).joined(separator: ".")
        let cases: [(String, String)] = [
            ("x = \(arrays)\n", "wrangler.toml:1:\(4 + 128)"),
            ("x = \(tables)\n", "wrangler.toml:1:\(5 + 6 * 127)"),
            ("\(dotted) = 1\n", "wrangler.toml:1:1"),
            ("[\(dotted)]\n", "wrangler.toml:1:1"),
            ("[[\(dotted)]]\n", "wrangler.toml:1:1"),
            (
                "[" + Array(repeating: "a", count: 100).joined(separator: ".") + "]\n"
                    + Array(repeating: "b", count: 20).joined(separator: ".") + " = \(arrays)\n", "wrangler.toml:2:"
            ),
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
        #expect(
            over.error?.description.hasPrefix("wrangler.toml:64:1: error: tables and arrays nest deeper than 128") == true,
            "\(String(describing: over.error))")
        #expect(WranglerFile.read(SourceFile(path: "wrangler.toml", text: arraysOfTables.dropLast().joined() + "x = 1\n")).error == nil)
        // 128 levels still read.
        let fine = nesting("[", "]", depth: 127)
        #expect(WranglerFile.read(SourceFile(path: "wrangler.toml", text: "x = \(fine)\n")).error == nil)
    }
}
