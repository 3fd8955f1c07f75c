import NitroTestSupport
import Foundation
import NitroJSON
import NitroSync
import Testing

@testable import NitroTasks
@testable import NitroTasksDevServer
@testable import NitroTasksRoutes

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Starts a server on a free loopback port, runs `body`, and stops the server.
func withDevServer(
    _ configuration: DevServer.Configuration = DevServer.Configuration(infoFile: nil),
    registry: TaskRegistry = devServerTestRegistry(), usePoll: Bool = false,
    _ body: (DevServer, Int) async throws -> Void
) async throws {
    let server = DevServer(runner: TaskRunner(registry: registry), configuration: configuration, usePoll: usePoll)
    let port = try server.start()
    do {
        try await body(server, port)
    } catch {
        await server.stop()
        throw error
    }
    await server.stop()
}

private func fetch(_ method: String, _ url: String, body: String? = nil) async throws -> (Int, JSONValue?) {
    var request = URLRequest(url: URL(string: url)!)
    request.httpMethod = method
    if let body {
        request.httpBody = Data(body.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    }
    let (data, response) = try await URLSession.shared.data(for: request)
    return ((response as! HTTPURLResponse).statusCode, try? JSONReader.parse(Array(data)))
}

@Suite(.timeLimit(.minutes(3))) struct DevServerTests {
    @Test(arguments: [false, true])
    func servesTheRoutesToARealHTTPClient(usePoll: Bool) async throws {
        try await withDevServer(usePoll: usePoll) { _, port in
            let base = "http://127.0.0.1:\(port)/_nitro/tasks"
            let (status, listing) = try await fetch("GET", base)
            #expect(status == 200)
            #expect(listing?["tasks"]?["db:migrate"]?["description"] == "Run database migrations")
            #expect(listing?["scheduledTasks"]?[0]?["tasks"] == ["cms:publish"])
            #expect(try await fetch("GET", base + "/db:migrate") == (200, ["result": "Success"]))
            #expect(try await fetch("POST", base + "/db%3Amigrate") == (200, ["result": "Success"]))
            #expect(
                try await fetch("POST", base + "/echo:payload?a=q&b=q", body: #"{"payload":{"a":"body"}}"#)
                    == (200, ["result": ["a": "body", "b": "q"]]))
            #expect(try await fetch("GET", base + "/nope").0 == 404)
            #expect(try await fetch("POST", base + "/db:seed").0 == 501)
            #expect(
                try await fetch("POST", base + "/cms:publish")
                    == (500, ["status": 500, "message": "missing `slug` in payload"]))
            #expect(try await fetch("POST", base + "/echo:payload", body: "{oops").0 == 400)
            #expect(try await fetch("DELETE", base + "/db:migrate").0 == 405)
        }
    }

    @Test func keepsConnectionsAliveAndAnswersPipelinedRequestsInOrder() async throws {
        try await withDevServer { _, port in
            // Blocking socket work happens off the cooperative pool; expectations stay here.
            let (sequential, head, pipelined, closing, closed) = try await offThread {
                let connection = try TestHTTPConnection(port: port)
                let sequential = try (0..<3).map { _ in try connection.request("GET", "/_nitro/tasks/db:migrate") }
                let head = try connection.request("HEAD", "/_nitro/tasks")
                try connection.send(
                    (0..<5).map { "GET /_nitro/tasks/echo:payload?i=\($0) HTTP/1.1\r\nHost: localhost\r\n\r\n" }.joined())
                let pipelined = try (0..<5).map { _ in try connection.readResponse().json }
                let closing = try connection.request("GET", "/_nitro/tasks/db:migrate", headers: ["Connection: close"])
                return (sequential, head, pipelined, closing, try connection.readsEndOfFile())
            }
            #expect(sequential.map(\.status) == [200, 200, 200])
            #expect(sequential.allSatisfy { $0.headers["connection"] == nil })
            #expect(head.status == 200 && head.body.isEmpty && (Int(head.headers["content-length"] ?? "") ?? 0) > 0)
            #expect(pipelined == (0..<5).map { ["result": ["i": .string("\($0)")]] })
            #expect(closing.status == 200 && closing.headers["connection"] == "close")
            #expect(closed)
        }
    }

    @Test func answersLimitsAndMalformedRequestsWithoutGoingDown() async throws {
        let configuration = DevServer.Configuration(bodyLimit: 1024, headerLimit: 512, infoFile: nil)
        let cases: [(String, Int)] = [
            ("POST /_nitro/tasks/echo:payload HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2048\r\n\r\n", 413),
            ("GET /_nitro/tasks HTTP/1.1\r\nHost: localhost\r\nX-Big: \(String(repeating: "b", count: 600))\r\n\r\n", 431),
            ("GARBAGE\r\n\r\n", 400),
            ("GET /_nitro/tasks HTTP/3.0\r\nHost: localhost\r\n\r\n", 505),
            ("\u{16}\u{03}\u{01}\u{02}\u{00}\u{01}\u{00}\u{01}\u{fc}\u{03}\u{03}\r\n\r\n", 400),
        ]
        try await withDevServer(configuration) { _, port in
            let outcomes = try await offThread {
                try cases.map { text, _ in
                    let connection = try TestHTTPConnection(port: port)
                    try connection.send(text)
                    let response = try connection.readResponse()
                    return (response, try connection.readsEndOfFile())
                }
            }
            for ((text, status), (response, closed)) in zip(cases, outcomes) {
                #expect(response.status == status, "\(text.prefix(40).debugDescription)")
                #expect(response.json?["status"]?.intValue == status)
                #expect(response.json?["message"]?.stringValue?.isEmpty == false)
                #expect(response.headers["connection"] == "close")
                #expect(closed)
            }
            let (bigStatus, healthy) = try await offThread {
                // A body over the limit sent whole still gets its 413 (the server drains before closing).
                let big = try TestHTTPConnection(port: port)
                try big.send(
                    "POST /_nitro/tasks/echo:payload HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4096\r\n\r\n"
                        + String(repeating: "x", count: 4096))
                let bigStatus = try big.readResponse().status
                // Clients that hang up at once, or mid-request, harm nobody.
                _ = try TestHTTPConnection(port: port)
                let partial = try TestHTTPConnection(port: port)
                try partial.send("POST /_nitro/tasks/echo:payload HTTP/1.1\r\nHost: localhost\r\nContent-Le")
                let healthy = try TestHTTPConnection(port: port).request("GET", "/_nitro/tasks/db:migrate").json
                return (bigStatus, healthy)
            }
            #expect(bigStatus == 413)
            #expect(healthy == ["result": "Success"])
        }
    }

    @Test func refusesRequestsForOtherHostsAndFromOtherSites() async throws {
        try await withDevServer { _, port in
            let (rebound, crossSite, local) = try await offThread {
                let rebound = try TestHTTPConnection(port: port).request(
                    "POST", "/_nitro/tasks/db:migrate", headers: ["Host: attacker.example"])
                let crossSite = try TestHTTPConnection(port: port).request(
                    "POST", "/_nitro/tasks/db:migrate", headers: ["Origin: https://attacker.example"])
                let local = try TestHTTPConnection(port: port).request(
                    "POST", "/_nitro/tasks/db:migrate", headers: ["Origin: http://localhost:5173"])
                return (rebound, crossSite, local)
            }
            #expect(rebound.status == 403 && rebound.json?["status"] == 403)
            #expect(crossSite.status == 403 && crossSite.headers["connection"] == "close")
            #expect(local.status == 200)
        }
    }

    @Test func answersOneHundredContinueThenTheResult() async throws {
        try await withDevServer { _, port in
            let (interim, final) = try await offThread {
                let connection = try TestHTTPConnection(port: port)
                let body = #"{"payload":{"k":"v"}}"#
                try connection.send(
                    "POST /_nitro/tasks/echo:payload HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\n"
                        + "Content-Length: \(body.utf8.count)\r\n\r\n")
                let interim = try connection.readResponse(head: true).status
                try connection.send(body)
                return (interim, try connection.readResponse().json)
            }
            #expect(interim == 100)
            #expect(final == ["result": ["k": "v"]])
        }
    }

    @Test func timesOutSlowAndSilentClients() async throws {
        let configuration = DevServer.Configuration(
            requestTimeout: .milliseconds(300), idleTimeout: .milliseconds(400), infoFile: nil)
        try await withDevServer(configuration) { _, port in
            let (slowStatus, slowClosed, silentStatus, silentClosed) = try await offThread {
                let slow = try TestHTTPConnection(port: port)
                try slow.send("GET /_nitro/tasks HTTP/1.1\r\nHost: localhost\r\n")  // never finishes its head
                let slowStatus = try slow.readResponse().status
                let slowClosed = try slow.readsEndOfFile()
                let silent = try TestHTTPConnection(port: port)
                let silentStatus = try silent.request("GET", "/_nitro/tasks/db:migrate").status
                return (slowStatus, slowClosed, silentStatus, try silent.readsEndOfFile())  // closed once idle
            }
            #expect(slowStatus == 408 && slowClosed)
            #expect(silentStatus == 200 && silentClosed)
        }
    }

    @Test func writesTheInfoFileWhenReadyAndRemovesItWhenStopped() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nitro-dev-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(".nitro/dev.json").path
        let server = DevServer(
            runner: TaskRunner(registry: devServerTestRegistry()), configuration: .init(infoFile: path))
        let port = try server.start()
        let json = try JSONReader.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(json["port"]?.intValue == port)
        #expect(json["pid"]?.intValue == Int(ProcessInfo.processInfo.processIdentifier))
        #expect(json["host"] == "127.0.0.1")
        #expect(json["url"]?.stringValue == "http://127.0.0.1:\(port)")
        #expect(throws: DevServerError.alreadyStarted) { try server.start() }
        await server.stop()
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(throws: (any Error).self) { try TestHTTPConnection(port: port).request("GET", "/_nitro/tasks") }
    }

    @Test func stopWaitsForRequestsInFlightAndWaitUntilWork() async throws {
        let gate = Gate()
        let finished = Locked<[String]>([])
        let slow = defineTask { event in
            event.context.waitUntil?({
                await gate.wait()
                finished.withLock { $0.append("waitUntil") }
            })
            await gate.wait()
            finished.withLock { $0.append("task") }
            return TaskResult(result: "late")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nitro-dev-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let infoFile = folder.appendingPathComponent("dev.json").path
        let registry = TaskRegistry(tasks: [.init("slow", definition: { slow })])
        let server = DevServer(runner: TaskRunner(registry: registry), configuration: .init(infoFile: infoFile))
        let port = try server.start()
        let responseTask = Task {
            try await offThread { try TestHTTPConnection(port: port).request("POST", "/_nitro/tasks/slow") }
        }
        try await waitUntil("the slow run started") { server.runner.isRunning("slow") }
        let stopped = Task {
            await server.stop()
            return finished.withLock { $0 }
        }
        // Stopping has begun (the info file goes first) while the request is still in flight.
        try await waitUntil("the info file is gone") { !FileManager.default.fileExists(atPath: infoFile) }
        #expect(finished.withLock { $0 }.isEmpty)
        gate.open()
        let finishedAtStop = await stopped.value
        #expect(finishedAtStop.sorted() == ["task", "waitUntil"])
        let response = try await responseTask.value
        #expect(response.status == 200 && response.json == ["result": "late"])
        #expect(response.headers["connection"] == "close")
    }

    @Test func servesManyConcurrentConnections() async throws {
        try await withDevServer { _, port in
            let results = try await offThread { () throws -> [Int] in
                let connections = try (0..<200).map { _ in try TestHTTPConnection(port: port) }
                for connection in connections {
                    try connection.send("GET /_nitro/tasks/db:migrate HTTP/1.1\r\nHost: localhost\r\n\r\n")
                }
                return try connections.map { try $0.readResponse().status }
            }
            #expect(results == Array(repeating: 200, count: 200))
        }
    }

    @Test func serveWritesTheInfoFileAndStopsWhenItsSupervisorGoesAway() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nitro-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let infoFile = folder.appendingPathComponent(".nitro/dev.json").path
        let runner = TaskRunner(registry: devServerTestRegistry())
        // Supervised by this process's real parent: it serves, with its info file, until cancelled.
        let supervised = Task {
            try await DevServer.serve(
                runner: runner, environment: ["NITRO_ROOT": folder.path, "NITRO_DEV_PARENT_PID": "\(getppid())"])
        }
        try await waitUntil("the server wrote its info file") { FileManager.default.fileExists(atPath: infoFile) }
        supervised.cancel()
        try await supervised.value
        #expect(!FileManager.default.fileExists(atPath: infoFile), "the info file outlived the server")
        // A supervisor pid that is not this process's parent: `serve` notices within a second and
        // returns by itself (the suite's time limit bounds the wait).
        let orphaned = Task {
            try await DevServer.serve(
                runner: runner, environment: ["NITRO_ROOT": folder.path, "NITRO_DEV_PARENT_PID": "2147483600"])
        }
        try await orphaned.value
        #expect(!FileManager.default.fileExists(atPath: infoFile))
    }

    @Test func rejectsAnInvalidConfiguration() {
        let runner = TaskRunner(registry: devServerTestRegistry())
        #expect(throws: DevServerError.self) { try DevServer(runner: runner, configuration: .init(port: 70000)).start() }
        #expect(throws: DevServerError.self) {
            try DevServer(runner: runner, configuration: .init(host: "not an address", infoFile: nil)).start()
        }
    }

    @Test func readsItsSettingsFromTheEnvironment() throws {
        let configuration = try DevServer.Configuration(environment: {
            ["NITRO_DEV_PORT": "4321", "NITRO_DEV_HOST": "::1", "NITRO_ROOT": "/srv/app"][$0]
        })
        #expect(configuration.port == 4321)
        #expect(configuration.host == "::1")
        #expect(configuration.infoFile == "/srv/app/.nitro/dev.json")
        #expect(throws: DevServerError.self) {
            try DevServer.Configuration(environment: { $0 == "NITRO_DEV_PORT" ? "http" : nil })
        }
    }
}
