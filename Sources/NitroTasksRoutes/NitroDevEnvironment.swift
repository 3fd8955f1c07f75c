import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `nitro dev` tells the app it starts, for an app that serves the task routes from its own
/// server (Vapor, Hummingbird) instead of the built-in `DevServer`:
///
/// - `NITRO_DEV=1`: development mode (``isEnabled``);
/// - `NITRO_DEV_HOST`, `NITRO_DEV_PORT`: where to listen (default `127.0.0.1`, port 0: any free port);
/// - `NITRO_ROOT`: the project root, where the info file `.nitro/dev.json` goes (default: the
///   current folder);
/// - `NITRO_DEV_PARENT_PID`: the supervising `nitro dev`; the app stops when it goes away.
///
/// `nitro dev` and `nitro task` find the running app through the info file, so once the server
/// listens, write it; remove it when the server stops:
///
/// ```swift
/// let dev = try NitroDevEnvironment()
/// if dev.isEnabled {
///     // listen on dev.host:dev.port, mount TaskRoutes, then, once the port is known:
///     try dev.writeInfoFile(port: boundPort)
///     // … run until cancelled, or until `await dev.waitUntilParentExits()` returns …
///     dev.removeInfoFile()
/// }
/// ```
public struct NitroDevEnvironment: Sendable, Equatable {
    /// Whether `nitro dev` started the app (`NITRO_DEV=1`).
    public var isEnabled: Bool
    /// The address to listen on (`NITRO_DEV_HOST`, default `127.0.0.1`).
    public var host: String
    /// The port to listen on (`NITRO_DEV_PORT`, default 0: any free port).
    public var port: Int
    /// The project root (`NITRO_ROOT`); `nil` when unset (the current folder).
    public var root: String?
    /// The process of the supervising `nitro dev` (`NITRO_DEV_PARENT_PID`), if any.
    public var parentProcessID: Int32?

    /// The info file's path relative to the root.
    public static let infoFileName = ".nitro/dev.json"

    /// A setting that cannot be used (`NITRO_DEV_PORT=http`).
    public struct InvalidSetting: Error, Sendable, Equatable, CustomStringConvertible {
        /// Which variable and why.
        public let description: String
    }

    /// Reads the settings from `environment` (the process environment by default).
    /// - Throws: ``InvalidSetting`` when `NITRO_DEV_PORT` is not a port number from 0 to 65535.
    public init(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws(InvalidSetting) {
        try self.init(lookup: { environment[$0] })
    }

    /// Reads the settings through `value` (the built-in server reads the environment with `getenv`).
    package init(lookup value: (String) -> String?) throws(InvalidSetting) {
        isEnabled = value("NITRO_DEV") == "1"
        host = value("NITRO_DEV_HOST").flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        port = 0
        if let text = value("NITRO_DEV_PORT"), !text.isEmpty {
            guard let number = Int(text), (0...65535).contains(number) else {
                throw InvalidSetting(description: "NITRO_DEV_PORT=\(text) is not a port number from 0 to 65535")
            }
            port = number
        }
        root = value("NITRO_ROOT").flatMap { $0.isEmpty ? nil : $0 }
        parentProcessID = value("NITRO_DEV_PARENT_PID").flatMap { Int32($0) }
    }

    /// Where the info file goes: `$NITRO_ROOT/.nitro/dev.json`, or `.nitro/dev.json`.
    public var infoFile: String {
        guard let root else { return Self.infoFileName }
        return (root.hasSuffix("/") ? root : root + "/") + Self.infoFileName
    }

    /// The base URL of a server on ``host`` and `port` (`http://127.0.0.1:51234`).
    public func url(port: Int) -> String {
        DevServerInfo(pid: 0, host: host, port: port).url
    }

    /// Writes the info file for this process listening on ``host`` and `port` (the port it
    /// actually bound, when ``port`` is 0), atomically, creating `.nitro/`: what `nitro dev`
    /// waits for, and how `nitro task` finds the server.
    /// - Throws: an error naming the system call that failed.
    public func writeInfoFile(port: Int) throws {
        try DevServerInfo(pid: Int(getpid()), host: host, port: port).write(to: infoFile)
    }

    /// Removes the info file if it still names this process (a newer server may own it).
    public func removeInfoFile() {
        DevServerInfo.remove(at: infoFile, pid: Int(getpid()))
    }

    /// Returns once the supervising `nitro dev` has gone away (this process's parent is no longer
    /// ``parentProcessID``), checking every `interval`, or when the calling task is cancelled.
    /// Without a ``parentProcessID`` it returns only on cancellation. Run it beside the server
    /// and stop the server when it returns, so that no orphan keeps the port.
    public func waitUntilParentExits(checkingEvery interval: Duration = .seconds(1)) async {
        while !Task.isCancelled {
            if let parentProcessID, getppid() != parentProcessID { return }
            try? await Task.sleep(for: interval)
        }
    }
}
