import Foundation
import NitroJSON
import NitroSync
import NitroTestSupport
import Testing

@testable import NitroTasks
@testable import NitroTasksDevServer
@testable import NitroTasksRoutes

/// The dashboard's routes: the page and its files with a strict Content-Security-Policy, and the
/// same protections as the task routes (loopback only, no cross-site use), with runs by `POST`
/// and a JSON body only.
@Suite(.timeLimit(.minutes(2)))
struct TaskDashboardRoutesTests {
    let log = EventLog()
    let routes: TaskRoutes

    init() {
        routes = TaskRoutes(runner: TaskRunner(registry: devServerTestRegistry(), observers: [log.observer]))
    }

    func respond(
        _ method: String, _ target: String, headers: [(name: String, value: String)] = [], body: String = "",
        from address: String = "127.0.0.1"
    ) async -> TaskRoutesResponse {
        await routes.respond(
            to: TaskRoutesRequest(
                method: method, target: target, headers: [("Host", "127.0.0.1:4000")] + headers, body: Array(body.utf8),
                remoteAddress: address))
    }

    static let json = [(name: "Content-Type", value: "application/json")]
    static let sameOrigin = [(name: "Origin", value: "http://127.0.0.1:4000"), (name: "Sec-Fetch-Site", value: "same-origin")]

    @Test func servesThePageWithAStrictContentSecurityPolicy() async throws {
        for target in ["/_nitro/tasks/~ui", "/_nitro/tasks/~ui/"] {
            let page = await respond("GET", target)
            #expect(page.status == 200)
            #expect(page.header("content-type") == "text/html; charset=utf-8")
            let policy = try #require(page.header("content-security-policy"))
            for directive in [
                "default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "form-action 'none'",
            ] {
                #expect(policy.contains(directive), "\(directive)")
            }
            #expect(!policy.contains("unsafe"))
            #expect(page.header("x-content-type-options") == "nosniff")
            // No inline script or style: every <script> has a src, no <style> and no style attribute.
            let html = String(decoding: page.body, as: UTF8.self)
            let scripts = html.components(separatedBy: "<script").dropFirst()
            #expect(scripts.count == 1)
            #expect(scripts.allSatisfy { $0.hasPrefix(" src=\"/_nitro/tasks/~ui/dashboard.js\"") })
            #expect(!html.contains("<style") && !html.contains("style=") && !html.contains(" on"))
            #expect(html.contains("<html lang=\"en\">") && html.contains("name=\"viewport\""))
        }
        let script = await respond("GET", "/_nitro/tasks/~ui/dashboard.js")
        #expect(script.status == 200 && script.header("content-type") == "text/javascript; charset=utf-8")
        let source = String(decoding: script.body, as: UTF8.self)
        #expect(source.contains(#"const base = "/_nitro/tasks/~ui";"#) && source.contains(#"fetch(base + "/run", {"#))
        #expect(!String(decoding: script.body, as: UTF8.self).contains("innerHTML"))
        let style = await respond("GET", "/_nitro/tasks/~ui/dashboard.css")
        #expect(style.status == 200 && style.header("content-type") == "text/css; charset=utf-8")
        #expect(style.header("content-security-policy") != nil)
        #expect(await respond("HEAD", "/_nitro/tasks/~ui").status == 200)
        #expect(await respond("GET", "/_nitro/tasks/~ui/nothing").status == 404)
    }

    @Test func theStateIsReadByGetOnly() async throws {
        let state = await respond("GET", "/_nitro/tasks/~ui/state.json")
        #expect(state.status == 200 && state.header("content-type") == "application/json; charset=utf-8")
        let json = try JSONReader.parse(state.body)
        #expect(json["tasks"]?.arrayValue?.count == 6)
        #expect(json["schedules"]?[0]?["words"] == "At every minute")
        let post = await respond("POST", "/_nitro/tasks/~ui/state.json", headers: Self.json, body: "{}")
        #expect(post.status == 405 && post.header("allow") == "GET, HEAD")
    }

    @Test func runsATaskByPostWithAJSONBody() async throws {
        let response = await respond(
            "POST", "/_nitro/tasks/~ui/run", headers: Self.json + Self.sameOrigin,
            body: #"{"task": "echo:payload", "payload": {"user": "ada", "n": 2}}"#)
        #expect(response.status == 200)
        let json = try JSONReader.parse(response.body)
        #expect(json["task"] == "echo:payload" && json["status"] == 200)
        #expect(json["result"] == ["user": "ada", "n": 2])
        #expect(json["durationMs"]?.doubleValue.map { $0 >= 0 } == true)
        #expect(log.summary("echo:payload") == ["echo:payload started manual", "echo:payload succeeded manual"])
        let state = try JSONReader.parse(await respond("GET", "/_nitro/tasks/~ui/state.json").body)
        let echo = state["tasks"]?.arrayValue?.first { $0["name"] == "echo:payload" }
        #expect(echo?["recent"]?[0]?["trigger"] == "manual" && echo?["recent"]?[0]?["outcome"] == "succeeded")
    }

    @Test func aRunThatFailsAnswersWithItsStatusAndMessage() async throws {
        let teapot = await respond("POST", "/_nitro/tasks/~ui/run", headers: Self.json, body: #"{"task": "tea:pot"}"#)
        #expect(teapot.status == 418)
        #expect(try JSONReader.parse(teapot.body)["message"] == "short and stout")
        let unknown = await respond("POST", "/_nitro/tasks/~ui/run", headers: Self.json, body: #"{"task": "nope"}"#)
        #expect(unknown.status == 404)
        #expect(try JSONReader.parse(unknown.body)["message"] == "Task `nope` is not available!")
    }

    struct Refused: Sendable, CustomTestStringConvertible {
        var label: String
        var method = "POST"
        var target = "/_nitro/tasks/~ui/run"
        var headers: [(name: String, value: String)] = TaskDashboardRoutesTests.json
        var body = #"{"task": "db:migrate"}"#
        var address = "127.0.0.1"
        var status: Int
        var testDescription: String { label }
    }

    static let refused: [Refused] = [
        Refused(label: "GET on the run endpoint", method: "GET", headers: [], body: "", status: 405),
        Refused(label: "GET with a task in the query", method: "GET", target: "/_nitro/tasks/~ui/run?task=db:migrate", status: 405),
        Refused(label: "no content type", headers: [], status: 415),
        Refused(
            label: "a form's content type", headers: [("Content-Type", "application/x-www-form-urlencoded")], body: "task=db:migrate",
            status: 415),
        Refused(label: "text/plain (a no-cors fetch)", headers: [("Content-Type", "text/plain;charset=UTF-8")], status: 415),
        Refused(label: "two content types", headers: json + [("Content-Type", "text/plain")], status: 415),
        Refused(label: "not JSON", body: "{task", status: 400),
        Refused(label: "not an object", body: #"["db:migrate"]"#, status: 400),
        Refused(label: "no task", body: #"{"payload": {}}"#, status: 400),
        Refused(label: "a payload that is not an object", body: #"{"task": "db:migrate", "payload": [1]}"#, status: 400),
        Refused(label: "cross-site fetch", headers: json + [("Sec-Fetch-Site", "cross-site")], status: 403),
        Refused(label: "same-site but another origin", headers: json + [("Sec-Fetch-Site", "same-site")], status: 403),
        Refused(label: "another site's origin", headers: json + [("Origin", "https://attacker.example")], status: 403),
        Refused(label: "opaque origin", headers: json + [("Origin", "null")], status: 403),
        Refused(label: "DNS rebinding", headers: json + [("Host", "rebound.example:4000")], status: 403),
        Refused(label: "a peer that is not this machine", address: "10.0.0.2", status: 403),
        Refused(
            label: "the page framed by another site", method: "GET", target: "/_nitro/tasks/~ui",
            headers: [("Sec-Fetch-Site", "cross-site")], body: "", status: 403),
        Refused(
            label: "the state read from another machine", method: "GET", target: "/_nitro/tasks/~ui/state.json",
            headers: [], body: "", address: "192.168.1.20", status: 403),
        Refused(
            label: "the page from another machine", method: "GET", target: "/_nitro/tasks/~ui", headers: [], body: "",
            address: "10.0.0.2", status: 403),
    ]

    @Test(arguments: refused)
    func refuses(_ item: Refused) async throws {
        let response = await respond(item.method, item.target, headers: item.headers, body: item.body, from: item.address)
        #expect(response.status == item.status)
        let json = try JSONReader.parse(response.body)
        #expect(json["status"] == .number(Double(item.status)))
        #expect(json["message"]?.stringValue?.isEmpty == false)
        if item.status == 405 { #expect(response.header("allow") == "POST") }
        #expect(log.summary().isEmpty, "no task ran")
    }

    @Test func routesWithoutADashboardAnswer404AndTaskNamesStayReachable() async {
        let runner = TaskRunner(registry: devServerTestRegistry())
        let off = TaskRoutes(runner: runner, dashboard: nil)
        let response = await off.respond(
            to: TaskRoutesRequest(method: "GET", target: "/_nitro/tasks/~ui", headers: [("Host", "localhost")], remoteAddress: "::1"))
        #expect(response.status == 404)
        #expect(TaskDashboard.matches(path: "/_nitro/tasks/~ui") && TaskDashboard.matches(path: "/_nitro/tasks/~ui/run"))
        #expect(!TaskDashboard.matches(path: "/_nitro/tasks/~uix") && !TaskDashboard.matches(path: "/_nitro/tasks/_ui"))
    }

    /// The built-in server passes the dashboard's headers through and runs by `POST` only.
    @Test func theDevelopmentServerServesTheDashboard() async throws {
        try await withDevServer { _, port in
            let page = try await offThread { try TestHTTPConnection(port: port).request("GET", "/_nitro/tasks/~ui") }
            #expect(page.status == 200)
            #expect(page.headers["content-type"] == "text/html; charset=utf-8")
            #expect(page.headers["content-security-policy"]?.contains("script-src 'self'") == true)
            let run = try await offThread {
                try TestHTTPConnection(port: port).request(
                    "POST", "/_nitro/tasks/~ui/run", body: #"{"task": "echo:payload", "payload": {"x": 1}}"#,
                    headers: ["Content-Type: application/json", "Origin: http://127.0.0.1:\(port)", "Sec-Fetch-Site: same-origin"])
            }
            #expect(run.status == 200 && run.json?["result"] == ["x": 1])
            let get = try await offThread { try TestHTTPConnection(port: port).request("GET", "/_nitro/tasks/~ui/run") }
            #expect(get.status == 405)
            let crossSite = try await offThread {
                try TestHTTPConnection(port: port).request(
                    "POST", "/_nitro/tasks/~ui/run", body: #"{"task": "db:migrate"}"#,
                    headers: ["Content-Type: application/json", "Sec-Fetch-Site: cross-site", "Origin: http://attacker.example"])
            }
            #expect(crossSite.status == 403)
            let state = try await offThread { try TestHTTPConnection(port: port).request("GET", "/_nitro/tasks/~ui/state.json") }
            let tasks = state.json?["tasks"]?.arrayValue ?? []
            #expect(tasks.first { $0["name"] == "echo:payload" }?["recent"]?.arrayValue?.count == 1)
            #expect(tasks.first { $0["name"] == "db:migrate" }?["recent"] == [])
        }
    }
}
