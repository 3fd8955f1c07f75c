import NitroTasks
import NitroTasksRoutes
/// What a development server's event loop has held, for tests and diagnostics: how many
/// connections are open, and the most bytes of input and output one connection ever held.
struct DevServerStatistics: Sendable, Equatable {
    /// Connections open now.
    var openConnections = 0
    /// The most input one connection held at once: unparsed bytes plus the body being read.
    var peakInputBytes = 0
    /// The most output one connection held at once: queued bytes not yet sent.
    var peakOutputBytes = 0
    /// Connections closed because their response made no progress within the request timeout.
    var writeTimeouts = 0
}
