import NitroTasks
import NitroTasksRoutes
extension DevServer {
    /// How the development server listens, what it accepts and where it announces itself.
    ///
    /// The defaults suit a development machine: loopback only, any free port, 1 MiB bodies,
    /// 16 KiB of request head, a 10 s limit to send a request and 60 s for idle keep-alive
    /// connections.
    public struct Configuration: Sendable {
        /// The address to listen on: an IPv4 or IPv6 literal or `localhost`. Default `127.0.0.1`.
        /// Peers that are not loopback addresses get 403 whatever this is.
        public var host: String
        /// The TCP port; 0 (the default) picks any free port, which ``DevServer/start()`` returns.
        public var port: Int
        /// The largest request body accepted, in bytes (after chunked decoding); larger → 413.
        public var bodyLimit: Int
        /// The largest request line plus header fields, in bytes; larger → 431 (414 for the line).
        public var headerLimit: Int
        /// How long a client may take to send one whole request once it started; slower → 408.
        /// It also bounds how long a response may make no progress (a client that does not read
        /// it): the connection is then closed, whatever it is doing.
        public var requestTimeout: Duration
        /// How long a keep-alive connection may stay silent between requests before it is closed.
        public var idleTimeout: Duration
        /// At shutdown, how long to wait for requests in flight and for work passed to
        /// `context.waitUntil` before giving up on them.
        public var shutdownGracePeriod: Duration
        /// The most connections served at once; further ones are closed as they arrive.
        public var maxConnections: Int
        /// Where to write the info file (`{"pid":…, "host":…, "port":…, "url":…}`) that
        /// `nitro task` reads: written atomically once the server listens, removed when it stops.
        /// Relative paths are resolved against the current directory; `nil` writes none.
        /// Default: `.nitro/dev.json`.
        public var infoFile: String?
        /// Receives one line per request (`POST /_nitro/tasks/db:migrate → 200 (1.2 ms)`) and
        /// lifecycle messages; `nil` (the default) logs nothing.
        public var log: (@Sendable (String) -> Void)?

        /// Creates a configuration; every parameter has the default described on its property.
        public init(
            host: String = "127.0.0.1",
            port: Int = 0,
            bodyLimit: Int = 1024 * 1024,
            headerLimit: Int = 16 * 1024,
            requestTimeout: Duration = .seconds(10),
            idleTimeout: Duration = .seconds(60),
            shutdownGracePeriod: Duration = .seconds(10),
            maxConnections: Int = 4096,
            infoFile: String? = ".nitro/dev.json",
            log: (@Sendable (String) -> Void)? = nil
        ) {
            self.host = host
            self.port = port
            self.bodyLimit = bodyLimit
            self.headerLimit = headerLimit
            self.requestTimeout = requestTimeout
            self.idleTimeout = idleTimeout
            self.shutdownGracePeriod = shutdownGracePeriod
            self.maxConnections = maxConnections
            self.infoFile = infoFile
            self.log = log
        }

        func validate() throws(DevServerError) {
            guard (0...65535).contains(port) else {
                throw .invalidConfiguration("The port \(port) is not from 0 to 65535.")
            }
            guard bodyLimit >= 0, headerLimit >= 64 else {
                throw .invalidConfiguration("The body limit must be at least 0 and the header limit at least 64 bytes.")
            }
            guard requestTimeout > .zero, idleTimeout > .zero, shutdownGracePeriod >= .zero else {
                throw .invalidConfiguration("The timeouts must be positive.")
            }
            guard maxConnections > 0 else { throw .invalidConfiguration("maxConnections must be positive.") }
        }
    }
}

extension Duration {
    /// The duration in nanoseconds, saturating.
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        let whole = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        if whole.overflow { return .max }
        return whole.partialValue &+ UInt64(attoseconds / 1_000_000_000)
    }
}
