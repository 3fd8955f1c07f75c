import Foundation
import NitroCLI
import NitroTasks
import NitroTasksDevServer
import NitroTasksRoutes
import NitroSync

/// `nitro-bench http`: requests per second and p99 latency of `POST /_nitro/tasks/noop` over 32
/// keep-alive loopback connections while 1,000 idle connections are held open, against a
/// baseline measured in the same run: a minimal thread-per-connection HTTP responder that answers
/// every request with a fixed `{}`, driven by the same client over the same kind of sockets.
///
/// When `wrk` is installed (Debian's package; or `--wrk PATH`), both servers are also measured
/// through it the same way: the built-in client runs one thread per connection on the same two
/// cores and saturates at about half of what wrk gets from the same server.
///
/// Options: `--seconds N` (3), `--connections N` (32), `--idle N` (1000), `--wrk PATH`.
/// Targets: at least 5,000 requests/s, p99 under 20 ms, every idle connection still served.
enum HTTPBench {
    static func run(_ options: BenchOptions) async throws {
        let seconds = options.int("--seconds", default: 3)
        let connections = options.int("--connections", default: 32)
        let idleCount = options.int("--idle", default: 1000)
        raiseDescriptorLimit(to: idleCount + connections + 256)

        let wrk = WrkRun.executable(options)
        let baselineServer = try MinimalResponder()
        let baseline = try await LoadRun.measure(
            port: baselineServer.port, target: "/noop", connections: connections, seconds: seconds)
        let baselineWrk = try wrk.map { wrk in
            try WrkRun.measure(wrk: wrk, port: baselineServer.port, target: "/noop", connections: connections, seconds: seconds)
        }
        baselineServer.stop()

        let noop = defineTask { _ in TaskResult() }
        let server = DevServer(
            runner: TaskRunner(registry: TaskRegistry(tasks: [.init("noop", definition: { noop })])),
            configuration: .init(idleTimeout: .seconds(3600), maxConnections: idleCount + connections + 64, infoFile: nil))
        let port = try server.start()
        let idle = try await offThread { () throws -> IdleConnections in
            IdleConnections(
                try (0..<idleCount).map { _ in
                    try HTTPClientConnection(HTTPEndpoint(host: "127.0.0.1", port: port), timeout: 10)
                })
        }
        let measured = try await LoadRun.measure(
            port: port, target: "/_nitro/tasks/noop", connections: connections, seconds: seconds)
        let measuredWrk = try wrk.map { wrk in
            try WrkRun.measure(wrk: wrk, port: port, target: "/_nitro/tasks/noop", connections: connections, seconds: seconds)
        }
        // Every idle connection must still be open and answer.
        let idleFailures = await offThread { () -> Int in
            idle.connections.reduce(0) { failures, connection in
                let status = try? connection.request("POST", "/_nitro/tasks/noop").status
                return failures + (status == 200 ? 0 : 1)
            }
        }
        await server.stop()

        Measure.report(
            "baseline: minimal responder, \(connections) connections",
            "\(Measure.format(baseline.requestsPerSecond, digits: 0)) req/s, p50 \(ms(baseline.p50)), p99 \(ms(baseline.p99))")
        Measure.report(
            "dev server: POST no-op task, \(connections) conns",
            "\(Measure.format(measured.requestsPerSecond, digits: 0)) req/s (target ≥ 5000), p50 \(ms(measured.p50)), p99 \(ms(measured.p99)) (target < 20 ms)"
        )
        Measure.report(
            "ratio dev server / baseline",
            "throughput \(Measure.format(measured.requestsPerSecond / baseline.requestsPerSecond, digits: 2))x, p99 \(Measure.format(measured.p99 / max(baseline.p99, 1), digits: 2))x"
        )
        if let baselineWrk, let measuredWrk {
            Measure.report(
                "wrk: minimal responder, \(connections) connections",
                "\(Measure.format(baselineWrk.requestsPerSecond, digits: 0)) req/s, p50 \(ms(baselineWrk.p50)), p99 \(ms(baselineWrk.p99))")
            Measure.report(
                "wrk: dev server, POST no-op task",
                "\(Measure.format(measuredWrk.requestsPerSecond, digits: 0)) req/s, p50 \(ms(measuredWrk.p50)), p99 \(ms(measuredWrk.p99))")
            Measure.report(
                "wrk: ratio dev server / baseline",
                "throughput \(Measure.format(measuredWrk.requestsPerSecond / max(baselineWrk.requestsPerSecond, 1), digits: 2))x, p99 \(Measure.format(measuredWrk.p99 / max(baselineWrk.p99, 1), digits: 2))x"
            )
            if measuredWrk.errors > 0 || baselineWrk.errors > 0 {
                throw BenchError("wrk saw \(measuredWrk.errors) failed requests on the dev server, \(baselineWrk.errors) on the baseline")
            }
        } else {
            print("    wrk is not installed (apt-get install wrk): figures from the built-in client only")
        }
        Measure.report(
            "errors (load / idle connections)",
            "\(measured.errors) / \(idleFailures) of \(idleCount) idle connections held during the run")
        if measured.errors > 0 || idleFailures > 0 { throw BenchError("\(measured.errors + idleFailures) failed requests") }
    }

    static func ms(_ nanoseconds: Double) -> String { Measure.format(nanoseconds / 1e6, digits: 2) + " ms" }

    private static func raiseDescriptorLimit(to wanted: Int) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < rlim_t(wanted) else { return }
        limit.rlim_cur = min(limit.rlim_max, rlim_t(wanted))
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
}

/// Connections opened on one thread and used later on another, never at the same time.
final class IdleConnections: @unchecked Sendable {
    let connections: [HTTPClientConnection]
    init(_ connections: [HTTPClientConnection]) { self.connections = connections }
}

/// Keep-alive connections, each on its own thread, sending requests back to back.
struct LoadRun: Sendable {
    var requestsPerSecond: Double
    var p50: Double
    var p99: Double
    var errors: Int

    /// Warms up for half a second, then measures for `seconds`.
    static func measure(port: Int, target: String, connections: Int, seconds: Int) async throws -> LoadRun {
        let endpoint = HTTPEndpoint(host: "127.0.0.1", port: port)
        let results = Locked<[(latencies: [UInt64], errors: Int)]>([])
        let warmupEnd = Measure.now() + 500_000_000
        let end = warmupEnd + UInt64(seconds) * 1_000_000_000
        let done = DispatchGroup()
        for _ in 0..<connections {
            done.enter()
            let thread = Thread {
                defer { done.leave() }
                var latencies: [UInt64] = []
                latencies.reserveCapacity(200_000)
                var errors = 0
                guard let connection = try? HTTPClientConnection(endpoint, timeout: 10) else {
                    results.withLock { $0.append(([], 1)) }
                    return
                }
                while true {
                    let start = Measure.now()
                    if start >= end { break }
                    let status = try? connection.request("POST", target).status
                    let finish = Measure.now()
                    if status != 200 {
                        errors += 1
                        continue
                    }
                    if start >= warmupEnd { latencies.append(finish - start) }
                }
                results.withLock { $0.append((latencies, errors)) }
            }
            thread.start()
        }
        await withCheckedContinuation { continuation in
            done.notify(queue: .global()) { continuation.resume() }
        }
        let collected = results.withLock { $0 }
        var all = collected.flatMap(\.latencies)
        all.sort()
        guard !all.isEmpty else { throw BenchError("no request succeeded") }
        return LoadRun(
            requestsPerSecond: Double(all.count) / Double(seconds),
            p50: Double(all[all.count / 2]), p99: Double(all[min(all.count - 1, all.count * 99 / 100)]),
            errors: collected.reduce(0) { $0 + $1.errors })
    }
}

/// The baseline: a blocking, thread-per-connection HTTP/1.1 responder that reads each request
/// (head and `Content-Length` body) and answers a fixed `200 {}`. No parsing beyond framing, no
/// routing, no task: what the same sockets cost without the development server.
final class MinimalResponder: @unchecked Sendable {  // `listener` is read-only after init; closing is the only cross-thread act
    let port: Int
    private let listener: Int32

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var one: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 1024) == 0 else { throw BenchError("baseline responder cannot listen") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread {
            while true {
                let fd = accept(listener, nil, nil)
                guard fd >= 0 else { return }
                var one: Int32 = 1
                setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                Thread { MinimalResponder.serve(fd) }.start()
            }
        }.start()
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private static func serve(_ fd: Int32) {
        defer { close(fd) }
        let response = Array("HTTP/1.1 200 OK\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: 2\r\n\r\n{}".utf8)
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            // Read one request: the head, then the body its Content-Length announces.
            var headEnd: Int?
            while headEnd == nil {
                if let found = findHeadEnd(buffer) {
                    headEnd = found
                    break
                }
                let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { return }
                buffer.append(contentsOf: chunk[0..<count])
            }
            let head = String(decoding: buffer[0..<headEnd!], as: UTF8.self).lowercased()
            var bodyLength = 0
            if let range = head.range(of: "content-length:") {
                bodyLength = Int(head[range.upperBound...].prefix { $0 != "\r" }.trimmingCharacters(in: .whitespaces)) ?? 0
            }
            let total = headEnd! + 4 + bodyLength
            while buffer.count < total {
                let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { return }
                buffer.append(contentsOf: chunk[0..<count])
            }
            buffer.removeFirst(total)
            let sent = response.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent == response.count else { return }
        }
    }

    private static func findHeadEnd(_ buffer: [UInt8]) -> Int? {
        guard buffer.count >= 4 else { return nil }
        for index in 0...(buffer.count - 4)
        where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
            return index
        }
        return nil
    }
}
