import NitroTasks

/// An HTTP server that ``NitroTasksApp``'s `serve` runs next to the schedules, in production: a
/// platform's way in, such as the Cloudflare Container server of `NitroTasksAppCloudflare`
/// (`AppServer.cloudflareContainer`). `serve` runs until its task is cancelled (then it returns)
/// or until the server stops by itself; either way `serve` ends.
public struct AppServer: Sendable {
    /// Serves with the app's runner and environment until cancelled.
    public let serve: @Sendable (_ runner: TaskRunner, _ environment: [String: String]) async throws -> Void

    /// A server that runs `serve`.
    public init(serve: @escaping @Sendable (_ runner: TaskRunner, _ environment: [String: String]) async throws -> Void) {
        self.serve = serve
    }
}
