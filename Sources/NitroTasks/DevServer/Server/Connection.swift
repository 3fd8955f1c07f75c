/// One client connection, owned by the event loop's thread.
final class Connection {
    /// Where the connection is in its request/response cycle.
    enum Phase {
        /// Reading (and parsing) the next request.
        case reading
        /// A request is being handled; reading pauses until its response is queued.
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

    init(id: UInt64, fd: Int32, loopback: Bool, limits: HTTPRequestParser.Limits, now: UInt64) {
        self.id = id
        self.fd = fd
        self.loopback = loopback
        self.parser = HTTPRequestParser(limits: limits)
        self.lastActivity = now
        self.lastWriteProgress = now
    }

    var hasPendingOutput: Bool { outputOffset < output.count }

    var isReading: Bool {
        if case .reading = phase { return true }
        return false
    }

    /// What the poller should watch for in the current phase.
    var wantedInterest: Poller.Interest {
        var wanted: Poller.Interest = []
        switch phase {
        case .reading: if !peerClosed { wanted.insert(.read) }
        case .lingering: wanted.insert(.read)
        case .processing, .closing: break
        }
        if hasPendingOutput { wanted.insert(.write) }
        return wanted
    }

    /// Queues bytes to send.
    func enqueue(_ bytes: [UInt8], now: UInt64) {
        if !hasPendingOutput {
            output.removeAll(keepingCapacity: true)
            outputOffset = 0
            lastWriteProgress = now
        }
        output.append(contentsOf: bytes)
    }
}
