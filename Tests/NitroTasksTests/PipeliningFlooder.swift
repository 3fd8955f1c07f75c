import NitroSync
import NitroTestSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Test clients that pipeline requests as fast as the server takes them and never read a byte
/// of the responses: non-blocking loopback sockets driven by `poll` with a deadline, so every
/// wait is bounded. Run ``run(port:connections:request:deadline:)`` on a thread of its own
/// (``offThread(_:)``), never on a cooperative thread.
enum PipeliningFlooder {
    /// What happened to one connection.
    struct Outcome: Sendable {
        /// Bytes of requests the server's socket accepted.
        var bytesSent = 0
        /// When the last bytes were accepted (monotonic seconds).
        var lastProgress: Double
        /// When the server closed the connection (a reset, a hang-up or a failed send); `nil`
        /// when it was still open at the deadline.
        var closedAt: Double?
    }

    /// Monotonic seconds.
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Opens `connections` connections to 127.0.0.1:`port` (with small receive buffers, so that
    /// the server's sends stall soon) and sends `request` over and over on each until the server
    /// closes it or `deadline` (monotonic seconds) passes.
    static func run(port: Int, connections: Int, request: [UInt8], deadline: Double) throws -> [Outcome] {
        var block: [UInt8] = []
        while block.count < 64 * 1024 { block += request }
        var fds: [Int32] = []
        defer { for fd in fds { close(fd) } }
        for _ in 0..<connections { fds.append(try connect(port: port)) }
        let start = now()
        var outcomes = [Outcome](repeating: Outcome(lastProgress: start), count: connections)
        var offsets = [Int](repeating: 0, count: connections)
        while now() < deadline {
            let open = (0..<connections).filter { outcomes[$0].closedAt == nil }
            if open.isEmpty { break }
            var polled = open.map { pollfd(fd: fds[$0], events: Int16(POLLOUT), revents: 0) }
            let ready = poll(&polled, nfds_t(polled.count), 20)
            guard ready > 0 else { continue }
            for (position, index) in open.enumerated() where polled[position].revents != 0 {
                let revents = Int32(polled[position].revents)
                if revents & Int32(POLLERR | POLLHUP | POLLNVAL) != 0 {
                    outcomes[index].closedAt = now()
                    continue
                }
                let sent = block.withUnsafeBytes { buffer in
                    #if os(Linux)
                        Glibc.send(fds[index], buffer.baseAddress! + offsets[index], buffer.count - offsets[index], Int32(MSG_NOSIGNAL))
                    #else
                        Darwin.send(fds[index], buffer.baseAddress! + offsets[index], buffer.count - offsets[index], 0)
                    #endif
                }
                if sent > 0 {
                    outcomes[index].bytesSent += sent
                    outcomes[index].lastProgress = now()
                    offsets[index] = (offsets[index] + sent) % block.count
                } else if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                    continue
                } else {
                    outcomes[index].closedAt = now()
                }
            }
        }
        return outcomes
    }

    /// A connection with a small receive buffer (so that the server's sends stall soon), non-blocking.
    private static func connect(port: Int) throws -> Int32 {
        let fd = try connectedLoopbackSocket(port: port, receiveBuffer: 4096)
        let flags = fcntl(fd, F_GETFL, 0)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        return fd
    }
}
