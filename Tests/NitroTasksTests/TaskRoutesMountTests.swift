import NitroSync
import NitroTestSupport
import Foundation
import NitroJSON
import Testing

@testable import NitroTasks
@testable import NitroTasksDevServer
@testable import NitroTasksRoutes

/// The mountable handler (``TaskRoutes``) and the built-in server behave identically: every case
/// runs through the server with an HTTP client on a socket, and through the handler directly.
@Suite("Mountable task routes")
struct TaskRoutesMountTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var method = "GET"
        var target: String
        var headers: [(name: String, value: String)] = []
        var body = ""
        var status: Int
        /// The whole expected body, or `nil` to check only that it is the error shape.
        var json: JSONValue?
        var allow: String?

        var testDescription: String { label }
    }

    enum Path: String, Sendable, CaseIterable, CustomTestStringConvertible {
        case server, handler
        var testDescription: String { self == .server ? "through the server with an HTTP client" : "through the handler directly" }
    }

    static let cases: [Case] = [
        Case(label: "list", target: "/_nitro/tasks", status: 200, json: TaskRoutes.listing(devServerTestRegistry())),
        Case(label: "run by GET", target: "/_nitro/tasks/db:migrate", status: 200, json: ["result": "Success"]),
        Case(
            label: "run by POST, encoded name", method: "POST", target: "/_nitro/tasks/db%3Amigrate", status: 200,
            json: ["result": "Success"]),
        Case(
            label: "query then body payload", method: "POST", target: "/_nitro/tasks/echo:payload?user=grace&x=1",
            body: #"{"payload": {"user": "ada"}}"#, status: 200, json: ["result": ["user": "ada", "x": "1"]]),
        Case(
            label: "unknown task", method: "POST", target: "/_nitro/tasks/nope", status: 404,
            json: ["status": 404, "message": "Task `nope` is not available!"]),
        Case(
            label: "no handler", target: "/_nitro/tasks/db:seed", status: 501,
            json: ["status": 501, "message": "Task `db:seed` is not implemented!"]),
        Case(
            label: "the task's own status", target: "/_nitro/tasks/tea:pot", status: 418,
            json: ["status": 418, "message": "short and stout"]),
        Case(label: "malformed body", method: "POST", target: "/_nitro/tasks/echo:payload", body: "{not json", status: 400),
        Case(label: "wrong method", method: "DELETE", target: "/_nitro/tasks/db:migrate", status: 405, allow: "GET, POST"),
        Case(label: "wrong method on the list", method: "POST", target: "/_nitro/tasks", status: 405, allow: "GET, HEAD"),
        Case(
            label: "another route", target: "/elsewhere", status: 404,
            json: ["status": 404, "message": "Cannot find any route matching GET /elsewhere"]),
        Case(label: "DNS rebinding", target: "/_nitro/tasks/db:migrate", headers: [("Host", "rebound.example:4000")], status: 403),
        Case(label: "absolute-form target for another host", target: "http://evil.example/_nitro/tasks/db:migrate", status: 403),
        Case(
            label: "cross-site fetch", method: "POST", target: "/_nitro/tasks/db:migrate",
            headers: [("Sec-Fetch-Site", "cross-site")], status: 403),
        Case(label: "opaque origin", method: "POST", target: "/_nitro/tasks/db:migrate", headers: [("Origin", "null")], status: 403),
        Case(
            label: "another site's origin", method: "POST", target: "/_nitro/tasks/db:migrate",
            headers: [("Origin", "https://evil.example")], status: 403),
        Case(
            label: "a local page's origin", method: "POST", target: "/_nitro/tasks/db:migrate",
            headers: [("Origin", "http://localhost:5173"), ("Sec-Fetch-Site", "same-origin")], status: 200,
            json: ["result": "Success"]),
    ]

    static func response(_ item: Case, _ path: Path) async throws -> (status: Int, json: JSONValue?, allow: String?) {
        var headers = item.headers
        if !headers.contains(where: { $0.name.lowercased() == "host" }) { headers.insert(("Host", "127.0.0.1"), at: 0) }
        switch path {
        case .handler:
            let routes = TaskRoutes(runner: TaskRunner(registry: devServerTestRegistry()))
            let response = await routes.respond(
                to: TaskRoutesRequest(
                    method: item.method, target: item.target, headers: headers, body: Array(item.body.utf8),
                    remoteAddress: "127.0.0.1"))
            #expect(response.header("content-type") == "application/json; charset=utf-8")
            return (response.status, try? JSONReader.parse(response.body), response.header("allow"))
        case .server:
            var result: (Int, JSONValue?, String?) = (0, nil, nil)
            let lines = headers.map { "\($0.name): \($0.value)" }
            try await withDevServer { _, port in
                let response = try await offThread {
                    try TestHTTPConnection(port: port).request(
                        item.method, item.target, body: item.body.isEmpty ? nil : item.body, headers: lines)
                }
                #expect(response.headers["content-type"] == "application/json; charset=utf-8")
                result = (response.status, response.json, response.headers["allow"])
            }
            return result
        }
    }

    @Test(arguments: Path.allCases, cases)
    func sameAnswer(_ path: Path, _ item: Case) async throws {
        let response = try await Self.response(item, path)
        #expect(response.status == item.status)
        if let json = item.json {
            #expect(response.json == json)
        } else {
            #expect(response.json?["status"] == .number(Double(item.status)))
            #expect(response.json?["message"]?.stringValue?.isEmpty == false)
        }
        #expect(response.allow == item.allow)
    }

    /// The handler alone is told the peer's address by the framework: only loopback peers are
    /// served, and an unknown address only when configured.
    @Test func theHandlerServesOnlyLoopbackPeersUnlessConfigured() async {
        let runner = TaskRunner(registry: devServerTestRegistry())
        func status(_ address: String?, _ policy: TaskRoutes.RemoteAddressPolicy = .loopbackOnly) async -> Int {
            await TaskRoutes(runner: runner, remoteAddressPolicy: policy).respond(
                to: TaskRoutesRequest(
                    method: "GET", target: "/_nitro/tasks/db:migrate", headers: [("Host", "localhost")], remoteAddress: address)
            ).status
        }
        for loopback in ["127.0.0.1", "127.8.9.10", "::1", "[::1]:52100", "127.0.0.1:52100", "::ffff:127.0.0.1", "::1%lo"] {
            #expect(await status(loopback) == 200, "\(loopback)")
        }
        for remote in ["10.0.0.2", "192.168.1.20:443", "::ffff:10.0.0.1", "2001:db8::1", "localhost", "", "unix:/tmp/s"] {
            #expect(await status(remote) == 403, "\(remote)")
        }
        #expect(await status(nil) == 403)
        #expect(await status(nil, .loopbackOrUnknown) == 200)
        #expect(await status("10.0.0.2", .loopbackOrUnknown) == 403)
        #expect(await status("10.0.0.2", .any) == 200)
        // The Host and cross-site checks apply whatever the peer policy.
        let rebound = await TaskRoutes(runner: runner, remoteAddressPolicy: .any).respond(
            to: TaskRoutesRequest(
                method: "GET", target: "/_nitro/tasks/db:migrate", headers: [("Host", "rebound.example")], remoteAddress: "10.0.0.2"))
        #expect(rebound.status == 403)
        #expect(TaskRoutes.matches(path: "/_nitro/tasks") && TaskRoutes.matches(path: "/_nitro/tasks/db:migrate"))
        #expect(!TaskRoutes.matches(path: "/_nitro/tasksx") && !TaskRoutes.matches(path: "/"))
    }
}
