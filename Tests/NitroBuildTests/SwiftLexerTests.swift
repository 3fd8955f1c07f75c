import Testing

@testable import NitroBuild

@Suite("Swift lexer")
struct SwiftLexerTests {
    func kinds(_ source: String) -> [(SwiftToken.Kind, String)] {
        let bytes = Array(source.utf8)
        return SwiftLexer.tokenize(bytes).map { ($0.kind, $0.text(in: bytes)) }
    }

    func identifiers(_ source: String) -> [String] {
        kinds(source).filter { $0.0 == .identifier }.map(\.1)
    }

    @Test("nested block comments hide everything inside")
    func nestedComments() {
        let source = "/* outer /* inner */ let hidden = defineTask { } */ let shown = 1"
        #expect(identifiers(source) == ["let", "shown"])
    }

    @Test("line comments end at the newline")
    func lineComments() {
        #expect(identifiers("// let a = defineTask {\nlet b") == ["let", "b"])
    }

    @Test("strings: quotes, escapes, interpolation with nested strings and parentheses")
    func strings() {
        let source = #"let a = "x \" let b = defineTask(" + "\(f("}", (1))) let c" ; let d"#
        #expect(identifiers(source) == ["let", "a", "let", "d"])
        let tokens = SwiftLexer.tokenize(Array(source.utf8)).filter { $0.kind == .string }
        #expect(tokens.count == 2)
        #expect(tokens[0].isInterpolated == false)
        #expect(tokens[1].isInterpolated == true)
    }

    @Test("raw strings: quotes and backslashes inside, interpolation only with #")
    func rawStrings() {
        let source = ##"let a = #"say "hi" \(x) }"# ; let b = #"\#(y)"# ; let c"##
        #expect(identifiers(source) == ["let", "a", "let", "b", "let", "c"])
        let strings = SwiftLexer.tokenize(Array(source.utf8)).filter { $0.kind == .string }
        #expect(strings.map(\.isInterpolated) == [false, true])
        #expect(strings.map(\.hashes) == [1, 1])
    }

    @Test("multi-line strings span lines and may hold single quotes and braces")
    func multiline() {
        let source = "let a = \"\"\"\n  let b = defineTask { \"\n  }\n  \"\"\"\nlet c"
        #expect(identifiers(source) == ["let", "a", "let", "c"])
    }

    @Test("#if directives carry their condition; other # words are pound tokens")
    func directives() {
        let source = "#if DEBUG && os(Linux) // note\nlet a\n#elseif X\n#else\n#endif\n#warning(\"x\")"
        let tokens = SwiftLexer.tokenize(Array(source.utf8))
        let bytes = Array(source.utf8)
        let directives = tokens.filter { $0.kind == .directive }
        #expect(directives.map(\.directive) == [.if, .elseif, .else, .endif])
        #expect(directives[0].text(in: bytes) == "#if DEBUG && os(Linux)")
        #expect(tokens.contains { $0.kind == .pound && $0.text(in: bytes) == "#warning" })
    }

    @Test("extended regex literals are skipped whole")
    func regex() {
        #expect(identifiers(#"let r = #/a"b{/# ; let c"#) == ["let", "r", "let", "c"])
    }

    @Test(
        "bare regex literals are skipped whole where Swift reads one",
        arguments: [
            (#"let r = /a"b/ ; let c"#, ["let", "r", "let", "c"]),
            (#"if line.contains(/"(x)"/) { let c }"#, ["if", "line", "contains", "let", "c"]),
            (#"let r = try /a"b\/"/ ; let c"#, ["let", "r", "try", "let", "c"]),
            (#"let m = [/"/, /'/] ; let c"#, ["let", "m", "let", "c"]),
            (#"return /"/ ; let c"#, ["return", "let", "c"]),
            (#"let r = a /b"/ ; let c"#, ["let", "r", "a", "let", "c"]),  // prefix position, as in Swift
        ])
    func bareRegex(_ source: String, expected: [String]) {
        #expect(identifiers(source) == expected)
        #expect(SwiftLexer.tokenize(Array(source.utf8)).contains { $0.kind == .string && $0.text(in: Array(source.utf8)).hasPrefix("/") })
    }

    @Test(
        "a slash that divides stays an operator",
        arguments: [
            "let h = total / 2 / 3",
            "let h = total/2/3",
            "let h = (a + b)/c/d",
            "let h = xs.map { $0/2 }.map { $0/3 }",
            "let h = 1/x/2",
            "let h = a[0]/b[1]/c",
            "f(/, /)",
            "reduce(1, /) + g(/)",
            "let h = x /2",
        ])
    func division(_ source: String) {
        let bytes = Array(source.utf8)
        let tokens = SwiftLexer.tokenize(bytes)
        #expect(!tokens.contains { $0.kind == .string })
        #expect(tokens.filter { $0.kind == .operator && $0.text(in: bytes).contains("/") }.count == source.filter { $0 == "/" }.count)
    }

    @Test("backtick identifiers, numbers and operators")
    func misc() {
        let result = kinds("let `default` = 1.5e-3 ..< 0x1F == a?.b")
        #expect(result.map(\.1) == ["let", "`default`", "=", "1.5e-3", "..<", "0x1F", "==", "a", "?.", "b"])
    }

    @Test("unterminated input never crashes")
    func unterminated() {
        for source in ["\"abc", "/* open", "#\"raw", "\"\"\"\nx", "\"\\(", "#/re", "`x"] {
            _ = SwiftLexer.tokenize(Array(source.utf8))
        }
    }
}

@Suite("Swift string literal values")
struct SwiftStringLiteralTests {
    func value(_ literal: String) -> String? {
        let bytes = Array(literal.utf8)
        guard let token = SwiftLexer.tokenize(bytes).first else { return nil }
        return SwiftStringLiteral.value(of: token, in: bytes)
    }

    @Test(
        "decoding",
        arguments: [
            (#""plain""#, "plain"),
            (#""a\"b\\c\n\t\0""#, "a\"b\\c\n\t\0"),
            (#""\u{1F600} é""#, "😀 é"),
            (##"#"raw \n "q""#"##, #"raw \n "q""#),
            (##"#"raw \#n"#"##, "raw \n"),
            ("\"\"\"\n    one\n      two\n    \"\"\"", "one\n  two"),
            ("\"\"\"\n    joined \\\n    line\n    \"\"\"", "joined line"),
        ])
    func decoding(literal: String, expected: String) {
        #expect(value(literal) == expected)
    }

    @Test("interpolated or malformed literals have no static value")
    func notStatic() {
        #expect(value(#""a \(b)""#) == nil)
        #expect(value(#""\q""#) == nil)
        #expect(value("\"open") == nil)
    }
}
