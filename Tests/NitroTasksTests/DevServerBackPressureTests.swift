import NitroSync
import NitroTestSupport
import Foundation
import NitroJSON
import Testing

@testable import NitroTasks
@testable import NitroTasksDevServer
@testable import NitroTasksRoutes

/// Issue 13, item 3: clients that pipeline requests and never read the responses. The server
/// must not parse the next request of a connection while the previous response is unsent, must
/// stop reading such a connection, and must close it once its response has made no progress for
/// the request timeout, so that neither its memory nor the connection lives on.
@Suite(.timeLimit(.minutes(3))) struct DevServerBackPressureTests {
    static let timeout = 1.0

    @Test(arguments: [false, true])
    func aClientThatPipelinesAndNeverReadsIsClosedWithinTheTimeout(usePoll: Bool) async throws {
        let configuration = DevServer.Configuration(
            requestTimeout: .milliseconds(Int64(Self.timeout * 1000)), idleTimeout: .seconds(30), infoFile: nil)
        // 32 KiB answers fill the kernel's socket buffers (a few MiB) within a second or two.
        let body = #"{"payload":{"pad":""# + String(repeating: "p", count: 32 * 1024) + #""}}"#
        let request = Array(
            ("POST /_nitro/tasks/echo:payload HTTP/1.1\r\nHost: localhost\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body).utf8)
        try await withDevServer(configuration, usePoll: usePoll) { server, port in
            let start = PipeliningFlooder.now()
            // A bound for slow runs; about 3 s otherwise. The echo runs go through Swift
            // concurrency's cooperative threads: while the parallel suite keeps those busy, few
            // responses are made, the kernel's buffers do not fill, and the flood cannot stall
            // until they are free again (seen at 30 s in full parallel runs).
            let deadline = start + 90
            async let flooded = offThread {
                try PipeliningFlooder.run(port: port, connections: 10, request: request, deadline: deadline)
            }
            // Meanwhile the server keeps answering other clients.
            let healthy = try await offThread {
                try TestHTTPConnection(port: port).request("GET", "/_nitro/tasks/db:migrate").status
            }
            let outcomes = try await flooded
            let waits = outcomes.compactMap { outcome in outcome.closedAt.map { $0 - outcome.lastProgress } }
            print(
                "back-pressure: \(waits.count) of \(outcomes.count) closed; \(outcomes.map(\.bytesSent).reduce(0, +) / 1024) KiB sent; "
                    + "closed \(waits.map { ($0 * 100).rounded() / 100 }) s after the last progress; \(server.statistics)")
            #expect(healthy == 200)
            for (index, outcome) in outcomes.enumerated() {
                let closedAt = try #require(
                    outcome.closedAt, "connection \(index) is still open after 90 s (\(outcome.bytesSent) bytes sent)")
                // Closed within the timeout of the moment the server stopped taking its bytes,
                // plus slack: the sweep (≤ 250 ms), the server's own last progress (a little after
                // the client's) and a busy or sanitized machine.
                #expect(closedAt - outcome.lastProgress < Self.timeout + 5, "connection \(index): \(closedAt - outcome.lastProgress) s")
            }
            let after = try await offThread {
                try TestHTTPConnection(port: port).request("GET", "/_nitro/tasks/db:migrate").status
            }
            #expect(after == 200)
            // The memory bound (Docs/Development-Server.md): one connection never held more than
            // its read-ahead limit of unparsed input plus the body being read, nor more than one
            // response of output.
            let statistics = server.statistics
            let inputBound = EventLoop.inputLimit(headerLimit: configuration.headerLimit) + body.utf8.count
            let largestResponse = body.utf8.count + 256  // {"result":{"pad":"p…"}} and its head
            #expect(statistics.peakInputBytes <= inputBound, "\(statistics)")
            #expect(statistics.peakOutputBytes <= largestResponse, "\(statistics)")
            #expect(statistics.writeTimeouts >= 10, "\(statistics)")
        }
    }
}
