import NitroSync
import NitroTestSupport
import Foundation
import NitroCLI
import NitroJSON
import NitroTasks
import NitroTasksDevServer
import NitroTasksRoutes
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The HTTP part of the bad-input corpus (Fixtures/bad-input/http): each request goes to a
/// development server in this process over loopback; the answer has the case's status and
/// message as JSON, the server goes on serving, and it writes nothing but its info file.
@Suite("Bad input corpus: HTTP requests")
struct BadInputHTTPTests {
    @Test(arguments: BadRequestCase.all)
    func theServerAnswersWithTheStatusAndKeepsServing(_ item: BadRequestCase) async throws {
        let folder = try TemporaryDirectory("nitro-bad-request")
        let migrate = defineTask(meta: TaskMeta(description: "Run database migrations")) { _ in TaskResult(result: "Success") }
        let registry = TaskRegistry(tasks: [.init("db:migrate", description: "Run database migrations", definition: { migrate })])
        let server = DevServer(
            runner: TaskRunner(registry: registry),
            configuration: .init(requestTimeout: .seconds(5), infoFile: folder.appending(".nitro/dev.json")))
        let port = try server.start()
        let before = TreeSnapshot(folder.path)
        let request = item.request
        let (answer, healthy) = try await offThread {
            let answer = try RawHTTP.exchange(port: port, request)
            let healthy = try RawHTTP.exchange(port: port, Array("GET /_nitro/tasks HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8))
            return (answer, healthy)
        }
        let after = TreeSnapshot(folder.path)
        await server.stop()

        #expect(answer.status == item.status, "\(item.about): \(answer.status) \(answer.text)")
        let json = try? JSONReader.parse(answer.body)
        #expect(json?["status"]?.intValue == item.status, "not a JSON error body: \(answer.text)")
        #expect(json?["message"]?.stringValue?.contains(item.message) == true, "message: \(answer.text)")
        #expect(healthy.status == 200, "the server stopped serving: \(healthy.status) \(healthy.text)")
        #expect(before == after, "files changed: \(before.differences(from: after))")
    }
}

/// A one-shot HTTP/1.1 exchange over a raw loopback socket: sends bytes as they are (even when
/// the server stops reading), reads one response.
enum RawHTTP {
    struct Response: Sendable {
        var status: Int
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func exchange(port: Int, _ request: [UInt8]) throws -> Response {
        requireThreadOfItsOwn("a blocking HTTP exchange")
        #if os(Linux)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure(description: "socket failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "connect failed: errno \(errno)") }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var offset = 0
        while offset < request.count {
            #if os(Linux)
                let flags = Int32(MSG_NOSIGNAL)
            #else
                let flags: Int32 = 0
            #endif
            let sent = request.withUnsafeBytes { send(fd, $0.baseAddress! + offset, $0.count - offset, flags) }
            if sent <= 0 { break }  // the server answered early and stopped reading: read its answer
            offset += sent
        }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            if let response = parse(buffer) { return response }
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 {
                if let response = parse(buffer, atEnd: true) { return response }
                throw Failure(description: "no complete response (errno \(errno)): \(String(decoding: buffer, as: UTF8.self))")
            }
            buffer += chunk[0..<count]
        }
    }

    /// A complete response in `bytes` (Content-Length framing, or up to the end of the stream).
    static func parse(_ bytes: [UInt8], atEnd: Bool = false) -> Response? {
        guard let headEnd = bytes.indices.first(where: { bytes[$0...].starts(with: [13, 10, 13, 10]) }) else { return nil }
        let head = String(decoding: bytes[..<headEnd], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { return nil }
        let bodyStart = headEnd + 4
        var length: Int?
        for line in lines.dropFirst() where line.lowercased().hasPrefix("content-length:") {
            length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
        }
        if status == 100 { return parse(Array(bytes[bodyStart...]), atEnd: atEnd) }
        if let length {
            guard bytes.count >= bodyStart + length else { return nil }
            return Response(status: status, body: Array(bytes[bodyStart..<(bodyStart + length)]))
        }
        return atEnd ? Response(status: status, body: Array(bytes[bodyStart...])) : nil
    }
}
