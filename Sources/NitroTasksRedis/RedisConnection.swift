import Dispatch
import NitroSync
import NitroTasks

/// One reused connection to a Redis server, with timeouts and reconnection.
///
/// - Commands run one at a time on a dispatch queue of the connection's own (blocking socket
///   waits never occupy a Swift concurrency thread); callers `await` them.
/// - The connection is opened on first use, and after `AUTH` (password, or ACL user and
///   password) and `SELECT` (a database other than 0) it is kept for the next command.
/// - Connecting is bounded by ``Options/connectTimeout`` and every command by
///   ``Options/commandTimeout``. A connection that failed or timed out is dropped (a late answer
///   must never be read as the answer to the next command).
/// - After a failure, no new connection is tried until a back-off time has passed (doubling from
///   ``Options/initialBackoff`` to ``Options/maximumBackoff``); commands in between fail at once
///   with ``RedisError/backingOff(_:lastError:)``, so an outage never stalls the callers.
public final class RedisConnection: Sendable {
    /// Timeouts and back-off.
    public struct Options: Sendable {
        /// Longest wait for a TCP connection (and its `AUTH`/`SELECT`).
        public var connectTimeout: Duration
        /// Longest wait for one command's answer.
        public var commandTimeout: Duration
        /// Back-off after the first failure; it doubles with each further failure.
        public var initialBackoff: Duration
        /// Longest back-off.
        public var maximumBackoff: Duration

        /// Creates options.
        public init(
            connectTimeout: Duration = .seconds(2), commandTimeout: Duration = .seconds(2),
            initialBackoff: Duration = .milliseconds(100), maximumBackoff: Duration = .seconds(2)
        ) {
            self.connectTimeout = connectTimeout
            self.commandTimeout = commandTimeout
            self.initialBackoff = initialBackoff
            self.maximumBackoff = maximumBackoff
        }
    }

    /// The server and login.
    public let url: RedisURL
    /// The timeouts and back-off.
    public let options: Options
    private let queue = DispatchQueue(label: "nitro.redis")

    private struct State {
        var socket: RedisSocket?
        var reader = RESPReader()
        var failures = 0
        var retryAt: Double = 0
        var lastError = ""
    }

    /// Touched only on `queue`; the lock makes that visible to ThreadSanitizer and cheap.
    private let state = Locked(State())

    /// Creates a connection; nothing is opened until the first command or ``open()``.
    public init(url: RedisURL, options: Options = Options()) {
        self.url = url
        self.options = options
    }

    /// Opens the connection now (connect, `AUTH`, `SELECT`, `PING`), so that a wrong URL or
    /// password is reported at start-up rather than at the first tick. Ignores the back-off.
    /// - Throws: ``RedisError``.
    public func open() async throws(RedisError) {
        let reply = try await perform(["PING"], ignoringBackoff: true)
        guard reply == .simple("PONG") else { throw .protocolViolation(server, "PING answered \(reply)") }
    }

    /// Sends one command and returns the answer (`-ERR` answers come back as ``RESPValue/error(_:)``).
    /// - Throws: ``RedisError`` when there is no connection or it broke.
    package func command(_ parts: [String]) async throws(RedisError) -> RESPValue {
        try await perform(parts, ignoringBackoff: false)
    }

    private var server: String { url.host.contains(":") ? "[\(url.host)]:\(url.port)" : "\(url.host):\(url.port)" }

    private func perform(_ parts: [String], ignoringBackoff: Bool) async throws(RedisError) -> RESPValue {
        let result: Result<RESPValue, RedisError> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(
                    returning: Result { () throws(RedisError) -> RESPValue in
                        try self.execute(parts, ignoringBackoff: ignoringBackoff)
                    })
            }
        }
        return try result.get()
    }

    /// Runs on `queue`.
    private func execute(_ parts: [String], ignoringBackoff: Bool) throws(RedisError) -> RESPValue {
        var current = state.withLock { $0 }
        defer { state.withLock { $0 = current } }
        do throws(RedisError) {
            if current.socket == nil {
                if !ignoringBackoff, current.failures > 0, RedisSocket.now() < current.retryAt {
                    throw RedisError.backingOff(server, lastError: current.lastError)
                }
                let socket = try RedisSocket(host: url.host, port: url.port, timeout: options.connectTimeout.timeInterval)
                current.reader = RESPReader()
                let deadline = RedisSocket.now() + options.connectTimeout.timeInterval
                if let password = url.password {
                    let login = url.user.map { ["AUTH", $0, password] } ?? ["AUTH", password]
                    let answer = try roundTrip(login, on: socket, reader: &current.reader, until: deadline)
                    guard answer == .simple("OK") else { throw RedisError.authenticationFailed(server, Self.text(of: answer)) }
                }
                if url.database != 0 {
                    let answer = try roundTrip(["SELECT", String(url.database)], on: socket, reader: &current.reader, until: deadline)
                    guard answer == .simple("OK") else { throw RedisError.cannotSelect(server, Self.text(of: answer)) }
                }
                current.socket = socket
            }
            let deadline = RedisSocket.now() + options.commandTimeout.timeInterval
            let answer = try roundTrip(parts, on: current.socket!, reader: &current.reader, until: deadline)
            current.failures = 0
            return answer
        } catch {
            if case .backingOff = error { throw error }
            current.socket = nil
            current.failures += 1
            current.lastError = error.description
            let backoff = min(
                options.initialBackoff.timeInterval * Double(1 << min(current.failures - 1, 20)), options.maximumBackoff.timeInterval)
            current.retryAt = RedisSocket.now() + backoff
            throw error
        }
    }

    private func roundTrip(_ parts: [String], on socket: RedisSocket, reader: inout RESPReader, until deadline: Double)
        throws(RedisError) -> RESPValue
    {
        try socket.send(RESPValue.command(parts), until: deadline)
        while true {
            do {
                if let value = try reader.next() { return value }
            } catch {
                throw .protocolViolation(server, error.reason)
            }
            reader.append(try socket.receive(until: deadline))
        }
    }

    private static func text(of answer: RESPValue) -> String {
        switch answer {
        case .error(let text), .simple(let text): text
        default: "\(answer)"
        }
    }
}
