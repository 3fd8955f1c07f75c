import NitroTestSupport
import NitroJSON
import NitroTasksRoutes
import Testing

@testable import NitroTasks
@testable import NitroTasksDevServer
@testable import NitroTasksRoutes

private struct Boom: Error, CustomStringConvertible {
    var description: String { "missing `slug` in payload" }
}

/// The registry the server tests use: a task per kind of outcome.
func devServerTestRegistry() -> TaskRegistry {
    let migrate = defineTask(meta: TaskMeta(name: "db:migrate", description: "Run database migrations")) { _ in
        TaskResult(result: "Success")
    }
    let echo = defineTask(meta: TaskMeta(description: "Returns the provided payload")) { event in
        TaskResult(result: event.payload)
    }
    let publish = defineTask { event in
        guard event.payload["slug"] != nil else { throw Boom() }
        return TaskResult(result: "published")
    }
    let teapot = defineTask { _ -> TaskResult in throw TaskError(statusCode: 418, message: "short and stout") }
    let silent = defineTask { (_: TaskEvent) in }
    return TaskRegistry(
        tasks: [
            .init("db:migrate", description: "Run database migrations", definition: { migrate }),
            .init("echo:payload", description: "Returns the provided payload", definition: { echo }),
            .init("cms:publish", definition: { publish }),
            .init("db:seed", description: "Seed the database", definition: nil),
            .init("tea:pot", definition: { teapot }),
            .init("a/b c", definition: { silent }),
        ],
        scheduledTasks: [.init(cron: "* * * * *", tasks: ["cms:publish"]), .init(cron: "0 * * * *", tasks: ["db:migrate"])])
}

private func respond(_ method: String, _ target: String, body: String = "") async -> (Int, JSONValue?) {
    let routes = TaskRoutes(runner: TaskRunner(registry: devServerTestRegistry()))
    let request = HTTPRequest(method: method, target: target, body: Array(body.utf8))
    let response = await routes.respond(to: request)
    return (response.status, try? JSONReader.parse(response.body))
}

@Suite(.timeLimit(.minutes(3))) struct DevServerRoutesTests {
    @Test func listsTasksWithDescriptionsAndSchedules() async {
        let (status, json) = await respond("GET", "/_nitro/tasks")
        #expect(status == 200)
        #expect(json?["tasks"]?["db:migrate"] == ["description": "Run database migrations"])
        #expect(json?["tasks"]?["cms:publish"] == .object([:]))
        #expect(json?["tasks"]?.objectValue?.count == 6)
        #expect(
            json?["scheduledTasks"]
                == [["cron": "* * * * *", "tasks": ["cms:publish"]], ["cron": "0 * * * *", "tasks": ["db:migrate"]]])
        #expect(await respond("GET", "/_nitro/tasks/").0 == 200)
        #expect(await respond("HEAD", "/_nitro/tasks").0 == 200)
    }

    @Test func runsATaskByItsPercentDecodedName() async {
        #expect(await respond("GET", "/_nitro/tasks/db:migrate") == (200, ["result": "Success"]))
        #expect(await respond("POST", "/_nitro/tasks/db%3Amigrate") == (200, ["result": "Success"]))
        #expect(await respond("POST", "/_nitro/tasks/a%2Fb%20c") == (200, .object([:])))
    }

    @Test func mergesQueryParametersAndTheBodyPayload() async {
        let (_, query) = await respond("GET", "/_nitro/tasks/echo:payload?a=1&b=x+y&c=%E2%9C%93&a=2&flag&=skip")
        #expect(query == ["result": ["a": ["1", "2"], "b": "x y", "c": "✓", "flag": ""]])
        let (_, merged) = await respond(
            "POST", "/_nitro/tasks/echo:payload?a=query&keep=yes", body: #"{"payload": {"a": "body", "n": 3}}"#)
        #expect(merged == ["result": ["a": "body", "keep": "yes", "n": 3]])
        let (_, nullPayload) = await respond("POST", "/_nitro/tasks/echo:payload?q=1", body: #"{"payload": null, "x": 1}"#)
        #expect(nullPayload == ["result": ["q": "1"]])
    }

    @Test func answersErrorsAsJSONWithTheRuntimeMessages() async {
        #expect(
            await respond("GET", "/_nitro/tasks/nope")
                == (404, ["status": 404, "message": "Task `nope` is not available!"]))
        #expect(
            await respond("POST", "/_nitro/tasks/db:seed")
                == (501, ["status": 501, "message": "Task `db:seed` is not implemented!"]))
        #expect(
            await respond("POST", "/_nitro/tasks/cms:publish")
                == (500, ["status": 500, "message": "missing `slug` in payload"]))
        #expect(await respond("POST", "/_nitro/tasks/tea:pot") == (418, ["status": 418, "message": "short and stout"]))
        #expect(await respond("POST", "/_nitro/tasks/cms:publish", body: #"{"payload":{"slug":"x"}}"#).0 == 200)
    }

    @Test(arguments: [
        ("POST", "/_nitro/tasks/echo:payload", "{not json", 400),
        ("POST", "/_nitro/tasks/echo:payload", "[1]", 400),
        ("POST", "/_nitro/tasks/echo:payload", #"{"payload": "text"}"#, 400),
        ("GET", "/_nitro/tasks/echo:payload?bad=%ZZ", "", 400),
        ("GET", "/_nitro/tasks/%C3%28", "", 400),
        ("DELETE", "/_nitro/tasks/db:migrate", "", 405),
        ("PUT", "/_nitro/tasks", "", 405),
        ("GET", "/elsewhere", "", 404),
    ])
    func rejectsBadRequests(method: String, target: String, body: String, status: Int) async {
        let (actual, json) = await respond(method, target, body: body)
        #expect(actual == status)
        #expect(json?["status"]?.intValue == status)
        #expect(json?["message"]?.stringValue?.isEmpty == false)
    }

    @Test func answersOnlyRequestsAddressedToThisMachine() {
        for host in ["127.0.0.1:3000", "localhost", "LOCALHOST:80", "app.localhost:8080", "[::1]:3000", "127.1.2.3", "localhost."] {
            #expect(LoopbackPolicy.isLocalAuthority(host), "\(host)")
        }
        for host in ["evil.example", "evil.example:3000", "127.0.0.1.evil.example", "10.0.0.1", "[::2]", "localhost:x", "127.0.0.256", ""] {
            #expect(!LoopbackPolicy.isLocalAuthority(host), "\(host)")
        }
        func request(_ headers: [(String, String)]) -> HTTPRequest {
            HTTPRequest(method: "POST", target: "/_nitro/tasks/x", headers: HTTPHeaders(headers))
        }
        #expect(LoopbackPolicy.refusal(for: request([("Host", "127.0.0.1:4000")])) == nil)
        #expect(LoopbackPolicy.refusal(for: request([("Host", "localhost"), ("Origin", "http://localhost:5173")])) == nil)
        #expect(LoopbackPolicy.refusal(for: request([("Host", "rebound.example:4000")])) != nil)
        #expect(LoopbackPolicy.refusal(for: request([("Host", "127.0.0.1"), ("Origin", "https://evil.example")])) != nil)
    }

    @Test func recognisesLoopbackPeers() {
        #expect(RemoteAddress.loopback(family: AF_INET_VALUE, [127, 0, 0, 1]))
        #expect(RemoteAddress.loopback(family: AF_INET_VALUE, [127, 9, 8, 7]))
        #expect(!RemoteAddress.loopback(family: AF_INET_VALUE, [10, 0, 0, 1]))
        #expect(!RemoteAddress.loopback(family: AF_INET_VALUE, [192, 168, 1, 127]))
        #expect(RemoteAddress.loopback(family: AF_INET6_VALUE, Array(repeating: 0, count: 15) + [1]))
        #expect(!RemoteAddress.loopback(family: AF_INET6_VALUE, Array(repeating: 0, count: 16)))
        let mapped: [UInt8] = Array(repeating: 0, count: 10) + [0xFF, 0xFF, 127, 0, 0, 1]
        #expect(RemoteAddress.loopback(family: AF_INET6_VALUE, mapped))
        let mappedRemote: [UInt8] = Array(repeating: 0, count: 10) + [0xFF, 0xFF, 8, 8, 8, 8]
        #expect(!RemoteAddress.loopback(family: AF_INET6_VALUE, mappedRemote))
        #expect(!RemoteAddress.loopback(family: AF_INET6_VALUE, [0xFE, 0x80] + Array(repeating: 0, count: 13) + [1]))
    }
}
