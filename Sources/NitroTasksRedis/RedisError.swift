/// What went wrong talking to Redis. Every message says what to check.
public enum RedisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL could not be read: the text and why.
    case invalidURL(String, String)
    /// No connection could be made (refused, unreachable, timed out): where and why.
    case cannotConnect(String, String)
    /// The server refused `AUTH` (wrong password or user), with its answer.
    case authenticationFailed(String, String)
    /// The server refused `SELECT` (no such database), with its answer.
    case cannotSelect(String, String)
    /// A command got an error answer (`-ERR …`).
    case commandFailed(String, String)
    /// The connection broke or a command got no answer in time.
    case connectionLost(String, String)
    /// The server sent something that is not RESP.
    case protocolViolation(String, String)
    /// The connection is in its back-off time after a failure; nothing was sent.
    case backingOff(String, lastError: String)

    public var description: String {
        switch self {
        case .invalidURL(let url, let why): "invalid Redis URL '\(url)': \(why)"
        case .cannotConnect(let server, let why): "cannot connect to Redis at \(server): \(why)"
        case .authenticationFailed(let server, let answer):
            "Redis at \(server) refused the login (\(answer)); check the user and password in the URL (REDIS_URL)"
        case .cannotSelect(let server, let answer):
            "Redis at \(server) refused to select the database (\(answer)); check the /DB part of the URL"
        case .commandFailed(let server, let answer): "Redis at \(server) answered with an error: \(answer)"
        case .connectionLost(let server, let why): "lost the connection to Redis at \(server): \(why)"
        case .protocolViolation(let server, let why): "Redis at \(server) sent something that is not RESP: \(why)"
        case .backingOff(let server, let last): "Redis at \(server) is unreachable (\(last)); retrying after a back-off"
        }
    }
}
