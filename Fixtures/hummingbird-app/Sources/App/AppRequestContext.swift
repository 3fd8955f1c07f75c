import Hummingbird

/// The request context: Hummingbird's basic one plus the peer's address, which the task routes'
/// loopback policy needs.
struct AppRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The IP address of the peer (`127.0.0.1`), `nil` when unknown.
    let remoteAddress: String?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }
}
