import NitroJSON
import NitroTasks
import NitroTasksDevServer
import NitroTasksRoutes

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the running development server of a project: `--url` when given, else the info file
/// `.nitro/dev.json` that the server writes at the project root.
package enum DevServerLocator {
    /// The info file's path relative to the project root.
    package static let infoFile = ".nitro/dev.json"

    /// The outcome of looking.
    package enum Outcome: Sendable, Equatable {
        /// A server to talk to.
        case found(HTTPEndpoint)
        /// Why there is none (for messages: "no .nitro/dev.json in /app").
        case notRunning(String)
        /// The info file names a server that `nitro task` will not talk to (not on this machine).
        case refused(String)
    }

    /// Looks for the server of the project at `root` (absolute), or at `url`.
    /// - Throws: ``UsageError`` when `url` is not an `http://` URL.
    package static func locate(root: String, url: String?) throws(UsageError) -> Outcome {
        if let url {
            guard let endpoint = HTTPEndpoint(url: url) else {
                throw UsageError("The value '\(url)' for '--url' is not an http:// URL such as http://127.0.0.1:3000")
            }
            return .found(endpoint)
        }
        let path = root + "/" + infoFile
        guard let bytes = FileSystem.read(path) else {
            return .notRunning("no \(infoFile) in \(root)")
        }
        guard let json = try? JSONReader.parse(bytes), let info = DevServerInfo(json: json),
            let endpoint = HTTPEndpoint(url: info.url)
        else {
            return .notRunning("\(path) is not a development server info file")
        }
        // The info file is only a hint that anything under the root could have written: it may
        // send payloads to this machine only. An explicit --url may name any host.
        guard isLoopback(endpoint.host) else {
            return .refused(
                "\(path) names the host '\(info.host)', which is not a loopback address; `nitro task` sends "
                    + "requests found through that file only to this machine (pass --url to name another host on purpose)")
        }
        if kill(pid_t(info.pid), 0) != 0 && errno == ESRCH {
            return .notRunning("\(infoFile) names process \(info.pid), which is not running (a stale file)")
        }
        return .found(endpoint)
    }

    /// Whether a host is a loopback literal (127.0.0.0/8, `::1`, `::ffff:127.x.x.x`) or exactly
    /// `localhost`; not `*.localhost`, which a resolver may send anywhere.
    static func isLoopback(_ host: String) -> Bool {
        let name = host.lowercased()
        if name == "localhost" { return true }
        if name.hasSuffix(".localhost") || name.hasSuffix(".localhost.") { return false }
        return LoopbackPolicy.isLocalAuthority(name.contains(":") ? "[\(name)]" : name)
    }
}
