/// What a task does when it is called while a run of it is in flight, as sketched by Nitro's
/// proposal for task concurrency: ``dedupe`` (the default), ``serial`` or ``parallel``.
///
/// ```swift
/// let sync = defineTask(concurrency: .dedupe(key: { $0["tenant"]?.stringValue ?? "" })) { event in
///     TaskResult(result: event.payload["tenant"])
/// }
/// ```
/// With a key function, the rule applies per key: calls whose payloads give different keys neither
/// share a run (``dedupe``) nor wait for each other (``serial``).
public struct TaskConcurrency: Sendable {
    /// The three rules.
    enum Mode: Sendable, Hashable {
        case dedupe, serial, parallel
    }

    let mode: Mode
    let key: (@Sendable (TaskPayload) -> String)?

    private init(_ mode: Mode, key: (@Sendable (TaskPayload) -> String)?) {
        self.mode = mode
        self.key = key
    }

    /// One running instance: a call made while a run is in flight starts nothing, it waits for
    /// that run and gets its result or error. The default, and Nitro's rule.
    public static let dedupe = TaskConcurrency(.dedupe, key: nil)

    /// One running instance per key: calls whose payloads give the same key share a run.
    public static func dedupe(key: @escaping @Sendable (TaskPayload) -> String) -> TaskConcurrency {
        TaskConcurrency(.dedupe, key: key)
    }

    /// Every call runs, one at a time, in the order the calls arrived.
    public static let serial = TaskConcurrency(.serial, key: nil)

    /// Every call runs, one at a time per key, in arrival order; different keys run concurrently.
    public static func serial(key: @escaping @Sendable (TaskPayload) -> String) -> TaskConcurrency {
        TaskConcurrency(.serial, key: key)
    }

    /// No rule: every call starts its own run at once.
    public static let parallel = TaskConcurrency(.parallel, key: nil)

    /// Whether this is the default rule (``dedupe`` without a key).
    var isPlainDedupe: Bool { mode == .dedupe && key == nil }
}
