import NitroJSON

/// What a platform route (``VercelCronHandler``, ``CloudflareScheduledRoute``) answers: an HTTP
/// status and a JSON body, for the app's server to send back.
public struct PlatformRouteResponse: Sendable, Hashable {
    /// The HTTP status.
    public let status: Int
    /// The JSON body.
    public let body: JSONValue

    /// Creates a response.
    public init(status: Int, body: JSONValue) {
        self.status = status
        self.body = body
    }

    /// `{"status": status, "message": message}`.
    static func error(_ status: Int, _ message: String) -> PlatformRouteResponse {
        PlatformRouteResponse(status: status, body: ["status": .number(Double(status)), "message": .string(message)])
    }
}
