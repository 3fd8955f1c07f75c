import NitroTasks
import NitroTasksDevServer
import NitroTasksRoutes
import Testing

private struct Report: Encodable, Sendable {
    var removed: Int
    var tables: [String]
}

// Top-level declarations, exactly as task files write them.
private let migrate = defineTask(
    meta: TaskMeta(name: "db:migrate", description: "Run database migrations")
) { event in
    return TaskResult(result: "Success")
}

private let multiStatement = defineTask(meta: TaskMeta(description: "several statements")) { event in
    let user = event.payload["user"]?.stringValue ?? "everyone"
    let greeting = "hello \(user)"
    return TaskResult(result: .string(greeting))
}

private let plainValue = defineTask { _ in "done" }

private let structValue = defineTask { _ in Report(removed: 3, tables: ["a", "b"]) }

private let nothing = defineTask { (_: TaskEvent) in }

private let echo = defineTask(meta: TaskMeta(name: "echo:payload")) { event in
    TaskResult(result: event.payload)
}

@Suite(.timeLimit(.minutes(3))) struct DefineTaskTests {
    @Test func nitroShapeReturnsItsResult() async throws {
        let result = try await migrate.run(TaskEvent(name: "db:migrate"))
        #expect(result.result == "Success")
        #expect(migrate.meta?.description == "Run database migrations")
        #expect(migrate.meta?.name == "db:migrate")
    }

    @Test func multiStatementClosureReadsThePayload() async throws {
        let result = try await multiStatement.run(TaskEvent(name: "x", payload: ["user": "ada"]))
        #expect(result.result == "hello ada")
    }

    @Test func plainValueBecomesTheResult() async throws {
        #expect(try await plainValue.run(TaskEvent(name: "x")).result == "done")
    }

    @Test func structBecomesAJSONObject() async throws {
        let result = try await structValue.run(TaskEvent(name: "x"))
        #expect(result.result == ["removed": 3, "tables": ["a", "b"]])
    }

    @Test func nothingGivesAnEmptyResult() async throws {
        let result = try await nothing.run(TaskEvent(name: "x"))
        #expect(result.result == nil)
        #expect(result.json == [:])
    }

    @Test func payloadEchoes() async throws {
        let result = try await echo.run(TaskEvent(name: "echo:payload", payload: ["k": "v", "n": 2]))
        #expect(result.json == ["result": ["k": "v", "n": 2]])
    }
}

private let singleExpressionResult = defineTask { _ in TaskResult(result: "x") }
private let multiStatementNoReturn = defineTask { event in
    let name = event.name
    if name.isEmpty { print("empty") }
}
private let multiStatementStruct = defineTask { event in
    let count = event.payload.count
    return Report(removed: count, tables: [])
}

@Suite(.timeLimit(.minutes(3))) struct DefineTaskOverloadTests {
    @Test func singleExpressionTaskResultIsNotDiscarded() async throws {
        #expect(try await singleExpressionResult.run(TaskEvent(name: "x")).result == "x")
    }

    @Test func multiStatementClosuresPickTheRightForm() async throws {
        #expect(try await multiStatementNoReturn.run(TaskEvent(name: "x")).result == nil)
        #expect(try await multiStatementStruct.run(TaskEvent(name: "x", payload: ["a": 1])).result == ["removed": 1, "tables": []])
    }
}
