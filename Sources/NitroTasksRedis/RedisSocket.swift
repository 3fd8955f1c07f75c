import NitroTasks

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A TCP connection to Redis over the C library: non-blocking, and every wait is a `poll` bounded
/// by a deadline, so neither a dead host nor a silent server can hang a caller.
///
/// Blocking only the thread that calls it: ``RedisConnection`` uses it from a queue of its own (so
/// one thread at a time, hence `@unchecked Sendable`),
/// never from a Swift concurrency thread.
final class RedisSocket: @unchecked Sendable {
    private let fd: Int32
    let server: String

    /// Connects to `host:port` within `timeout` seconds, trying each address the name resolves to.
    init(host: String, port: Int, timeout: Double) throws(RedisError) {
        server = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        do {
            fd = try TCPConnector.connect(host: host, port: port, timeout: timeout)
        } catch {
            throw .cannotConnect(server, error.reason)
        }
    }

    deinit { close(fd) }

    /// Sends all of `bytes` before `deadline`.
    func send(_ bytes: [UInt8], until deadline: Double) throws(RedisError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { systemSend(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent > 0 {
                offset += sent
                continue
            }
            if sent < 0 && errno == EINTR { continue }
            guard sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) else {
                throw .connectionLost(server, "send failed: \(Self.errorText())")
            }
            try waitOrThrow(Int16(POLLOUT), until: deadline, doing: "sending a command")
        }
    }

    /// Reads what has arrived (at least one byte) before `deadline`.
    func receive(until deadline: Double) throws(RedisError) -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 { return Array(chunk[0..<count]) }
            if count == 0 { throw .connectionLost(server, "the server closed the connection") }
            if errno == EINTR { continue }
            guard errno == EAGAIN || errno == EWOULDBLOCK else {
                throw .connectionLost(server, "receive failed: \(Self.errorText())")
            }
            try waitOrThrow(Int16(POLLIN), until: deadline, doing: "waiting for an answer")
        }
    }

    private func waitOrThrow(_ events: Int16, until deadline: Double, doing what: String) throws(RedisError) {
        switch Self.wait(fd, for: events, until: deadline) {
        case .ready: return
        case .timedOut: throw .connectionLost(server, "timed out \(what)")
        case .failed(let text): throw .connectionLost(server, text)
        }
    }

    private enum Readiness { case ready, timedOut, failed(String) }

    private static func wait(_ fd: Int32, for events: Int16, until deadline: Double) -> Readiness {
        while true {
            let remaining = deadline - now()
            guard remaining > 0 else { return .timedOut }
            var descriptor = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(remaining * 1000, 60_000).rounded(.up)))
            if ready > 0 { return .ready }  // errors and hang-ups show in the next send or recv
            if ready == 0 { continue }
            if errno == EINTR { continue }
            return .failed("poll failed: \(errorText())")
        }
    }

    /// Seconds on the monotonic clock.
    static func now() -> Double { TCPConnector.monotonicSeconds() }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}

private func systemSend(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int, _ flags: Int32) -> Int {
    send(fd, bytes, count, flags)
}
