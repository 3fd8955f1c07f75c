import NitroSync

extension TaskRunner {
    /// The runner that ``runTask(_:payload:context:)`` uses, once ``bootstrap(_:observers:)`` installed one.
    public static var current: TaskRunner? { RunnerSlot.shared.runner }

    /// Installs the app's registry for ``runTask(_:payload:context:)``; call it once at start-up.
    ///
    /// ```swift
    /// TaskRunner.bootstrap(.generated)
    /// ```
    /// Calling it a second time is a programmer error (as swift-log's `LoggingSystem.bootstrap`):
    /// it stops the process with a message naming the fix (keep the runner the first call
    /// returned, or create more runners with ``TaskRunner/init(registry:observers:)``, which
    /// `runTask` does not use). It never silently replaces the runner that code already uses.
    /// - Parameter observers: see every run (``TaskRunner/addObserver(_:)``).
    @discardableResult
    public static func bootstrap(_ registry: TaskRegistry, observers: [TaskRunObserver] = []) -> TaskRunner {
        let runner = TaskRunner(registry: registry, observers: observers)
        do {
            try RunnerSlot.shared.install(runner)
        } catch {
            preconditionFailure(error.message)
        }
        return runner
    }
}

/// Where ``TaskRunner/bootstrap(_:observers:)`` installs the runner of ``runTask(_:payload:context:)``.
/// The process has one (``shared``); tests make their own to check the rules without a global.
final class RunnerSlot: Sendable {
    static let shared = RunnerSlot()

    /// A second ``install(_:)``: the message `bootstrap` stops the process with.
    struct AlreadyInstalled: Error, Equatable {
        let message: String
    }

    private let installed = Locked<TaskRunner?>(nil)

    var runner: TaskRunner? { installed.withLock { $0 } }

    /// Installs `runner`, or throws when one is installed already (and keeps that one).
    func install(_ runner: TaskRunner) throws(AlreadyInstalled) {
        let replaced = installed.withLock { slot -> Bool in
            if slot != nil { return true }
            slot = runner
            return false
        }
        if replaced {
            throw AlreadyInstalled(
                message: "TaskRunner.bootstrap was called twice; it installs the runner of `runTask` once per process. "
                    + "Call it once at start-up and keep the runner it returns, or create other runners with "
                    + "`TaskRunner(registry:)` (which `runTask` does not use).")
        }
    }

    /// ``runTask(_:payload:context:)`` through this slot.
    func run(_ name: String, payload: TaskPayload, context: TaskContext) async throws -> TaskResult {
        guard let runner else {
            throw TaskError(
                statusCode: 500,
                message: "No task registry is installed: call `TaskRunner.bootstrap(.generated)` at start-up before `runTask(\"\(name)\")`."
            )
        }
        return try await runner.run(name, payload: payload, context: context)
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
///   error unchanged; status 500 when no registry was installed with ``TaskRunner/bootstrap(_:observers:)``.
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
    try await RunnerSlot.shared.run(name, payload: payload, context: context)
}
