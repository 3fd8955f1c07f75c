import NitroJSON
import Testing

@testable import NitroBuild

/// Inputs found by the task-file fuzzer (Tests/Fuzz/Targets/TaskFileFuzz.swift) and the
/// bad-input corpus, kept as regression tests.
struct LexerFuzzRegressionTests {
    /// Every token stays inside the file and after the one before it.
    static func tokensInPlace(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var end = 0
        for token in SwiftLexer.tokenize(bytes) {
            guard token.start >= end, token.start <= token.end, token.end <= bytes.count else { return false }
            end = token.end
        }
        return true
    }

    @Test(arguments: [#"let r = #/a\"#, #"#/\"#, #"##/a/#\"#, "#/\\\n\\"])
    func anExtendedRegexEndingInABackslashEndsAtTheEndOfTheFile(_ text: String) {
        #expect(Self.tokensInPlace(text))
    }

    @Test func deeplyNestedInterpolationsDoNotOverflowTheStack() {
        let text = "let text = \"" + String(repeating: #"\(""#, count: 100_000) + "\"\nlet deep = defineTask { _ in }\n"
        #expect(Self.tokensInPlace(text))
        let inspection = TaskFileInspector.inspect(SourceFile(path: "tasks/deep.swift", text: text))
        #expect(inspection.declaration == nil)
    }

    @Test func aFileThatIsNotUTF8IsAnErrorAtItsFirstBadByte() {
        let file = SourceFile(path: "tasks/cafe.swift", bytes: Array("let café = defineTask { _ in }\n// ".utf8) + [0xE9, 0x0A])
        let inspection = TaskFileInspector.inspect(file)
        #expect(inspection.declaration == nil)
        #expect(
            inspection.diagnostics.map(\.description) == [
                "tasks/cafe.swift:2:4: error: this file is not valid UTF-8 (byte 0xE9); save it as UTF-8"
            ])
    }

    @Test func configsNestedTooDeeplyAreAnErrorNotACrash() {
        let nested = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        for (path, text) in [("nitro.config.json", #"{"a": "# + nested + "}"), ("nitro.config.ts", "export default {a: \(nested)}")] {
            let reading = ConfigReader.read([SourceFile(path: path, text: text)])
            #expect(reading.diagnostics.contains { $0.message == "arrays and objects nest deeper than 128 levels here" }, "\(path)")
        }
    }

    @Test func aByteOrderMarkInsideAScriptConfigIsWhiteSpace() throws {
        let value = try ConfigReader.parse(SourceFile(path: "nitro.config.ts", text: "export default \u{FEFF}{\"preset\": \"vercel\"}"))
        #expect(ConfigDecoder.json(value) == ["preset": "vercel"])
    }
}
