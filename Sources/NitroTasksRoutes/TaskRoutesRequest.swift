/// One HTTP request for ``TaskRoutes``, in the terms any server framework has: method, target,
/// header fields, body, and the address of the peer that sent it.
///
/// ```swift
/// let request = TaskRoutesRequest(
///     method: "POST", target: "/_nitro/tasks/db:migrate?dryRun=true",
///     headers: [("Host", "localhost:8080")], body: [], remoteAddress: "127.0.0.1")
/// ```
public struct TaskRoutesRequest: Sendable {
    /// The method as sent (`GET`, `POST`); methods are case-sensitive.
    public var method: String
    /// The request target as sent: the path, still percent-encoded, and the query
    /// (`/_nitro/tasks/db%3Amigrate?dryRun=true`), or an absolute-form URL.
    public var target: String
    /// The header fields in arrival order; names are compared case-insensitively and a name may
    /// repeat (every `Host`, `Origin` and `Sec-Fetch-Site` is checked).
    public var headers: [(name: String, value: String)]
    /// The body (chunked framing already removed, as frameworks hand it over).
    public var body: [UInt8]
    /// The IP address of the peer, as text (`127.0.0.1`, `::1`, `[::1]:52100`, `127.0.0.1:52100`);
    /// `nil` when the framework does not know it. Only loopback peers are served unless the
    /// ``TaskRoutes/RemoteAddressPolicy`` says otherwise.
    public var remoteAddress: String?

    /// The path part of ``target``, still percent-encoded.
    public var path: String { parts.path }
    /// The query part of ``target`` without `?`, still encoded; `nil` when there is no `?`.
    public var query: String? { parts.query }
    /// The authority of an absolute-form target; `nil` for every other form.
    var authority: String? { parts.authority }

    private var parts: RequestTarget { RequestTarget(target) }

    /// Creates a request; see each property.
    public init(
        method: String, target: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
        remoteAddress: String?
    ) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// Every value of the header field `name` (case-insensitive).
    func values(_ name: String) -> [String] {
        let key = name.lowercased()
        return headers.filter { $0.name.lowercased() == key }.map(\.value)
    }
}
