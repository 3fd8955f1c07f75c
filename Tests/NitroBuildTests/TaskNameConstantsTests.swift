import Foundation
import Testing

@testable import NitroBuild

/// Issue 15, "Typed task names": the constant each task gets on `TaskName`, the escapes, and
/// collisions (a warning at each task, and no constant for any of them).
@Suite("TaskName constants")
struct TaskNameConstantsTests {
    @Test(arguments: [
        ("db:migrate", "dbMigrate"),
        ("cache:purge.v2", "cachePurgeV2"),
        ("a:b:c", "aBC"),
        ("send-email_daily", "sendEmailDaily"),
        ("sendEmail:daily", "sendEmailDaily"),
        ("DB:migrate", "dbMigrate"),
        ("HTTPPing", "httpPing"),
        ("HTTP:ping", "httpPing"),
        ("Migrate", "migrate"),
        ("URLs", "urLs"),
        ("db:URL-sync", "dbURLSync"),
        ("v1.2:sync", "v1_2Sync"),
        ("v12:sync", "v12Sync"),
        ("2fa:reset", "_2faReset"),
        ("1", "_1"),
        ("default", "default"),
        ("in", "in"),
        ("self", "self_"),
        ("init", "init_"),
        ("rawValue", "rawValue_"),
        ("description", "description_"),
        ("hash-value", "hashValue_"),
        ("Type", "type"),
        ("a--b", "aB"),
        (":x", "x"),
    ])
    func identifier(name: String, expected: String) {
        #expect(TaskNameConstants.identifier(for: name) == expected)
    }

    @Test func namesWithoutLettersOrDigitsGetNone() {
        #expect(TaskNameConstants.identifier(for: "-") == nil)
        #expect(TaskNameConstants.identifier(for: "_.-") == nil)
    }

    @Test func everyIdentifierIsASwiftNameAndKeywordsAreDeclaredInBackticks() {
        for name in ["db:migrate", "2fa", "default", "for", "self", "Any", "_x", "a.b-c_d"] {
            guard let identifier = TaskNameConstants.identifier(for: name) else { continue }
            #expect(SwiftIdentifier.isPlainName(identifier), "\(identifier)")
        }
        #expect(TaskNameConstants.declared("default") == "`default`")
        #expect(TaskNameConstants.declared("dbMigrate") == "dbMigrate")
    }

    /// `TaskName`'s own members must all be escaped: a static constant of the same name hides the
    /// member in the app's module (`\.rawValue` would mean the constant).
    @Test func theReservedNamesCoverTaskNamesMembers() throws {
        let source = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
                "../../Sources/NitroTasks/Running/TaskName.swift"), encoding: .utf8)
        let code = source.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
            .joined(separator: "\n")
        let declared = Set(
            code.matches(of: /(?:let|var|func)\s+([A-Za-z_][A-Za-z0-9_]*)/).map { String($0.output.1) })
        #expect(declared.contains("rawValue") && declared.contains("description"))
        #expect(declared.isSubset(of: TaskNameConstants.reserved), "\(declared.subtracting(TaskNameConstants.reserved))")
        #expect(TaskNameConstants.reserved.isSuperset(of: ["self", "init", "hashValue", "hash"]))
    }

    @Test func theRegistryDeclaresAConstantPerTaskInTaskOrder() {
        let config = """
            export default {
              experimental: { tasks: true },
              tasks: { "db:seed": {}, "2fa:reset": {}, "default": {} },
            }
            """
        let plan = InMemoryProject(project(config: config, ["db/migrate.swift": task("migrate")]))
            .plan(options: BuildOptions())
        #expect(plan.diagnostics.isEmpty, "\(plan.diagnostics)")
        let registry = plan.files.first.map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
        #expect(
            registry.hasSuffix(
                """
                }

                extension TaskName {
                    /// The task `2fa:reset`.
                    static let _2faReset: TaskName = "2fa:reset"
                    /// The task `db:migrate`.
                    static let dbMigrate: TaskName = "db:migrate"
                    /// The task `db:seed`.
                    static let dbSeed: TaskName = "db:seed"
                    /// The task `default`.
                    static let `default`: TaskName = "default"
                }

                """), "\(registry)")
    }

    @Test func noConstantsNoExtension() {
        let config = #"export default { experimental: { tasks: true }, tasks: { "-": {} } }"#
        let plan = InMemoryProject(project(config: config, ["_helper.swift": "struct Helper {}"])).plan(options: BuildOptions())
        let registry = plan.files.first.map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
        #expect(!registry.isEmpty && !registry.contains("TaskName"))
    }

    @Test func collidingTasksAreWarnedAtEachAndGetNoConstant() throws {
        let config = """
            export default {
              experimental: { tasks: true },
              tasks: {
                "cache:purge": {},
                "cache-purge": {},
                "keep": {},
              },
            }
            """
        let plan = InMemoryProject(project(config: config, ["cache_purge.swift": task("purge")]))
            .plan(options: BuildOptions())
        let warnings = plan.diagnostics.map(\.description)
        #expect(plan.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(
            warnings == [
                "Sources/App/tasks/cache_purge.swift:3:5: warning: the constant `TaskName.cachePurge` would name this task "
                    + "(`cache_purge`) and also `cache-purge` (nitro.config.ts:5:5), `cache:purge` (nitro.config.ts:4:5), so "
                    + "it is left out for all of them: call them by name (`runTask(\"cache_purge\")`) or rename one",
                "nitro.config.ts:4:5: warning: the constant `TaskName.cachePurge` would name this task (`cache:purge`) and "
                    + "also `cache-purge` (nitro.config.ts:5:5), `cache_purge` (Sources/App/tasks/cache_purge.swift:3:5), so "
                    + "it is left out for all of them: call them by name (`runTask(\"cache:purge\")`) or rename one",
                "nitro.config.ts:5:5: warning: the constant `TaskName.cachePurge` would name this task (`cache-purge`) and "
                    + "also `cache:purge` (nitro.config.ts:4:5), `cache_purge` (Sources/App/tasks/cache_purge.swift:3:5), so "
                    + "it is left out for all of them: call them by name (`runTask(\"cache-purge\")`) or rename one",
            ], "\(warnings)")
        let registry = plan.files.first.map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
        #expect(!registry.contains("cachePurge"))
        #expect(registry.contains(#"static let keep: TaskName = "keep""#))
        // `--strict` makes them errors, as every warning.
        let strict = InMemoryProject(project(config: config, ["cache_purge.swift": task("purge")]))
            .plan(options: BuildOptions(strict: true))
        #expect(strict.diagnostics.count == 3 && strict.diagnostics.allSatisfy { $0.severity == .error })
    }
}
