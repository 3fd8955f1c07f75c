// The runner's calls by a generated constant (`runner.run(.dbMigrate)`); the `String` forms
// are disfavoured so that a misspelt constant is reported as "type 'TaskName' has no member".
// (A string literal therefore picks these forms: `run` is inlinable so that it costs no extra
// async call.)
extension TaskRunner {
    /// Runs the task `name` under its concurrency rule and time limit; see
    /// ``run(_:payload:context:trigger:)-(String,_,_,_)``.
    @inlinable
    public func run(
        _ name: TaskName, payload: TaskPayload = [:], context: TaskContext = TaskContext(),
        trigger: TaskTrigger = .code
    ) async throws -> TaskResult {
        try await run(name.rawValue, payload: payload, context: context, trigger: trigger)
    }

    /// Cancels the runs of `name` in flight, if any (``cancel(_:)-(String)``).
    public func cancel(_ name: TaskName) {
        cancel(name.rawValue)
    }

    /// How many calls are waiting for a run of `name` now (``callers(of:)-(String)``).
    public func callers(of name: TaskName) -> Int {
        callers(of: name.rawValue)
    }

    /// Whether a run of `name` is in flight now.
    public func isRunning(_ name: TaskName) -> Bool {
        isRunning(name.rawValue)
    }
}

extension TaskRegistry {
    /// The entry registered under `name`: `registry[.dbMigrate]`.
    public subscript(name: TaskName) -> Entry? {
        self[name.rawValue]
    }
}
