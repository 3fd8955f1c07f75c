/// Why talking to a server failed.
package enum HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing accepted the connection (or the host is unknown).
    case cannotConnect(String, String)
    /// The connection broke mid-exchange.
    case connectionLost(String, String)
    /// No answer within the timeout.
    case timedOut(String)
    /// The answer is not HTTP/1.x as understood here.
    case malformedResponse(String, String)

    package var description: String {
        switch self {
        case .cannotConnect(let url, let reason): "cannot connect to \(url): \(reason)"
        case .connectionLost(let url, let reason): "the connection to \(url) was lost: \(reason)"
        case .timedOut(let url): "\(url) did not answer in time"
        case .malformedResponse(let url, let reason): "\(url) sent a response that is not HTTP/1.1: \(reason)"
        }
    }
}
