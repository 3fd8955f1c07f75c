import NitroSync

extension TaskRunner {
    private static let installed = Locked<TaskRunner?>(nil)

    /// The runner that ``runTask(_:payload:context:)`` uses, once ``bootstrap(_:)`` installed one.
    public static var current: TaskRunner? { installed.withLock { $0 } }

    /// Installs the app's registry for ``runTask(_:payload:context:)``; call it once at start-up.
    ///
    /// ```swift
    /// TaskRunner.bootstrap(.generated)
    /// ```
    /// - Parameter observers: see every run (``TaskRunner/addObserver(_:)``).
    @discardableResult
    public static func bootstrap(_ registry: TaskRegistry, observers: [TaskRunObserver] = []) -> TaskRunner {
        let runner = TaskRunner(registry: registry, observers: observers)
        installed.withLock { $0 = runner }
        return runner
    }
}

/// Runs a task by name, as Nitro's `runTask(name, { payload, context })`.
///
/// ```swift
/// let outcome = try await runTask(.dbMigrate, payload: ["dryRun": true])
/// print(outcome.result ?? "no result")
/// ```
/// `.dbMigrate` is the constant `nitro build` declares for the task `db:migrate` (a misspelt one
/// does not compile); a string works too: `runTask("db:migrate")`.
/// - Throws: ``TaskError`` with status 404 (unknown name) or 501 (no handler); the task's own
///   error unchanged; status 500 when no registry was installed with ``TaskRunner/bootstrap(_:)``.
@inlinable
public func runTask(
    _ name: TaskName, payload: TaskPayload = [:], context: TaskContext = TaskContext()
) async throws -> TaskResult {
    try await runTask(name.rawValue, payload: payload, context: context)
}

/// Runs a task by a name known at run time (`runTask(arguments[1])`); see
/// ``runTask(_:payload:context:)-(TaskName,_,_)``.
@_disfavoredOverload
public func runTask(
    _ name: String, payload: TaskPayload = [:], context: TaskContext = TaskContext()
) async throws -> TaskResult {
    guard let runner = TaskRunner.current else {
        throw TaskError(
            statusCode: 500,
            message: "No task registry is installed: call `TaskRunner.bootstrap(.generated)` at start-up before `runTask(\"\(name)\")`."
        )
    }
    return try await runner.run(name, payload: payload, context: context)
}
