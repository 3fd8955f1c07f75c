/// A task: display information, its concurrency rule and time limit, and the work to do. Create
/// one with ``defineTask(meta:concurrency:timeLimit:run:)-…``.
///
/// The type is deliberately not called `Task`, which would shadow Swift concurrency's `Task`.
public struct TaskDefinition: Sendable {
    /// Display information; optional.
    public let meta: TaskMeta?
    /// What a call does while a run is in flight (``TaskConcurrency/dedupe`` by default).
    public let concurrency: TaskConcurrency
    /// How long a run may take; `nil` (the default) for no limit. Past it, the run is cancelled,
    /// every caller gets ``TaskError/timedOut(_:after:)`` (504), and the runner forgets the run.
    public let timeLimit: Duration?
    /// Where it is defined: the file as `#fileID` gives it (`App/migrate.swift`: the module and
    /// the file name, which is unique in a module) and the line, for the development dashboard.
    public let fileID: String
    /// The line of ``fileID`` where it is defined.
    public let line: Int
    let body: @Sendable (TaskEvent) async throws -> TaskResult

    /// Creates a task from a closure that returns a ``TaskResult``; `fileID` and `line` record
    /// where (leave them to their defaults).
    public init(
        meta: TaskMeta? = nil, concurrency: TaskConcurrency = .dedupe, timeLimit: Duration? = nil,
        fileID: String = #fileID, line: Int = #line,
        run: @escaping @Sendable (TaskEvent) async throws -> TaskResult
    ) {
        self.meta = meta
        self.concurrency = concurrency
        self.timeLimit = timeLimit
        self.fileID = fileID
        self.line = line
        self.body = run
    }

    /// Runs the task directly, without the concurrency rule or time limit that ``TaskRunner``
    /// applies.
    public func run(_ event: TaskEvent) async throws -> TaskResult {
        try await body(event)
    }
}

/// Defines a task, in the shape of Nitro's `defineTask({ meta, run })`.
///
/// Declare it at the top level of a file under a `tasks/` folder; `nitro build` finds it and
/// registers it under the file's path name (`tasks/db/migrate.swift` → `db:migrate`).
/// ```swift
/// let migrate = defineTask(
///     meta: TaskMeta(name: "db:migrate", description: "Run database migrations")
/// ) { event in
///     return TaskResult(result: "Success")
/// }
/// ```
/// - Parameters:
///   - meta: display information (optional).
///   - concurrency: what a call does while a run is in flight (``TaskConcurrency/dedupe``).
///   - timeLimit: how long a run may take (no limit by default).
///   - fileID: where it is defined, for the development dashboard (leave the default).
///   - line: the line where it is defined (leave the default).
///   - run: the work; it may be `async` and may throw (the error reaches the caller unchanged).
public func defineTask<Result: TaskResultConvertible>(
    meta: TaskMeta? = nil, concurrency: TaskConcurrency = .dedupe, timeLimit: Duration? = nil,
    fileID: String = #fileID, line: Int = #line, run: @escaping @Sendable (TaskEvent) async throws -> Result
) -> TaskDefinition {
    TaskDefinition(meta: meta, concurrency: concurrency, timeLimit: timeLimit, fileID: fileID, line: line) { event in
        try await run(event).taskResult
    }
}

/// What a task closure may return besides nothing and `Encodable` values: ``TaskResult``.
///
/// (The closure's return type is generic so that a closure with several statements and no
/// `return` resolves to the form that returns nothing, instead of being ambiguous.)
public protocol TaskResultConvertible: Sendable {
    /// The value as a ``TaskResult``.
    var taskResult: TaskResult { get }
}

extension TaskResult: TaskResultConvertible {
    public var taskResult: TaskResult { self }
}

/// Defines a task that returns nothing (its result is empty).
public func defineTask(
    meta: TaskMeta? = nil, concurrency: TaskConcurrency = .dedupe, timeLimit: Duration? = nil,
    fileID: String = #fileID, line: Int = #line, run: @escaping @Sendable (TaskEvent) async throws -> Void
) -> TaskDefinition {
    TaskDefinition(meta: meta, concurrency: concurrency, timeLimit: timeLimit, fileID: fileID, line: line) { event in
        try await run(event)
        return TaskResult()
    }
}

/// Defines a task that returns a plain value or a struct: its JSON form becomes the `result`.
///
/// ```swift
/// struct Report: Encodable, Sendable { var removed: Int }
/// let cleanup = defineTask { _ in Report(removed: 12) }   // {"result": {"removed": 12}}
/// ```
public func defineTask<Value: Encodable & Sendable>(
    meta: TaskMeta? = nil, concurrency: TaskConcurrency = .dedupe, timeLimit: Duration? = nil,
    fileID: String = #fileID, line: Int = #line, run: @escaping @Sendable (TaskEvent) async throws -> Value
) -> TaskDefinition {
    TaskDefinition(meta: meta, concurrency: concurrency, timeLimit: timeLimit, fileID: fileID, line: line) { event in
        try TaskResult(encoding: try await run(event))
    }
}
