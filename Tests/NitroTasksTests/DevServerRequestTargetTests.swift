import NitroSync
import NitroTestSupport
import Foundation
import NitroJSON
import Testing

@testable import NitroTasks
@testable import NitroTasksDevServer
@testable import NitroTasksRoutes

/// Issue 13, item 2: the route comes from the request target's path only. A query value that
/// holds a URL (`?next=http://x/_nitro/tasks/db:migrate`) is a value, not a route; a target is in
/// absolute form only when it starts with `http://` or `https://` (any case), and then its
/// authority must name this machine (item 4).
@Suite(.timeLimit(.minutes(3))) struct DevServerRequestTargetTests {
    @Test(
        arguments: [
            (
                "/_nitro/tasks/echo:payload?next=http://x/_nitro/tasks/db:migrate", "/_nitro/tasks/echo:payload",
                "next=http://x/_nitro/tasks/db:migrate"
            ),
            (
                "/_nitro/tasks/echo:payload?callback=https://example.com/hook", "/_nitro/tasks/echo:payload",
                "callback=https://example.com/hook"
            ),
            ("/a?b=c://d/e?f", "/a", "b=c://d/e?f"),
            ("/a/b://c", "/a/b://c", nil),
            ("http://127.0.0.1:3000/_nitro/tasks?a=b", "/_nitro/tasks", "a=b"),
            ("HTTPS://localhost/x?u=http://y/z", "/x", "u=http://y/z"),
            ("http://localhost?q=1", "/", "q=1"),
            ("http://localhost", "/", nil),
            ("*", "*", nil),
        ] as [(String, String, String?)])
    func thePathIsTakenBeforeTheQuery(target: String, path: String, query: String?) {
        let request = HTTPRequest(method: "GET", target: target)
        #expect(request.path == path, "\(target)")
        #expect(request.query == query, "\(target)")
    }

    @Test func theAuthorityOfAnAbsoluteFormTargetIsKept() {
        #expect(HTTPRequest(method: "GET", target: "http://127.0.0.1:3000/x").authority == "127.0.0.1:3000")
        #expect(HTTPRequest(method: "GET", target: "https://evil.example?x").authority == "evil.example")
        #expect(HTTPRequest(method: "GET", target: "/x?u=http://evil.example/").authority == nil)
    }

    @Test func aQueryValueCannotChangeTheRouteOverTheWire() async throws {
        try await withDevServer { _, port in
            let (next, callback, foreign, local) = try await offThread {
                let connection = try TestHTTPConnection(port: port)
                let next = try connection.request("GET", "/_nitro/tasks/echo:payload?next=http://x/_nitro/tasks/db:migrate")
                let callback = try connection.request("GET", "/_nitro/tasks/echo:payload?callback=https://example.com/hook")
                let foreign = try TestHTTPConnection(port: port).request(
                    "GET", "http://attacker.example/_nitro/tasks/db:migrate")
                let local = try TestHTTPConnection(port: port).request(
                    "GET", "http://127.0.0.1:\(port)/_nitro/tasks/echo:payload?a=1")
                return (next, callback, foreign, local)
            }
            #expect(next.status == 200)
            #expect(next.json == ["result": ["next": "http://x/_nitro/tasks/db:migrate"]])
            #expect(callback.status == 200)
            #expect(callback.json == ["result": ["callback": "https://example.com/hook"]])
            #expect(foreign.status == 403, "\(foreign.text)")
            #expect(foreign.json?["message"]?.stringValue?.contains("attacker.example") == true, "\(foreign.text)")
            #expect(local.status == 200 && local.json == ["result": ["a": "1"]], "\(local.text)")
        }
    }

    @Test func anAbsoluteFormTargetMustNameThisMachine() {
        func refusal(_ target: String) -> String? {
            LoopbackPolicy.refusal(for: HTTPRequest(method: "GET", target: target, headers: HTTPHeaders([("Host", "localhost")])))
        }
        #expect(refusal("http://localhost:3000/_nitro/tasks") == nil)
        #expect(refusal("https://[::1]/_nitro/tasks") == nil)
        #expect(refusal("http://127.0.0.1/_nitro/tasks") == nil)
        #expect(refusal("http://evil.example/_nitro/tasks") != nil)
        #expect(refusal("http:///_nitro/tasks") != nil)
        #expect(refusal("http://user@localhost/_nitro/tasks") != nil)
        #expect(refusal("/_nitro/tasks?next=http://evil.example/") == nil)
    }
}
