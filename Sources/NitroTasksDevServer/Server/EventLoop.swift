import NitroTasks
import NitroTasksRoutes
import NitroSync

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The server's single I/O thread: accepts connections, reads and parses requests, hands each
/// complete request to the handler (a Swift concurrency task) and writes the responses back.
///
/// Thread safety: ``submit(_:)`` and ``requestShutdown()`` may be called from any thread (they go
/// through a lock and the waker); everything else runs only on the loop's thread inside ``run()``.
final class EventLoop: @unchecked Sendable {
    /// Answers a request that passed the refusal check; gets the peer's address too.
    typealias Handler = @Sendable (HTTPRequest, String?) async -> HTTPResponse
    /// Why a request from a peer address is refused (a 403 that closes the connection), or `nil`.
    typealias Refusal = @Sendable (HTTPRequest, String?) -> String?

    /// A response computed off the loop, for connection `id`'s request `serial`.
    struct Completion: Sendable {
        let id: UInt64
        let serial: UInt64
        let response: HTTPResponse
    }

    private struct Inbox {
        var completions: [Completion] = []
        var shutdownRequested = false
    }

    static let listenerID: UInt64 = 0
    static let wakerID: UInt64 = 1

    private let inbox = Locked(Inbox())
    private let waker: Waker
    private let handler: Handler
    private let refusal: Refusal
    private let configuration: DevServer.Configuration
    private let limits: HTTPRequestParser.Limits
    /// The most unparsed input a connection reads ahead: room for a whole head at the limit.
    let inputLimit: Int
    /// Published counters (``DevServerStatistics``), readable from any thread.
    let statistics: Locked<DevServerStatistics>
    /// The loop thread's copy of ``statistics``, published when it changes.
    private var counters = DevServerStatistics()
    let requestTimeoutNanoseconds: UInt64
    let idleTimeoutNanoseconds: UInt64
    private let sweepInterval: UInt64

    // Loop-thread state.
    private let poller: Poller
    private var listener: Int32
    private var connections: [UInt64: Connection] = [:]
    private var nextID: UInt64 = 2
    private var inFlight = 0
    private var shuttingDown = false
    private var graceDeadline: UInt64 = 0
    private(set) var acceptPausedUntilTime: UInt64?
    private var nextSweep: UInt64 = 0
    private var readBuffer = [UInt8](repeating: 0, count: 64 * 1024)

    init(
        listener: Int32, configuration: DevServer.Configuration, usePoll: Bool = false,
        statistics: Locked<DevServerStatistics> = Locked(DevServerStatistics()),
        refusal: @escaping Refusal, handler: @escaping Handler
    ) throws(DevServerError) {
        self.refusal = refusal
        self.listener = listener
        self.configuration = configuration
        self.handler = handler
        self.statistics = statistics
        self.limits = HTTPRequestParser.Limits(headerBytes: configuration.headerLimit, bodyBytes: configuration.bodyLimit)
        self.inputLimit = Self.inputLimit(headerLimit: configuration.headerLimit)
        self.requestTimeoutNanoseconds = configuration.requestTimeout.nanoseconds
        self.idleTimeoutNanoseconds = configuration.idleTimeout.nanoseconds
        self.sweepInterval = min(max(min(requestTimeoutNanoseconds, idleTimeoutNanoseconds) / 4, 10_000_000), 250_000_000)
        self.poller = try Poller(usePoll: usePoll)
        self.waker = try Waker()
        poller.add(listener, id: Self.listenerID, .read)
        poller.add(waker.fd, id: Self.wakerID, .read)
    }

    // MARK: Any thread

    /// Delivers a handler's response to the loop.
    func submit(_ completion: Completion) {
        let wasEmpty = inbox.withLock { inbox in
            inbox.completions.append(completion)
            return inbox.completions.count == 1
        }
        if wasEmpty { waker.wake() }
    }

    /// Stops accepting, lets requests in flight finish (within the grace period) and ends ``run()``.
    func requestShutdown() {
        inbox.withLock { $0.shutdownRequested = true }
        waker.wake()
    }

    // MARK: Loop thread

    /// Serves until a requested shutdown completes; returns on the loop's thread.
    func run() {
        let waitMilliseconds = Int32(max(sweepInterval / 1_000_000, 1))
        while true {
            let events = poller.wait(milliseconds: waitMilliseconds)
            for event in events {
                switch event.id {
                case Self.listenerID: acceptConnections()
                case Self.wakerID: takeInbox()
                default:
                    guard let connection = connections[event.id] else { continue }
                    handle(event, on: connection)
                }
            }
            let now = monotonicNanoseconds()
            if now >= nextSweep {
                sweep(now: now)
                nextSweep = now + sweepInterval
            }
            if shuttingDown {
                if connections.isEmpty && inFlight == 0 { break }
                if now >= graceDeadline {
                    for connection in Array(connections.values) { close(connection) }
                    break
                }
            }
        }
        if listener >= 0 {
            poller.remove(listener)
            closeDescriptor(listener)
            listener = -1
        }
    }

    private func takeInbox() {
        waker.drain()
        let (completions, shutdown) = inbox.withLock { inbox in
            defer { inbox.completions.removeAll(keepingCapacity: true) }
            return (inbox.completions, inbox.shutdownRequested)
        }
        // Shutdown first, so that responses completed meanwhile already say `Connection: close`.
        if shutdown && !shuttingDown { beginShutdown() }
        for completion in completions { complete(completion) }
    }

    private func beginShutdown() {
        shuttingDown = true
        graceDeadline = monotonicNanoseconds() &+ configuration.shutdownGracePeriod.nanoseconds
        poller.remove(listener)
        closeDescriptor(listener)
        listener = -1
        acceptPausedUntilTime = nil
        for connection in Array(connections.values) where connection.isReading {
            if connection.hasPendingOutput {
                connection.phase = .closing  // its response goes out first, then it closes
            } else {
                close(connection)
            }
        }
    }

    private func acceptConnections() {
        for _ in 0..<64 {
            guard let (fd, loopback, address) = Socket.acceptConnection(listener) else {
                switch errno {
                case EINTR, ECONNABORTED: continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    // Out of descriptors: stop accepting for a moment instead of spinning.
                    poller.remove(listener)
                    acceptPausedUntilTime = monotonicNanoseconds() + 100_000_000
                    configuration.log?("Too many open files: pausing new connections for 100 ms")
                default: break
                }
                return
            }
            guard connections.count < configuration.maxConnections else {
                closeDescriptor(fd)
                continue
            }
            let id = nextID
            nextID += 1
            let connection = Connection(
                id: id, fd: fd, loopback: loopback, remoteAddress: address, limits: limits, inputLimit: inputLimit,
                now: monotonicNanoseconds())
            connections[id] = connection
            poller.add(fd, id: id, .read)
            counters.openConnections = connections.count
            publishCounters()
        }
    }

    /// The read-ahead limit for a head limit: 64 KiB, or the largest head plus 1 KiB if larger
    /// (the parser must hold a whole head to parse it, or to answer 431).
    static func inputLimit(headerLimit: Int) -> Int { max(64 * 1024, headerLimit + 1024) }

    private func handle(_ event: Poller.Event, on connection: Connection) {
        if event.readable || event.failed {
            if connection.wantedInterest.contains(.read) {
                readAvailable(connection)
            } else if event.failed {
                close(connection)  // hung up while its request runs: nobody to answer
                return
            }
        }
        if event.writable, connections[connection.id] != nil, connection.hasPendingOutput {
            flush(connection)
            // The response is out: the next pipelined request may be parsed now.
            if isOpen(connection) && connection.mayParse { processBuffered(connection) }
        }
    }

    /// Dispatches `request` to the handler on a Swift concurrency task.
    func dispatch(_ request: HTTPRequest, on connection: Connection) {
        // The routes' own policy (loopback peer, Host, cross-site), checked here so that a refused
        // request also closes its connection.
        let remoteAddress = connection.remoteAddress
        if let reason = refusal(request, remoteAddress) {
            refuse(request, on: connection, reason)
            return
        }
        connection.serial += 1
        connection.requestStartedAt = nil
        connection.phase = .processing(
            serial: connection.serial, keepAlive: request.keepAlive && !shuttingDown, head: request.method == "HEAD")
        inFlight += 1
        let id = connection.id
        let serial = connection.serial
        let handler = handler
        Task {
            let response = await handler(request, remoteAddress)
            self.submit(Completion(id: id, serial: serial, response: response))
        }
    }

    /// Answers 403 and closes; the log says what was refused and why, so that a developer whose
    /// page cannot run a task sees the reason in the server's output too.
    private func refuse(_ request: HTTPRequest, on connection: Connection, _ reason: String) {
        configuration.log?("\(request.method) \(request.path) → 403 (\(reason))")
        respondAndClose(connection, .error(403, reason))
    }

    private func complete(_ completion: Completion) {
        inFlight -= 1
        guard let connection = connections[completion.id],
            case .processing(let serial, let keepAlive, let head) = connection.phase, serial == completion.serial
        else { return }
        let now = monotonicNanoseconds()
        let keep = keepAlive && !shuttingDown && !connection.peerClosed
        enqueue(completion.response.serialized(keepAlive: keep, includeBody: !head), on: connection, now: now)
        connection.lastActivity = now
        connection.phase = keep ? .reading : .closing
        flush(connection)
        // The next pipelined request waits until this response is sent (back-pressure).
        if isOpen(connection) && connection.mayParse { processBuffered(connection) }
    }

    /// Queues bytes on `connection`, noting the most output a connection held.
    func enqueue(_ bytes: [UInt8], on connection: Connection, now: UInt64) {
        connection.enqueue(bytes, now: now)
        if connection.pendingOutputCount > counters.peakOutputBytes {
            counters.peakOutputBytes = connection.pendingOutputCount
            publishCounters()
        }
    }

    /// Notes the most input a connection held.
    func noteInput(of connection: Connection) {
        let held = connection.parser.bufferedByteCount
        if held > counters.peakInputBytes {
            counters.peakInputBytes = held
            publishCounters()
        }
    }

    /// Closes a connection whose response made no progress within the request timeout.
    func closeForWriteTimeout(_ connection: Connection) {
        counters.writeTimeouts += 1
        close(connection)
    }

    private func publishCounters() {
        let snapshot = counters
        statistics.withLock { $0 = snapshot }
    }

    /// Sends `response` with `Connection: close`, then closes.
    func respondAndClose(_ connection: Connection, _ response: HTTPResponse) {
        enqueue(response.serialized(keepAlive: false), on: connection, now: monotonicNanoseconds())
        connection.phase = .closing
        flush(connection)
    }

    func close(_ connection: Connection) {
        guard connections.removeValue(forKey: connection.id) != nil else { return }
        poller.remove(connection.fd)
        closeDescriptor(connection.fd)
        counters.openConnections = connections.count
        publishCounters()
    }

    func updateInterest(_ connection: Connection) {
        let wanted = connection.wantedInterest
        if wanted != connection.interest {
            connection.interest = wanted
            poller.modify(connection.fd, id: connection.id, wanted)
        }
    }

    func isOpen(_ connection: Connection) -> Bool { connections[connection.id] != nil }

    var openConnections: [Connection] { Array(connections.values) }

    var readBufferSize: Int { readBuffer.count }

    /// Reads up to `maximum` bytes into the loop's buffer; the count, 0 at end of file, or -1 (`errno`).
    func readBufferRead(_ fd: Int32, maximum: Int) -> Int {
        readBuffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, min($0.count, maximum)) }
    }

    /// Feeds the first `count` bytes of the loop's buffer to the connection's parser.
    func appendRead(_ count: Int, to connection: Connection) {
        readBuffer.withUnsafeBufferPointer { connection.parser.append($0[0..<count]) }
    }

    func resumeAccepting() {
        acceptPausedUntilTime = nil
        guard listener >= 0 else { return }
        poller.add(listener, id: Self.listenerID, .read)
    }
}
