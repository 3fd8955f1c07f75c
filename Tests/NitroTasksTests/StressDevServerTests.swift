import NitroSync
import NitroTestSupport
import Foundation
import NitroJSON
import Testing

@testable import NitroTasks
@testable import NitroTasksDevServer
@testable import NitroTasksRoutes

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The development server under 1,000 concurrent connections of every kind at once: valid
/// requests (GET with a query, chunked POST), malformed ones, oversized bodies and clients too
/// slow to finish their request. Every connection gets its status, the server keeps answering
/// new clients meanwhile, and its memory returns to where it started once they are gone.
@Suite("Stress: development server", .serialized, .timeLimit(.minutes(3)))
struct StressDevServerTests {
    /// What one connection of a round sends, and the status it must get.
    enum Kind: Int, CaseIterable {
        case query, malformed, oversized, slow, chunked

        static func of(_ index: Int) -> Kind {
            switch index % 10 {
            case 0...4: .query
            case 5: .malformed
            case 6: .oversized
            case 7: .slow
            default: .chunked
            }
        }

        var status: Int {
            switch self {
            case .query, .chunked: 200
            case .malformed: 400
            case .oversized: 413
            case .slow: 408
            }
        }

        func request(_ index: Int) -> String {
            switch self {
            case .query: "GET /_nitro/tasks/echo:payload?i=\(index) HTTP/1.1\r\nHost: localhost\r\n\r\n"
            case .malformed: "GET /_nitro/tasks HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n"
            case .oversized:
                "POST /_nitro/tasks/echo:payload HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4194304\r\n\r\n"
                    + String(repeating: "x", count: 4096)
            case .slow: "GET /_nitro/tasks HTTP/1.1\r\nHost: local"  // never finishes its head
            case .chunked:
                "POST /_nitro/tasks/echo:payload HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "10\r\n{\"payload\":{\"i\":\r\n" + String(format: "%x", "\(index)}}".utf8.count) + "\r\n\(index)}}\r\n0\r\n\r\n"
            }
        }
    }

    /// Resident memory of this process, in bytes (`VmRSS`).
    static func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return 0 }
        return (Int(line.split(separator: " ")[1]) ?? 0) * 1024
    }

    /// Whether AddressSanitizer or ThreadSanitizer is linked in (their allocators keep freed memory).
    static let sanitized: Bool = {
        let program = dlopen(nil, RTLD_NOW)
        return dlsym(program, "__asan_init") != nil || dlsym(program, "__tsan_init") != nil
    }()

    static func raiseDescriptorLimit(to wanted: rlim_t) {
        var limit = rlimit()
        #if os(Linux)
            let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
            let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur < wanted else { return }
        limit.rlim_cur = min(wanted, limit.rlim_max)
        setrlimit(resource, &limit)
    }

    /// One round: 1,000 connections open at once, each sends its request, then every answer is read.
    static func round(port: Int, connections count: Int) throws -> (
        statuses: [Kind: [Int]], echoed: Int, healthy: Int, peak: Int
    ) {
        let connections = try (0..<count).map { _ in try TestHTTPConnection(port: port) }
        for (index, connection) in connections.enumerated() {
            try connection.send(Kind.of(index).request(index))
        }
        // All of them are open now: a new client is still served.
        let healthy = try TestHTTPConnection(port: port).request("GET", "/_nitro/tasks").status
        let peak = residentBytes()
        var statuses: [Kind: [Int]] = [:]
        var echoed = 0
        for (index, connection) in connections.enumerated() {
            let kind = Kind.of(index)
            let response = try connection.readResponse()
            statuses[kind, default: []].append(response.status)
            // Concurrent calls of one task share its run (one running instance), so a caller may
            // get the payload of another caller of the round: any valid one will do.
            if kind == .query || kind == .chunked, let value = response.json?["result"]?["i"],
                let other = value.intValue ?? Int(value.stringValue ?? ""),
                [.query, .chunked].contains(Kind.of(other)), other < count
            {
                echoed += 1
            }
        }
        return (statuses, echoed, healthy, peak)
    }

    /// Resident memory is per process and other suites allocate in parallel: the round runs in
    /// a process of its own (this test bundle, filtered to this suite) unless it is that process.
    @Test func aThousandConcurrentConnectionsOfEveryKind() async throws {
        if ProcessInfo.processInfo.environment["NITRO_STRESS_ALONE"] == nil {
            let output = try await offThread { try Self.runAlone("aThousandConcurrentConnectionsOfEveryKind") }
            #expect(output.status == 0, "the isolated run failed:\n\(output.text.suffix(4000))")
            for line in output.text.split(separator: "\n") where line.contains("dev server stress:") { print(line) }
            return
        }
        try await Self.rounds()
    }

    /// One test of this suite alone in a child process of the test bundle.
    static func runAlone(_ test: String) throws -> (status: Int32, text: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["--testing-library", "swift-testing", "--filter", "StressDevServerTests/\(test)"]
        var environment = ProcessInfo.processInfo.environment
        environment["NITRO_STRESS_ALONE"] = "1"
        process.environment = environment
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("nitro-stress-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self))
    }

    static func rounds() async throws {
        Self.raiseDescriptorLimit(to: 8192)
        let configuration = DevServer.Configuration(
            requestTimeout: .seconds(1), idleTimeout: .seconds(5), infoFile: nil)
        try await withDevServer(configuration) { _, port in
            // Warm up (allocator arenas, the cooperative pool), then take the baseline.
            _ = try await offThread { try Self.round(port: port, connections: 100) }
            let baseline = Self.residentBytes()
            var after: [Int] = []
            var peaks: [Int] = []
            for _ in 0..<3 {
                let (statuses, echoed, healthy, peak) = try await offThread { try Self.round(port: port, connections: 1000) }
                #expect(healthy == 200, "a new client was not served while 1,000 were connected")
                for kind in Kind.allCases {
                    let got = statuses[kind] ?? []
                    #expect(
                        !got.isEmpty && got.allSatisfy { $0 == kind.status },
                        "\(kind): \(Dictionary(grouping: got) { $0 }.mapValues(\.count))")
                }
                let valid = (0..<1000).filter { [.query, .chunked].contains(Kind.of($0)) }.count
                #expect(echoed == valid, "\(echoed) of \(valid) valid requests got a payload that a caller sent")
                after.append(Self.residentBytes())
                peaks.append(peak)
            }
            let megabytes = { (bytes: Int) in bytes / 1_048_576 }
            print(
                "dev server stress: RSS baseline \(megabytes(baseline)) MiB, with 1,000 connections open "
                    + "\(peaks.map(megabytes)) MiB, after each round \(after.map(megabytes)) MiB")
            if !Self.sanitized {
                #expect(after.last! - baseline < 24 * 1_048_576, "memory did not return to baseline: \(after.map(megabytes)) MiB")
                #expect(after[2] - after[0] < 8 * 1_048_576, "memory grows round after round: \(after.map(megabytes)) MiB")
            }
        }
    }

    /// Issue 13: 40 clients that pipeline requests and never read took a process from 27 MB to
    /// 828 MB in 75 s. Now each is closed once its response stalls for the request timeout, and
    /// two rounds of 40 leave the resident memory within 32 MiB of the baseline.
    @Test func fortyClientsThatPipelineAndNeverRead() async throws {
        if ProcessInfo.processInfo.environment["NITRO_STRESS_ALONE"] == nil {
            let output = try await offThread { try Self.runAlone("fortyClientsThatPipelineAndNeverRead") }
            #expect(output.status == 0, "the isolated run failed:\n\(output.text.suffix(4000))")
            for line in output.text.split(separator: "\n") where line.contains("dev server flood:") { print(line) }
            return
        }
        let configuration = DevServer.Configuration(requestTimeout: .seconds(1), idleTimeout: .seconds(30), infoFile: nil)
        // 32 KiB answers fill the kernel's socket buffers within a second or two.
        let body = #"{"payload":{"pad":""# + String(repeating: "p", count: 32 * 1024) + #""}}"#
        let request = Array(
            ("POST /_nitro/tasks/echo:payload HTTP/1.1\r\nHost: localhost\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body).utf8)
        try await withDevServer(configuration) { server, port in
            _ = try await offThread { try TestHTTPConnection(port: port).request("GET", "/_nitro/tasks").status }
            let baseline = Self.residentBytes()
            var after: [Int] = []
            var sent: [Int] = []
            for _ in 0..<2 {
                let deadline = PipeliningFlooder.now() + 60  // about 10 s; the bound is for sanitized runs
                let outcomes = try await offThread {
                    try PipeliningFlooder.run(port: port, connections: 40, request: request, deadline: deadline)
                }
                #expect(outcomes.allSatisfy { $0.closedAt != nil }, "a client that never reads is still connected after 60 s")
                sent.append(outcomes.map(\.bytesSent).reduce(0, +))
                after.append(Self.residentBytes())
            }
            let statistics = server.statistics
            let megabytes = { (bytes: Int) in bytes / 1_048_576 }
            print(
                "dev server flood: RSS baseline \(megabytes(baseline)) MiB, after each round of 40 clients "
                    + "\(after.map(megabytes)) MiB; requests accepted per round \(sent.map(megabytes)) MiB; "
                    + "peak per connection: input \(statistics.peakInputBytes) B, output \(statistics.peakOutputBytes) B")
            #expect(statistics.peakInputBytes <= EventLoop.inputLimit(headerLimit: configuration.headerLimit) + body.utf8.count)
            #expect(statistics.peakOutputBytes <= body.utf8.count + 256)
            if !Self.sanitized {
                #expect(after.max()! - baseline < 32 * 1_048_576, "memory grew: \(after.map(megabytes)) MiB")
            }
        }
    }
}
