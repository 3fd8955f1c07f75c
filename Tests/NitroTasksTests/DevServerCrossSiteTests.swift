import NitroTestSupport
import Foundation
import NitroJSON
import NitroSync
import Testing

@testable import NitroTasks
@testable import NitroTasksDevServer
@testable import NitroTasksRoutes

/// Issue 13, item 1: a web page open in the developer's browser cannot run tasks, whatever it
/// uses (an `<img>`, a form in a sandboxed iframe, a cross-site `fetch`), while plain clients
/// (curl, `nitro task`), same-origin pages and typed URLs keep working. The header sets are the
/// ones Chromium sends.
@Suite(.timeLimit(.minutes(3))) struct DevServerCrossSiteTests {
    /// A browser request, as its header lines (without `Host`, which the tests add).
    struct BrowserRequest: Sendable, CustomStringConvertible {
        var description: String
        var method: String
        var headers: [String]
        var allowed: Bool

        /// One that must be refused.
        static func refused(_ description: String, _ method: String, _ headers: String...) -> Self {
            Self(description: description, method: method, headers: headers, allowed: false)
        }

        /// One that must be let through.
        static func letThrough(_ description: String, _ method: String, _ headers: String...) -> Self {
            Self(description: description, method: method, headers: headers, allowed: true)
        }
    }

    static let refused: [BrowserRequest] = [
        .refused(
            "an <img> of a cross-site page (no Origin)", "GET",
            "Sec-Fetch-Site: cross-site", "Sec-Fetch-Mode: no-cors", "Sec-Fetch-Dest: image"),
        .refused(
            "a form POST from a sandboxed iframe", "POST",
            "Origin: null", "Sec-Fetch-Site: cross-site", "Sec-Fetch-Mode: navigate", "Sec-Fetch-Dest: iframe",
            "Content-Type: application/x-www-form-urlencoded"),
        .refused("a sandboxed page's fetch (Origin: null only)", "POST", "Origin: null"),
        .refused(
            "a page of another local port (same-site)", "GET",
            "Sec-Fetch-Site: same-site", "Sec-Fetch-Mode: no-cors", "Sec-Fetch-Dest: script"),
        .refused(
            "a cross-site navigation (a link)", "GET",
            "Sec-Fetch-Site: cross-site", "Sec-Fetch-Mode: navigate", "Sec-Fetch-Dest: document", "Sec-Fetch-User: ?1"),
        .refused(
            "a local Origin first, a foreign one second", "POST", "Origin: http://127.0.0.1", "Origin: https://attacker.example"),
        .refused("an Origin of null after a local one", "POST", "Origin: http://localhost", "Origin: null"),
        .refused(
            "Sec-Fetch-Site same-origin first, cross-site second", "GET",
            "Sec-Fetch-Site: same-origin", "Sec-Fetch-Site: cross-site"),
        .refused("an empty Sec-Fetch-Site", "GET", "Sec-Fetch-Site: "),
    ]

    static let allowed: [BrowserRequest] = [
        .letThrough("curl or `nitro task` (none of these headers)", "POST"),
        .letThrough(
            "a typed URL (Sec-Fetch-Site: none)", "GET",
            "Sec-Fetch-Site: none", "Sec-Fetch-Mode: navigate", "Sec-Fetch-Dest: document", "Sec-Fetch-User: ?1"),
        .letThrough(
            "a same-origin fetch", "POST",
            "Origin: http://127.0.0.1:{port}", "Sec-Fetch-Site: same-origin", "Sec-Fetch-Mode: cors", "Sec-Fetch-Dest: empty"),
    ]

    /// The policy on its own, for every header set.
    @Test(arguments: refused + allowed)
    func thePolicyRefusesCrossSiteAndOpaqueOriginRequests(_ item: BrowserRequest) {
        var headers = HTTPHeaders([("Host", "127.0.0.1:4000")])
        for line in item.headers {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingHTTPWhitespace() }
            headers.add(parts[0], parts.count > 1 ? parts[1].replacingOccurrences(of: "{port}", with: "4000") : "")
        }
        let refusal = LoopbackPolicy.refusal(for: HTTPRequest(method: item.method, target: "/_nitro/tasks/x", headers: headers))
        if item.allowed {
            #expect(refusal == nil, "\(item): \(refusal ?? "")")
        } else {
            #expect(refusal != nil, "\(item) was allowed")
            // The message says what happened and what to do.
            #expect(refusal?.contains("nitro task run") == true, "\(refusal ?? "")")
        }
    }

    /// Over a real socket: refused requests get 403 and never run the task; allowed ones run it.
    @Test func aCrossSitePageCannotRunATaskOverTheWire() async throws {
        let runs = Locked(0)
        let counted = defineTask { _ in
            runs.withLock { $0 += 1 }
            return TaskResult(result: "ran")
        }
        let registry = TaskRegistry(tasks: [.init("count", definition: { counted })])
        try await withDevServer(registry: registry) { _, port in
            let cases = Self.refused + Self.allowed
            let answers = try await offThread {
                try cases.map { item in
                    let headers = item.headers.map { $0.replacingOccurrences(of: "{port}", with: "\(port)") }
                    return try TestHTTPConnection(port: port).request(item.method, "/_nitro/tasks/count", headers: headers)
                }
            }
            for (item, answer) in zip(cases, answers) {
                if item.allowed {
                    #expect(answer.status == 200, "\(item): \(answer.text)")
                } else {
                    #expect(answer.status == 403, "\(item): \(answer.status) \(answer.text)")
                    #expect(answer.json?["status"] == 403)
                    #expect(answer.headers["connection"] == "close")
                }
            }
            #expect(runs.withLock { $0 } == Self.allowed.count, "a refused request ran the task")
        }
    }

    /// The server's log says what it refused and why (it is logged before the answer is sent).
    @Test func theLogSaysWhatWasRefused() async throws {
        let lines = Locked<[String]>([])
        let configuration = DevServer.Configuration(infoFile: nil, log: { line in lines.withLock { $0.append(line) } })
        try await withDevServer(configuration) { _, port in
            let status = try await offThread {
                try TestHTTPConnection(port: port).request(
                    "GET", "/_nitro/tasks/db:migrate", headers: ["Sec-Fetch-Site: cross-site", "Sec-Fetch-Dest: image"]
                ).status
            }
            #expect(status == 403)
            let logged = lines.withLock { $0 }
            #expect(
                logged.contains { $0.hasPrefix("GET /_nitro/tasks/db:migrate → 403 (") && $0.contains("Sec-Fetch-Site") },
                "\(logged)")
        }
    }
}
