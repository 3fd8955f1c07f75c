import NitroTasks
import NitroTasksRoutes
import CNitroDevServer
import NitroSync

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension DevServer {
    /// Runs the development server with the settings `nitro dev` passes, until the calling task
    /// is cancelled (or the supervising `nitro dev` goes away), then stops gracefully (see
    /// ``stop()``) and returns. It installs no signal handler and never exits the process; wrap it
    /// in ``NitroTasks/runUntilSignal(_:onSignal:_:)`` to stop on Ctrl-C, or let
    /// `NitroTasksApp.main` do both.
    ///
    /// ```swift
    /// let runner = TaskRunner.bootstrap(.generated)
    /// if ProcessInfo.processInfo.environment["NITRO_DEV"] == "1" {   // set by `nitro dev`
    ///     try await runUntilSignal { try await DevServer.serve(runner: runner) }
    /// }
    /// ```
    ///
    /// It reads its settings from the environment, which `nitro dev` sets:
    /// - `NITRO_DEV_HOST`: the address (default `127.0.0.1`);
    /// - `NITRO_DEV_PORT`: the port (default 0, any free port);
    /// - `NITRO_ROOT`: the project root, where the info file `.nitro/dev.json` goes (default: the
    ///   current directory);
    /// - `NITRO_DEV_PARENT_PID`: the supervising `nitro dev`; when it goes away (its process is no
    ///   longer the parent), the server stops as on cancellation, so no orphan keeps the port.
    ///
    /// It prints the URL and one line per request on standard error and makes standard output
    /// line buffered (so `nitro dev` streams what tasks print).
    ///
    /// - Parameters:
    ///   - runner: the tasks to serve.
    ///   - environment: the settings; `nil` (the default) reads the process environment.
    /// - Throws: ``DevServerError`` when a setting is invalid or the address cannot be bound.
    public static func serve(runner: TaskRunner, environment: [String: String]? = nil) async throws(DevServerError) {
        let value: (String) -> String? = { name in
            if let environment { return environment[name] }
            return getenv(name).map { String(cString: $0) }
        }
        let settings: NitroDevEnvironment
        do {
            settings = try NitroDevEnvironment(lookup: value)
        } catch {
            throw .invalidConfiguration(error.description)
        }
        var configuration = Configuration(settings)
        configuration.log = { line in printToStandardError("[dev server] \(line)") }
        cnitro_line_buffer_stdout()
        let server = DevServer(runner: runner, configuration: configuration)
        let port = try server.start()
        let url = DevServerInfo(pid: 0, host: configuration.host, port: port).url
        printToStandardError("[dev server] Serving tasks on \(url)/_nitro/tasks (Ctrl-C to stop)")
        // The same watch an app on another server runs (NitroDevEnvironment.waitUntilParentExits).
        let parentWatch = settings.parentProcessID.map { parent in
            Task {
                await settings.waitUntilParentExits()
                guard !Task.isCancelled else { return }
                printToStandardError("[dev server] nitro dev (pid \(parent)) went away; stopping")
                server.requestStop()
            }
        }
        defer { parentWatch?.cancel() }
        try await server.run()
        printToStandardError("[dev server] Stopped")
    }
}

extension DevServer.Configuration {
    /// The development settings from `NITRO_DEV_HOST`, `NITRO_DEV_PORT` and `NITRO_ROOT`.
    init(environment value: (String) -> String?) throws(DevServerError) {
        do {
            self.init(try NitroDevEnvironment(lookup: value))
        } catch {
            throw .invalidConfiguration(error.description)
        }
    }

    init(_ settings: NitroDevEnvironment) {
        self.init()
        host = settings.host
        port = settings.port
        infoFile = settings.infoFile
    }
}

func printToStandardError(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { writeDescriptor(2, $0.baseAddress! + offset, $0.count - offset) }
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { return }
        offset += written
    }
}
