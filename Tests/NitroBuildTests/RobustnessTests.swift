import NitroTestSupport
import Testing

@testable import NitroBuild

/// Malformed input never crashes the readers: random mixes of the fragments that steer them.
@Suite("Robustness on malformed input")
struct RobustnessTests {
    static let swiftFragments = [
        "let ", "var ", "x", " = ", "defineTask", "(", ")", "{", "}", "[", "]", "meta: ", "TaskMeta", "description: ",
        "name: ", "\"", "\"\"\"", "#", "#\"", "\"#", "\\(", "\\", "/*", "*/", "//", "\n", "#if X\n", "#else\n", "#endif\n",
        "#elseif Y\n", "`", ",", ":", "@", "private ", "é", "\u{0}", "#/", "/#", "0x1F", "1.5e", ".",
    ]

    static let scriptFragments = [
        "export default ", "defineNitroConfig", "(", ")", "{", "}", "[", "]", "tasks", "scheduledTasks", ": ", ",", "'",
        "\"", "`", "${", "\\", "/*", "*/", "//", "\n", "...", "process.env.X", "true", "null", "undefined", "-", "1e5",
        "0x", "/re/g", "module.exports = ", "const c = ", "as const", "é", "\\u{", "\\x4", "=",
    ]

    static func random(_ fragments: [String], _ generator: inout SplitMix) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 1...60, using: &generator) { text += fragments.randomElement(using: &generator)! }
        return text
    }

    @Test("the Swift lexer and task inspector")
    func swiftInputs() {
        var generator = SplitMix(seed: 42)
        for _ in 0..<3000 {
            let text = Self.random(Self.swiftFragments, &generator)
            let file = SourceFile(path: "tasks/x.swift", text: text)
            _ = TaskFileInspector.inspect(file)
            let bytes = Array(text.utf8)
            for token in SwiftLexer.tokenize(bytes) where token.kind == .string {
                _ = SwiftStringLiteral.value(of: token, in: bytes)
            }
        }
    }

    @Test("the config reader, script and JSON")
    func scriptInputs() {
        var generator = SplitMix(seed: 7)
        for index in 0..<3000 {
            let text = Self.random(Self.scriptFragments, &generator)
            _ = ConfigReader.read([SourceFile(path: index % 3 == 0 ? "nitro.config.json" : "nitro.config.ts", text: text)])
        }
    }

    @Test("globs")
    func globs() {
        var generator = SplitMix(seed: 9)
        let fragments = ["*", "**", "?", "[", "]", "!", "{", "}", ",", "/", "a", "b", "-", "."]
        for _ in 0..<2000 {
            let pattern = Self.random(fragments, &generator)
            _ = GlobPattern(pattern).matches("tasks/a/b.swift")
        }
    }
}
