import NitroTasks

/// What ``NitroTasksApp``'s development mode serves next to the schedules: the task routes over
/// HTTP, usually the built-in development server (`DevelopmentServer.builtIn` of
/// `NitroTasksAppDev`), or an app's own (a Vapor or Hummingbird server with `TaskRoutes` mounted).
///
/// `serve` runs until its task is cancelled (then it returns) or until the server stops by itself
/// (the built-in one stops when the supervising `nitro dev` goes away); either way development
/// mode then stops the schedules too. A thrown error ends development mode with exit status 1.
public struct DevelopmentServer: Sendable {
    /// Serves the tasks of `runner`, configured from `environment` (`NITRO_DEV_PORT`,
    /// `NITRO_ROOT`, `NITRO_DEV_PARENT_PID`, set by `nitro dev`).
    public let serve: @Sendable (_ runner: TaskRunner, _ environment: [String: String]) async throws -> Void

    /// A development server that runs `serve`.
    public init(serve: @escaping @Sendable (_ runner: TaskRunner, _ environment: [String: String]) async throws -> Void) {
        self.serve = serve
    }
}
