/// Keeps the host alive until a piece of work finishes, where the host supports it.
///
/// The scheduler, the Cloudflare entry point and the development server provide it; the work
/// runs concurrently with the task and the host waits for it (up to its grace period) before it
/// shuts down.
public typealias WaitUntil = @Sendable (_ work: @escaping @Sendable () async -> Void) -> Void

/// What the host passes to a task besides its payload.
public struct TaskContext: Sendable {
    /// Keeps the host alive until the given work finishes; `nil` where the host has no such notion.
    ///
    /// ```swift
    /// event.context.waitUntil?({ await analytics.flush() })
    /// ```
    public var waitUntil: WaitUntil?

    /// Host-specific values (for example the scheduled cron expression), keyed by name.
    public var values: [String: any Sendable]

    /// Creates a context.
    public init(waitUntil: WaitUntil? = nil, values: [String: any Sendable] = [:]) {
        self.waitUntil = waitUntil
        self.values = values
    }
}
