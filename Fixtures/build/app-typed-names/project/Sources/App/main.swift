import Foundation
import NitroTasks

// App run-all: every constant's name, then typed calls with plain values.
let runner = TaskRunner.bootstrap(.generated)
let constants: [TaskName] = [
    ._2faReset, .httpPing, .any, .await, .default, .description_, .in, .init_, .is, .protocol, .rawValue_,
    .self_, .type, .v1_2, .v12, .dbMigrate, .report,
]
print(constants.map(\.rawValue).joined(separator: " "))

func show(_ name: TaskName, _ call: () async throws -> TaskResult) async {
    do {
        print("\(name) \(JSONWriter.compact(try await call().json))")
    } catch let error as TaskError {
        print("\(name) error \(error.statusCode): \(error.message)")
    } catch {
        print("\(name) error: \(error)")
    }
}

let user = "ada"
let flag = true
let limit = 3
let since = Date(timeIntervalSince1970: 1_767_225_600.5)
await show(.dbMigrate) { try await runTask(.dbMigrate) }
await show(.dbMigrate) {
    try await runTask(.dbMigrate, payload: ["user": user, "dryRun": flag, "limit": limit, "since": since])
}
await show(.dbMigrate) { try await runner.run(.dbMigrate, payload: ["dryRun": "1", "limit": "7", "since": "2026-01-31"]) }
await show(.report) { try await runTask(.report, payload: ["days": 7, "from": "2026-01-31T10:00:00+01:00"]) }
await show(.report) { try await runTask(.report, payload: ["days": "seven"]) }
await show(.report) { try await runTask(.report) }
await show(.default) { try await runTask(.default) }
await show("cache:purge") { try await runTask("cache:purge") }
