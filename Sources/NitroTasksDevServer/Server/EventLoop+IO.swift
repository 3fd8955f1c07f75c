import NitroTasks
import NitroTasksRoutes
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension EventLoop {
    /// Reads what the peer sent (at most the connection's input room) and acts on it.
    func readAvailable(_ connection: Connection) {
        var reachedEnd = false
        for _ in 0..<16 {
            let lingering: Bool
            if case .lingering = connection.phase { lingering = true } else { lingering = false }
            let wanted = lingering ? readBufferSize : min(connection.inputRoom, readBufferSize)
            guard wanted > 0 else { break }
            let count = readBufferRead(connection.fd, maximum: wanted)
            if count > 0 {
                let now = monotonicNanoseconds()
                connection.lastActivity = now
                if lingering { continue }
                if connection.requestStartedAt == nil { connection.requestStartedAt = now }
                appendRead(count, to: connection)
                noteInput(of: connection)
                if count < wanted { break }
            } else if count == 0 {
                reachedEnd = true
                break
            } else {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK { break }
                close(connection)
                return
            }
        }
        if reachedEnd {
            connection.peerClosed = true
            if case .lingering = connection.phase {
                close(connection)
                return
            }
        }
        if connection.isReading {
            processBuffered(connection)
            guard isOpen(connection) else { return }
            if connection.peerClosed && connection.isReading && !connection.hasPendingOutput {
                close(connection)  // the peer finished sending and no request is complete
                return
            }
        }
        updateInterest(connection)
    }

    /// Parses buffered bytes; dispatches a complete request or answers a malformed one. Parsing
    /// stops while a response (or a `100 Continue`) is unsent: pipelined requests wait their turn.
    func processBuffered(_ connection: Connection) {
        while connection.mayParse {
            do {
                guard let output = try connection.parser.next() else { break }
                switch output {
                case .continueExpected:
                    guard connection.loopback else { continue }
                    enqueue(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8), on: connection, now: monotonicNanoseconds())
                    flush(connection)
                    guard isOpen(connection) else { return }
                case .request(let request):
                    dispatch(request, on: connection)
                }
            } catch {
                respondAndClose(connection, .error(error.status, error.message))
                return
            }
        }
        guard isOpen(connection) else { return }
        if connection.mayParse {
            // Between requests, or the start of the next one is buffered: its time runs from now.
            if connection.parser.isIdle {
                connection.requestStartedAt = nil
            } else if connection.requestStartedAt == nil {
                connection.requestStartedAt = monotonicNanoseconds()
            }
        }
        updateInterest(connection)
    }

    /// Sends queued bytes until the socket would block.
    func flush(_ connection: Connection) {
        while connection.hasPendingOutput {
            let sent = connection.output.withUnsafeBytes { buffer in
                Socket.send(
                    connection.fd, buffer.baseAddress! + connection.outputOffset,
                    buffer.count - connection.outputOffset)
            }
            if sent > 0 {
                connection.outputOffset += sent
                connection.lastWriteProgress = monotonicNanoseconds()
            } else if sent < 0 && errno == EINTR {
                continue
            } else if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                break
            } else {
                close(connection)
                return
            }
        }
        if !connection.hasPendingOutput, case .closing = connection.phase {
            linger(connection)
            return
        }
        updateInterest(connection)
    }

    /// After a last response: shut down the sending side and discard what the peer still sends
    /// for a moment, so that the response is not lost to a reset.
    private func linger(_ connection: Connection) {
        if connection.peerClosed {
            close(connection)
            return
        }
        _ = shutdown(connection.fd, Int32(SHUT_WR))
        let wait = min(requestTimeoutNanoseconds, 2_000_000_000)
        connection.phase = .lingering(deadline: monotonicNanoseconds() + wait)
        updateInterest(connection)
    }

    /// Closes connections whose time is up.
    func sweep(now: UInt64) {
        if let paused = acceptPausedUntilTime, now >= paused {
            resumeAccepting()
        }
        var expired: [(Connection, HTTPResponse?)] = []
        var stalled: [Connection] = []
        for connection in openConnections {
            // The write timeout holds in every phase: a response that made no progress for the
            // request timeout (a client that does not read) closes the connection.
            if connection.hasPendingOutput {
                if now - connection.lastWriteProgress > requestTimeoutNanoseconds { stalled.append(connection) }
                continue
            }
            switch connection.phase {
            case .reading:
                if connection.parser.hasPartialRequest, let started = connection.requestStartedAt,
                    now - started > requestTimeoutNanoseconds
                {
                    let seconds = Double(requestTimeoutNanoseconds) / 1e9
                    let message = "The request was not received completely within \(seconds) s"
                    expired.append((connection, .error(408, message)))
                } else if !connection.parser.hasPartialRequest, now - connection.lastActivity > idleTimeoutNanoseconds {
                    expired.append((connection, nil))
                }
            case .processing, .closing:
                break
            case .lingering(let deadline):
                if now >= deadline { expired.append((connection, nil)) }
            }
        }
        for connection in stalled { closeForWriteTimeout(connection) }
        for (connection, response) in expired {
            if let response { respondAndClose(connection, response) } else { close(connection) }
        }
    }
}
