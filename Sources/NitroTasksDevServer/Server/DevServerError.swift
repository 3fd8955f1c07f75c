import NitroTasks
import NitroTasksRoutes
/// Why the development server could not start.
public enum DevServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The address could not be bound (in use, not local, not an address, …).
    case cannotListen(host: String, port: Int, reason: String)
    /// A system call the server needs failed.
    case system(String, String)
    /// The configuration is not usable; the message says which value and why.
    case invalidConfiguration(String)
    /// ``DevServer/start()`` was called on a server that already started or stopped.
    case alreadyStarted

    public var description: String {
        switch self {
        case .cannotListen(let host, let port, let reason):
            "Cannot listen on \(host):\(port): \(reason). Choose another port (NITRO_DEV_PORT or `nitro dev --port N`), or 0 for any free port."
        case .system(let call, let reason):
            "\(call) failed: \(reason)"
        case .invalidConfiguration(let message):
            message
        case .alreadyStarted:
            "The development server was already started; create a new DevServer to start again."
        }
    }
}
