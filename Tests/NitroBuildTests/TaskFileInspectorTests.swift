import Testing

@testable import NitroBuild

@Suite("Task file inspector")
struct TaskFileInspectorTests {
    func inspect(_ source: String) -> TaskFileInspection {
        TaskFileInspector.inspect(SourceFile(path: "tasks/x.swift", text: source))
    }

    @Test(
        "finds the one top-level task in every supported form",
        arguments: [
            (
                "let migrate = defineTask(meta: TaskMeta(name: \"db:migrate\", description: \"Run\")) { _ in TaskResult() }",
                "migrate"
            ),
            ("let a = defineTask { _ in }", "a"),
            ("public let b: TaskDefinition = defineTask { _ in }", "b"),
            ("let c = NitroTasks.defineTask(run: { _ in })", "c"),
            ("let d = TaskDefinition(meta: nil) { _ in TaskResult() }", "d"),
            ("let e: NitroTasks.TaskDefinition = makeTask()", "e"),
            ("@MainActor let f = defineTask { _ in }", "f"),
            ("nonisolated(unsafe) let g = defineTask { _ in }", "g"),
            ("let `default` = defineTask { _ in }", "`default`"),
            ("import NitroTasks\n\nstruct Helper { let x = 1 }\n\nlet h = defineTask { _ in Helper().x }\n", "h"),
        ])
    func forms(source: String, symbol: String) {
        let result = inspect(source)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.declaration?.symbol == symbol)
    }

    @Test("bare regex literals before the task do not hide it (`/*` or `\"\"\"` inside one)")
    func bareRegexBeforeTheTask() {
        let source = #"""
            import NitroTasks

            let slashes = /\/*/
            let tripleQuote = /"""/
            let half = 10 / 2

            let split = defineTask(meta: TaskMeta(name: "text:split", description: "Splits at slashes")) { event in
                let parts = "a//b///c".split(separator: slashes)
                return TaskResult(result: "\(parts.count) \(half) \("x".contains(tripleQuote))")
            }
            """#
        let result = inspect(source)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.declaration?.symbol == "split")
        #expect(result.declaration?.metaName?.value == "text:split")
        #expect(result.declaration?.description?.value == "Splits at slashes")
    }

    @Test("reads name and description literals, with their places")
    func meta() throws {
        let source = """
            let migrate = defineTask(
                meta: TaskMeta(name: "db:migrate", description: "Run \\"migrations\\"")
            ) { event in
                return TaskResult(result: "Success")
            }
            """
        let declaration = try #require(inspect(source).declaration)
        #expect(declaration.metaName?.value == "db:migrate")
        #expect(declaration.description?.value == "Run \"migrations\"")
        #expect(declaration.description?.location == SourceLocation(path: "tasks/x.swift", line: 2, column: 53))
        #expect(declaration.location == SourceLocation(path: "tasks/x.swift", line: 1, column: 5))
    }

    @Test("an interpolated description is not read, with a warning")
    func interpolatedDescription() {
        let result = inspect(#"let a = defineTask(meta: TaskMeta(description: "v\(version)")) { _ in }"#)
        #expect(result.declaration?.description == nil)
        #expect(result.diagnostics.map(\.severity) == [.warning])
    }

    @Test("comments, strings and nested declarations do not count")
    func decoys() {
        let source = """
            // let commented = defineTask { _ in }
            /* let blocked = defineTask { /* nested */ _ in } */
            let text = "let quoted = defineTask { _ in }"
            let multi = \"\"\"
                let inside = defineTask { _ in }
                \"\"\"
            struct Holder { static let member = defineTask { _ in } }
            func make() { let local = defineTask { _ in } }
            let real = defineTask { _ in
                let inner = defineTask { _ in }
            }
            """
        let result = inspect(source)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.declaration?.symbol == "real")
    }

    @Test("one symbol declared in every #if branch is one task")
    func conditionalBranches() {
        let source = """
            #if DEBUG
            let sync = defineTask { _ in "debug" }
            #elseif os(Linux)
            let sync = defineTask { _ in "linux" }
            #else
            let sync = defineTask { _ in "other" }
            #endif
            """
        let result = inspect(source)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.declaration?.symbol == "sync")
    }

    @Test("a task only under #if without #else is an error")
    func conditionalOnly() {
        let result = inspect("#if DEBUG\nlet sync = defineTask { _ in }\n#endif\n")
        #expect(result.declaration == nil)
        #expect(result.diagnostics.first?.message.contains("#if DEBUG") == true)
    }

    @Test("no task: error with the fix, and a hint when one is nested")
    func none() {
        let plain = inspect("import Foundation\nlet x = 1\n")
        #expect(plain.declaration == nil)
        #expect(plain.diagnostics.first?.message.hasPrefix("no task declared in this file") == true)
        let nested = inspect("enum Tasks {\n    static let x = defineTask { _ in }\n}\n")
        #expect(nested.diagnostics.first?.message.contains("tasks/x.swift:2:20") == true)
    }

    @Test("several tasks: error at the second naming both places")
    func several() {
        let result = inspect("let a = defineTask { _ in }\nlet b = defineTask { _ in }\n")
        #expect(result.declaration == nil)
        let diagnostic = result.diagnostics.first
        #expect(diagnostic?.location == SourceLocation(path: "tasks/x.swift", line: 2, column: 5))
        #expect(diagnostic?.message.contains("`a` at tasks/x.swift:1:5, `b` at tasks/x.swift:2:5") == true)
    }

    @Test("var and private are errors; member names of TaskRegistry are not")
    func unusable() {
        #expect(inspect("var a = defineTask { _ in }").declaration == nil)
        #expect(inspect("private let a = defineTask { _ in }").declaration == nil)
        #expect(inspect("fileprivate let a = defineTask { _ in }").declaration == nil)
        // A member name of `TaskRegistry` is fine: the registry reaches it from file scope.
        #expect(inspect("let names = defineTask { _ in }").declaration?.symbol == "names")
    }

    @Test("a CRLF file's multi-line description has `\\n` line ends, as Swift normalises them")
    func crlfMultilineDescription() {
        let lines = [
            "import NitroTasks", "", "let multi = defineTask(", "    meta: TaskMeta(", "        description: \"\"\"",
            "            First line", "              indented \\", "            joined", "", "            last \\r escaped",
            "            \"\"\"", "    )", ") { _ in }", "",
        ]
        for newline in ["\r\n", "\r"] {
            let result = inspect(lines.joined(separator: newline))
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
            #expect(result.declaration?.description?.value == "First line\n  indented joined\n\nlast \r escaped")
        }
        // The same file with LF line ends reads the same.
        #expect(
            inspect(lines.joined(separator: "\n")).declaration?.description?.value == "First line\n  indented joined\n\nlast \r escaped")
    }
}
