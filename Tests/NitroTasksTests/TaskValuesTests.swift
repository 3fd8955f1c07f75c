import Foundation
import Testing

@testable import NitroTasks

extension TaskName {
    fileprivate static let valuesEcho: TaskName = "values:echo"
    fileprivate static let valuesOptions: TaskName = "values:options"
}

/// Issue 15, "Values": plain values go into results and payloads without `try` or wrapping,
/// payload readers accept query-string text, and a payload that does not decode is a 400.
@Suite struct TaskValuesTests {
    static let date = Date(timeIntervalSince1970: 1_769_851_800)

    @Test func resultsTakePlainValues() {
        let name = "ada", count = 3, ratio = 0.5, flag = false, date = Self.date
        let a = "x", b = "y"
        #expect(TaskResult(result: name).result == "ada")
        #expect(TaskResult(result: count).result == 3)
        #expect(TaskResult(result: ratio).result == 0.5)
        #expect(TaskResult(result: flag).result == false)
        #expect(TaskResult(result: date).result == "2026-01-31T09:30:00.000Z")
        #expect(TaskResult(result: ["user": name, "count": count]).result == ["user": "ada", "count": 3])
        #expect(TaskResult(result: [a, b]).result == ["x", "y"])
        #expect(TaskResult(result: [name, count, date]).result == ["ada", 3, "2026-01-31T09:30:00.000Z"])
        #expect(
            TaskResult(result: ["tags": [a, b], "at": date]).json == ["result": ["tags": ["x", "y"], "at": "2026-01-31T09:30:00.000Z"]])
        // Literals keep working, nested heterogeneous objects through `.object`.
        #expect(TaskResult(result: "Success").json == ["result": "Success"])
        #expect(TaskResult(result: ["migrated": 3]).result == ["migrated": 3])
        #expect(TaskResult(result: ["a": ["b": 1, "c": "x"]]).result == ["a": ["b": 1, "c": "x"]])
        #expect(
            TaskResult(result: ["user": name, "options": .object(["limit": 10, "mode": "fast"])]).result
                == ["user": "ada", "options": ["limit": 10, "mode": "fast"]])
        // No value: `{}`; a nil optional is no value too.
        let missing: String? = nil
        #expect(TaskResult().json == [:])
        #expect(TaskResult(result: nil).json == [:])
        #expect(TaskResult(result: missing).json == [:])
        #expect(TaskResult(result: Optional("here")).result == "here")
    }

    @Test func encodableValuesKeepTheThrowingForm() throws {
        struct Report: Encodable { var removed: Int; var at: Date }
        #expect(try TaskResult(encoding: Report(removed: 2, at: Self.date)).result == ["removed": 2, "at": "2026-01-31T09:30:00.000Z"])
        struct Bad: Encodable { var value = Double.nan }
        #expect(throws: EncodingError.self) { try TaskResult(encoding: Bad()) }
    }

    @Test func payloadLiteralsTakeVariables() {
        let name = "ada", flag = true, limit = 10, date = Self.date
        let tags = ["a", "b"]
        let missing: Int? = nil
        let payload: TaskPayload = ["user": name, "dryRun": flag, "limit": limit, "since": date, "tags": tags, "max": missing]
        #expect(
            payload.json == [
                "user": "ada", "dryRun": true, "limit": 10, "since": "2026-01-31T09:30:00.000Z", "tags": ["a", "b"], "max": nil,
            ])
        #expect(payload["user"]?.stringValue == "ada")
        #expect(
            payload == ["user": "ada", "dryRun": true, "limit": 10, "since": "2026-01-31T09:30:00.000Z", "tags": ["a", "b"], "max": .null])
        var edited = payload
        edited["user"] = nil
        edited.merge(["limit": 20]) { _, new in new }
        #expect(edited.count == 5 && edited["limit"] == 20 && edited["user"] == nil)
        #expect(TaskPayload(["k": "v"]) == ["k": "v"])
        #expect(Set(payload.map(\.key)) == Set(payload.keys))
        #expect(payload.description.hasPrefix(#"{"dryRun":true,"limit":10,"max":null"#))
    }

    @Test func runTaskAndTheRunnerTakeTypedNamesAndPlainPayloads() async throws {
        let echo = defineTask { event in TaskResult(result: event.payload) }
        let runner = TaskRunner(registry: TaskRegistry(tasks: [.init("values:echo", definition: { echo })]))
        let name = "ada", flag = true
        let result = try await runner.run(.valuesEcho, payload: ["user": name, "dryRun": flag])
        #expect(result.result == ["user": "ada", "dryRun": true])
        #expect(try await runner.run("values:echo").result == [:])
        let dynamic = "values:echo"
        #expect(try await runner.run(dynamic, payload: ["n": 1]).result == ["n": 1])
        #expect(try await runner.run(TaskName(dynamic)).result == [:])
        #expect(runner.registry[.valuesEcho]?.name == "values:echo")
        #expect(!runner.isRunning(.valuesEcho) && runner.callers(of: .valuesEcho) == 0)
        runner.cancel(.valuesEcho)
        // The free function has the same forms (compiled here, not run: no registry is bootstrapped).
        let calls: [@Sendable () async throws -> TaskResult] = [
            { try await runTask(.valuesEcho) },
            { try await runTask(.valuesEcho, payload: ["user": name, "dryRun": flag]) },
            { try await runTask("values:echo", payload: ["user": name, "dryRun": flag]) },
            { try await runTask(dynamic) },
        ]
        #expect(calls.count == 4)
        #expect(TaskName.valuesEcho.rawValue == "values:echo" && "\(TaskName.valuesEcho)" == "values:echo")
        #expect(TaskName("a") < TaskName("b") && TaskName(rawValue: "x") == "x")
    }

    @Test(arguments: [
        // (value, bool, int, double, string)
        (JSONValue.bool(true), Bool?.some(true), Int?.none, Double?.none, String?.some("true")),
        (.bool(false), false, nil, nil, "false"),
        (.string("true"), true, nil, nil, "true"),
        (.string("false"), false, nil, nil, "false"),
        (.string("1"), true, 1, 1, "1"),
        (.string("0"), false, 0, 0, "0"),
        (.number(1), true, 1, 1, "1"),
        (.number(0), false, 0, 0, "0"),
        (.string("TRUE"), nil, nil, nil, "TRUE"),
        (.string("yes"), nil, nil, nil, "yes"),
        (.string(""), nil, nil, nil, ""),
        (.string("10"), nil, 10, 10, "10"),
        (.string("-3"), nil, -3, -3, "-3"),
        (.string("1e3"), nil, 1000, 1000, "1e3"),
        (.string("2.5"), nil, nil, 2.5, "2.5"),
        (.number(2.5), nil, nil, 2.5, "2.5"),
        (.string(" 10"), nil, nil, nil, " 10"),
        (.string("0x10"), nil, nil, nil, "0x10"),
        (.string(".5"), nil, nil, nil, ".5"),
        (.string("nan"), nil, nil, nil, "nan"),
        (.string("inf"), nil, nil, nil, "inf"),
        (.string("1e999"), nil, nil, nil, "1e999"),
        (.number(1e300), nil, nil, 1e300, "1e+300"),
        (.null, nil, nil, nil, nil),
        (.array(["1"]), nil, nil, nil, nil),
        (.object([:]), nil, nil, nil, nil),
    ])
    func readersAcceptJSONValuesAndQueryText(value: JSONValue, bool: Bool?, int: Int?, double: Double?, string: String?) {
        let payload = TaskPayload(["k": value])
        #expect(payload.bool("k") == bool)
        #expect(payload.int("k") == int)
        #expect(payload.double("k") == double)
        #expect(payload.string("k") == string)
        #expect(TaskPayload().bool("k") == nil && TaskPayload().int("k") == nil && TaskPayload().string("k") == nil)
    }

    @Test func listAndDateReaders() {
        let payload: TaskPayload = [
            "one": "a", "many": .array(["a", 2, true]), "mixed": .array(["a", ["b"]]), "at": "2026-01-31T10:30:00+01:00",
            "ms": 1_769_851_800_000, "bad": "later",
        ]
        #expect(payload.strings("one") == ["a"])
        #expect(payload.strings("many") == ["a", "2", "true"])
        #expect(payload.strings("mixed") == nil)
        #expect(payload.strings("none") == nil)
        #expect(payload.date("at") == Self.date)
        #expect(payload.date("ms") == Self.date)
        #expect(payload.date("bad") == nil)
    }

    struct Options: Decodable, Equatable {
        struct Item: Decodable, Equatable { var id: Int }
        var user: String
        var limit: Int?
        var since: Date?
        var items: [Item]?
    }

    @Test func decodingReadsTheWholePayload() throws {
        let payload: TaskPayload = ["user": "ada", "limit": 5, "since": "2026-01-31T09:30:00Z", "items": .array([["id": 1]])]
        #expect(try payload.decode(Options.self) == Options(user: "ada", limit: 5, since: Self.date, items: [.init(id: 1)]))
    }

    static let undecodable: [(TaskPayload, String)] = [
        (TaskPayload(), "`user` is missing"),
        (["user": 42], "`user` must be a string, not a number (42)"),
        (["user": .null], "`user` must be a string, not null"),
        (["user": "ada", "limit": "ten"], #"`limit` must be an integer, not a string ("ten")"#),
        (["user": "ada", "limit": 2.5], "`limit` must be an integer, not a number (2.5)"),
        (["user": "ada", "limit": 1e30], "`limit`: 1e+30 does not fit in Int"),
        (["user": "ada", "since": "yesterday"], #"`since`: "yesterday" is not an ISO 8601 date such as 2026-01-31T09:30:00Z"#),
        (["user": "ada", "items": .array([["id": 1], ["id": "x"]])], #"`items[1].id` must be an integer, not a string ("x")"#),
        (["user": "ada", "items": .array([["id": 1], [:]])], "`items[1].id` is missing"),
        (["user": "ada", "items": "all"], #"`items` must be an array, not a string ("all")"#),
    ]

    @Test(arguments: undecodable)
    func aPayloadThatDoesNotDecodeIsA400NamingTheKey(payload: TaskPayload, expected: String) throws {
        do {
            _ = try payload.decode(Options.self)
            Issue.record("decoded \(payload)")
        } catch let error as TaskError {
            #expect(error.statusCode == 400)
            #expect(error.message.hasPrefix("The payload does not fit `Options`: "), "\(error.message)")
            #expect(error.message.contains(expected), "\(error.message)")
        }
    }

    @Test func errorsOfTheTypesOwnDecoderPassThrough() {
        struct Picky: Decodable {
            struct Refused: Error {}
            init(from decoder: any Decoder) throws { throw Refused() }
        }
        #expect(throws: Picky.Refused.self) { try TaskPayload().decode(Picky.self) }
    }
}
