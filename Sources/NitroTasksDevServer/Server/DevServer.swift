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

/// The development server: runs the app's tasks over HTTP on a loopback address.
///
/// An app in development mode usually calls ``serve(runner:environment:)``, which reads the
/// settings `nitro dev` passes and runs until its task is cancelled (`NitroTasksApp.main` runs it
/// until Ctrl-C). For tests and custom hosts, use the type directly:
///
/// ```swift
/// let server = DevServer(runner: runner, configuration: .init(port: 0, infoFile: nil))
/// let port = try server.start()          // listening now
/// // … GET http://127.0.0.1:\(port)/_nitro/tasks …
/// await server.stop()                    // graceful
/// ```
///
/// Routes:
/// - `GET /_nitro/tasks` → `{"tasks": {NAME: {"description": …}}, "scheduledTasks": [{"cron": …, "tasks": […]}]}`.
/// - `GET` or `POST /_nitro/tasks/NAME` (NAME percent-decoded) runs the task with the query
///   parameters as payload, overridden by the members of the JSON body's `payload` object, and
///   answers `{"result": …}`.
///
/// Errors are JSON `{"status": N, "message": "…"}`: 404 (unknown task or route), 501 (no
/// handler), 500 (the task threw; its message), 400 (malformed request or body), 403 (a peer that
/// is not on this machine, a `Host` or absolute-form target that is not a loopback name, or a
/// request from a web page: `Sec-Fetch-Site` other than `same-origin`/`none`, `Origin: null`, or
/// an `Origin` of another site; see ``LoopbackPolicy``),
/// 405 (another method), 408 (too slow), 413 (body over the limit), 431
/// (header fields over the limit), 505 (a version other than HTTP/1.0 and HTTP/1.1). Connections
/// are kept alive; a malformed request closes only its own connection. Pipelined requests are
/// answered one at a time: the next is read only once the previous response is sent.
public final class DevServer: Sendable {
    /// The settings it was created with.
    public let configuration: Configuration
    /// The runner whose tasks it serves.
    public let runner: TaskRunner

    private enum Phase {
        case idle
        case running(EventLoop)
        case stopping
        case stopped
    }

    private struct State {
        var phase = Phase.idle
        var port: Int?
        var infoFile: String?
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Locked(State())
    private let work = WorkTracker()
    private let counters = Locked(DevServerStatistics())
    private let usePoll: Bool
    /// Another route table than the task routes (``serveCloudflareContainer(runner:environment:)``),
    /// with no loopback policy: its routes authenticate their callers themselves.
    private let routes: (@Sendable (HTTPRequest) async -> HTTPResponse)?

    /// Creates a server; nothing listens until ``start()`` or ``run()``.
    /// - Parameters:
    ///   - runner: the tasks to serve (for example `TaskRunner.bootstrap(.generated)`).
    ///   - configuration: address, limits, timeouts and info file.
    public convenience init(runner: TaskRunner, configuration: Configuration = Configuration()) {
        self.init(runner: runner, configuration: configuration, usePoll: false)
    }

    /// Creates a server that may use the portable `poll(2)` backend instead of `epoll` (tests).
    init(
        runner: TaskRunner, configuration: Configuration, usePoll: Bool,
        routes: (@Sendable (HTTPRequest) async -> HTTPResponse)? = nil
    ) {
        self.runner = runner
        self.configuration = configuration
        self.usePoll = usePoll
        self.routes = routes
    }

    /// The port it listens on, once started.
    public var port: Int? { state.withLock { $0.port } }

    /// What its event loop holds and has held (open connections, the most input and output one
    /// connection held), from any thread.
    var statistics: DevServerStatistics { counters.withLock { $0 } }

    /// Binds the address, writes the info file and starts serving on a background thread.
    ///
    /// - Returns: the bound port (useful with port 0).
    /// - Throws: ``DevServerError`` when the configuration is invalid, the address cannot be
    ///   bound, or the server already started.
    @discardableResult
    public func start() throws(DevServerError) -> Int {
        try configuration.validate()
        try state.withLock { state throws(DevServerError) in
            guard case .idle = state.phase else { throw DevServerError.alreadyStarted }
            state.phase = .stopping  // claimed; becomes .running below
        }
        let listener: (fd: Int32, port: Int)
        let loop: EventLoop
        do {
            listener = try Socket.openListener(host: configuration.host, port: configuration.port, backlog: 1024)
            loop = try makeLoop(listener: listener.fd)
        } catch {
            state.withLock { $0.phase = .idle }
            throw error
        }
        var infoFile: String?
        if let path = configuration.infoFile {
            let info = DevServerInfo(pid: Int(getpid()), host: configuration.host, port: listener.port)
            do {
                try info.write(to: path)
                infoFile = path
            } catch {
                configuration.log?("warning: cannot write the info file \(path): \(error); `nitro task` will not find this server")
            }
        }
        state.withLock { state in
            state.phase = .running(loop)
            state.port = listener.port
            state.infoFile = infoFile
        }
        do {
            try LoopThread.start { [self] in
                loop.run()
                loopFinished()
            }
        } catch {
            closeDescriptor(listener.fd)
            removeInfoFile()
            state.withLock { $0.phase = .stopped }
            throw error
        }
        return listener.port
    }

    private func makeLoop(listener: Int32) throws(DevServerError) -> EventLoop {
        let log = configuration.log
        if let custom = self.routes {
            do {
                return try EventLoop(
                    listener: listener, configuration: configuration, usePoll: usePoll, statistics: counters,
                    refusal: { _, _ in nil }
                ) { request, _ in
                    let response = await custom(request)
                    log?("\(request.method) \(request.path) → \(response.status)")
                    return response
                }
            } catch {
                closeDescriptor(listener)
                throw error
            }
        }
        let routes = TaskRoutes(runner: runner, context: TaskContext(waitUntil: work.waitUntil))
        do {
            return try EventLoop(
                listener: listener, configuration: configuration, usePoll: usePoll, statistics: counters,
                refusal: { request, address in routes.refusal(for: request.routesRequest(remoteAddress: address)) }
            ) { request, address in
                let started = monotonicNanoseconds()
                // The same public handler a framework mounts (it checks the policy again: a no-op).
                let response = HTTPResponse(await routes.respond(to: request.routesRequest(remoteAddress: address)))
                if let log {
                    let milliseconds = Double(monotonicNanoseconds() - started) / 1e6
                    let rounded = (milliseconds * 10).rounded() / 10
                    log("\(request.method) \(request.path) → \(response.status) (\(rounded) ms)")
                }
                return response
            }
        } catch {
            closeDescriptor(listener)
            throw error
        }
    }

    /// Serves until the calling task is cancelled or ``stop()`` is called, starting the server
    /// first if needed, then stops gracefully and returns once the port is closed and the work
    /// in flight is done (or its grace period is over). No signal handler, no `exit`: the shape of
    /// a long-running service (swift-service-lifecycle's `Service.run()`).
    /// - Throws: what ``start()`` throws.
    public func run() async throws(DevServerError) {
        if state.withLock({ if case .idle = $0.phase { return true } else { return false } }) {
            try start()
        }
        await withTaskCancellationHandler {
            await waitUntilStopped()
        } onCancel: {
            self.requestStop()
        }
    }

    /// Stops gracefully: removes the info file, stops accepting, lets requests in flight finish
    /// and waits for work passed to `context.waitUntil`, each within the configuration's grace
    /// period; returns once stopped. Calling it again, or before ``start()``, is harmless.
    public func stop() async {
        requestStop()
        await waitUntilStopped()
    }

    /// Starts a graceful stop without waiting for it.
    func requestStop() {
        let loop = state.withLock { state -> EventLoop? in
            switch state.phase {
            case .idle:
                state.phase = .stopped
                return nil
            case .running(let loop):
                state.phase = .stopping
                return loop
            case .stopping, .stopped:
                return nil
            }
        }
        if let loop {
            removeInfoFile()
            loop.requestShutdown()
        } else {
            resumeWaitersIfStopped()
        }
    }

    private func waitUntilStopped() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let stopped = state.withLock { state -> Bool in
                if case .stopped = state.phase { return true }
                state.waiters.append(continuation)
                return false
            }
            if stopped { continuation.resume() }
        }
    }

    private func loopFinished() {
        Task {
            await work.waitForAll(within: configuration.shutdownGracePeriod)
            removeInfoFile()
            state.withLock { $0.phase = .stopped }
            resumeWaitersIfStopped()
        }
    }

    private func resumeWaitersIfStopped() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard case .stopped = state.phase else { return [] }
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    private func removeInfoFile() {
        let path = state.withLock { state -> String? in
            defer { state.infoFile = nil }
            return state.infoFile
        }
        if let path { DevServerInfo.remove(at: path, pid: Int(getpid())) }
    }
}
