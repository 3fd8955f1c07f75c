import NitroTasks
import NitroTasksRoutes
/// One client connection, owned by the event loop's thread.
///
/// Back-pressure: the connection reads from its socket only while it is between requests with
/// nothing left to send and less than ``inputLimit`` bytes of input not yet parsed. So it holds at
/// most one response (plus a `100 Continue`) and ``inputLimit`` bytes of input plus the body of the
/// request being read; a client that pipelines without reading finds its own sends blocked by
/// TCP instead of filling the server's memory.
final class Connection {
    /// Where the connection is in its request/response cycle.
    enum Phase {
        /// Reading (and parsing) the next request, once the previous response has been sent.
        case reading
        /// A request is being handled; reading pauses until its response is sent.
        case processing(serial: UInt64, keepAlive: Bool, head: Bool)
        /// Sending a last response; then the write side is shut down.
        case closing
        /// The write side is shut down; reading and discarding until the peer closes or the deadline.
        case lingering(deadline: UInt64)
    }

    let id: UInt64
    let fd: Int32
    /// Whether the peer is on this machine; other peers get 403.
    let loopback: Bool
    /// The peer's IP address as text, passed to the routes' policy.
    let remoteAddress: String?
    /// The most unparsed input read from the socket ahead of the parser, in bytes.
    let inputLimit: Int
    var parser: HTTPRequestParser
    var phase = Phase.reading
    var output: [UInt8] = []
    var outputOffset = 0
    /// The peer shut down its sending side (end of file read).
    var peerClosed = false
    /// The serial number of the last request dispatched (responses to older ones are dropped).
    var serial: UInt64 = 0
    /// When the first byte of the request being read arrived.
    var requestStartedAt: UInt64?
    /// When bytes last arrived or a response was last completed.
    var lastActivity: UInt64
    /// When bytes last left (or the output was queued).
    var lastWriteProgress: UInt64
    /// What the poller watches for now.
    var interest: Poller.Interest = .read

    init(id: UInt64, fd: Int32, loopback: Bool, remoteAddress: String?, limits: HTTPRequestParser.Limits, inputLimit: Int, now: UInt64) {
        self.id = id
        self.fd = fd
        self.loopback = loopback
        self.remoteAddress = remoteAddress
        self.inputLimit = inputLimit
        self.parser = HTTPRequestParser(limits: limits)
        self.lastActivity = now
        self.lastWriteProgress = now
    }

    var hasPendingOutput: Bool { outputOffset < output.count }

    /// The bytes queued and not yet sent.
    var pendingOutputCount: Int { output.count - outputOffset }

    var isReading: Bool {
        if case .reading = phase { return true }
        return false
    }

    /// Whether the next request may be parsed now: reading, with the previous response sent.
    var mayParse: Bool { isReading && !hasPendingOutput }

    /// How many more bytes may be read from the socket now.
    var inputRoom: Int { max(0, inputLimit - parser.unparsedByteCount) }

    /// What the poller should watch for in the current phase.
    var wantedInterest: Poller.Interest {
        var wanted: Poller.Interest = []
        switch phase {
        case .reading: if !peerClosed && !hasPendingOutput && inputRoom > 0 { wanted.insert(.read) }
        case .lingering: wanted.insert(.read)
        case .processing, .closing: break
        }
        if hasPendingOutput { wanted.insert(.write) }
        return wanted
    }

    /// Queues bytes to send.
    func enqueue(_ bytes: [UInt8], now: UInt64) {
        if !hasPendingOutput {
            // Keep the storage of ordinary responses; give back that of a large one.
            if output.capacity > 256 * 1024 { output = [] } else { output.removeAll(keepingCapacity: true) }
            outputOffset = 0
            lastWriteProgress = now
        }
        output.append(contentsOf: bytes)
    }
}
