import Foundation
import Testing

@testable import NitroBuild

/// The generated registry refers to any task symbol and handler correctly: names of
/// `TaskRegistry` members (issue 13: `schedulerEnabled` passed `nitro build` and the registry did
/// not compile), keywords in backticks, and handlers that cannot be tasks.
@Suite("Registry names")
struct RegistryNamesTests {
    func plan(_ config: String, _ tasks: [String: String]) -> BuildPlan {
        InMemoryProject(project(config: config, tasks)).plan(options: BuildOptions())
    }

    func registry(_ plan: BuildPlan) -> String {
        plan.files.first.map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
    }

    /// The members `TaskRegistry` declares, read from its source with the task-file lexer: every
    /// `let`/`var`/`func`/type declared at the top level of `struct TaskRegistry` or of an
    /// `extension TaskRegistry` anywhere in NitroTasks.
    static func declaredMembers() throws -> Set<String> {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../Sources/NitroTasks")
        var members: Set<String> = []
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
        #expect(files.contains("Running/TaskRegistry.swift"))
        for file in files where file.hasSuffix(".swift") {
            let bytes = Array(try Data(contentsOf: sources.appendingPathComponent(file)))
            let tokens = SwiftLexer.tokenize(bytes).filter { $0.kind != .directive }
            var depth = 0
            var registryDepth: Int?
            var opening = false  // after `struct TaskRegistry` or `extension TaskRegistry`, before its `{`
            for (index, token) in tokens.enumerated() {
                if token.is("TaskRegistry", in: bytes), index >= 1, registryDepth == nil,
                    tokens[index - 1].is("struct", in: bytes) || tokens[index - 1].is("extension", in: bytes)
                {
                    opening = true
                } else if token.isPunctuation(UInt8(ascii: "{"), in: bytes) {
                    depth += 1
                    if opening {
                        registryDepth = depth
                        opening = false
                    }
                } else if token.isPunctuation(UInt8(ascii: "}"), in: bytes) {
                    if depth == registryDepth { registryDepth = nil }
                    depth -= 1
                } else if depth == registryDepth, index + 1 < tokens.count, tokens[index + 1].kind == .identifier,
                    ["let", "var", "func", "struct", "enum", "class", "actor", "typealias", "protocol"].contains(
                        token.text(in: bytes))
                {
                    members.insert(TaskFileInspector.plain(tokens[index + 1].text(in: bytes)))
                }
            }
        }
        return members
    }

    @Test("the member list is the members of TaskRegistry (fails when one is added)")
    func membersMatchTheType() throws {
        let members = try Self.declaredMembers()
        #expect(members.contains("schedulerEnabled") && members.contains("Entry"))
        #expect(members == TaskRegistryMembers.declared)
    }

    @Test(
        "a task named like a member is reached from file scope",
        arguments: [
            "schedulerEnabled", "entries", "names", "scheduledTasks", "timeZone", "generated", "Entry", "Schedule", "index",
            "`init`", "`self`",
        ])
    func memberNamedTask(symbol: String) {
        let result = plan(flagOn, ["x.swift": task(symbol)])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let plain = TaskFileInspector.plain(symbol)
        let text = registry(result)
        #expect(text.contains(#".init("x", definition: { nitroTask_\#(plain) }),"#), "\(text)")
        #expect(text.hasSuffix("\nprivate var nitroTask_\(plain): TaskDefinition { \(symbol) }\n"), "\(text)")
    }

    @Test("other symbols keep the short form, without accessors")
    func plainSymbols() {
        let text = registry(plan(flagOn, ["x.swift": task("migrate"), "y.swift": task("`default`")]))
        #expect(text.contains(#".init("x", definition: { migrate }),"#))
        #expect(text.contains(#".init("y", definition: { `default` }),"#))
        #expect(!text.contains("private var"))
    }

    func handlerPlan(_ handler: String) -> BuildPlan {
        plan(
            "export default {\n  experimental: { tasks: true },\n  tasks: { 'jobs:x': { handler: '\(handler)' } },\n}\n",
            ["a.swift": task("a")])
    }

    @Test("a module in backticks stays in backticks, in the import and the reference")
    func backtickedModule() {
        let result = handlerPlan("`import`.x")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let text = registry(result)
        #expect(text.contains("import NitroTasks\nimport `import`\n"), "\(text)")
        #expect(text.contains(#".init("jobs:x", definition: { `import`.x }),"#), "\(text)")
        // Keywords other than `self`, `Type`, `init` may follow a dot as they are; `Schedule` (a
        // member's name) as the module is reached from file scope.
        #expect(registry(handlerPlan("Jobs.default")).contains("definition: { Jobs.default }"))
        let shadowed = registry(handlerPlan("Schedule.sync"))
        #expect(shadowed.contains("import Schedule\n") && shadowed.contains("definition: { nitroTask_Schedule_sync }"))
        #expect(shadowed.hasSuffix("private var nitroTask_Schedule_sync: TaskDefinition { Schedule.sync }\n"))
    }

    @Test(
        "handlers Swift would not read as a task: located at the config's handler, saying what to do",
        arguments: [
            (
                "import.x",
                "in the handler `import.x`, `import` is a Swift keyword there, so the generated registry could not refer to it: write it in backticks, `` `import`.x ``"
            ),
            (
                "Jobs.init",
                "in the handler `Jobs.init`, `init` is a Swift keyword there, so the generated registry could not refer to it: write it in backticks, `` Jobs.`init` ``"
            ),
            (
                "Foundation.exit",
                "the handler `Foundation.exit` is not a task: `Foundation` is a toolchain module, which declares no `TaskDefinition`; `Module.symbol` names a public task (`let sync = defineTask …`) of a module of your package, and a task of the registry's own target is given as the path of its `.swift` file"
            ),
            (
                "NitroTasks.defineTask",
                "the handler `NitroTasks.defineTask` is not a task: `NitroTasks` is the runtime, which declares no `TaskDefinition`"
            ),
            (
                "App.migrate",
                "the handler `App.migrate` names `App`, the registry's own target: give the path of the task's `.swift` file instead (`./Sources/App/…/name.swift`), so nitro build can check that it declares a task"
            ),
            ("Jobs.a-b", "`Jobs.a-b` is not a handler nitro build understands"),
            ("Jobs.", "`Jobs.` is not a handler nitro build understands"),
            ("`Jobs`.``", "`` `Jobs`.`` `` is not a handler nitro build understands"),
        ])
    func invalidHandlers(handler: String, message: String) {
        let result = handlerPlan(handler)
        let errors = result.diagnostics.filter(\.isError)
        #expect(errors.count == 1, "\(result.diagnostics)")
        #expect(errors.first?.location == SourceLocation(path: "nitro.config.ts", line: 3, column: 33), "\(errors)")
        #expect(errors.first?.message.hasPrefix(message) == true, "\(errors.first?.message ?? "none")")
    }
}
