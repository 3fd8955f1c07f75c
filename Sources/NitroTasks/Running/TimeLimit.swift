import NitroSync

/// Runs `work` with a time limit measured on `ContinuousClock` (a racing `Task.sleep`).
///
/// Returns `work`'s outcome, or `.failure(timeout)` once `limit` passed; then `work` is cancelled
/// and left to unwind unobserved, so a task that ignores cancellation does not hold its callers.
/// Cancelling the calling task cancels `work` (and the outcome is then whatever it returns).
func withTimeLimit(
    _ limit: Duration, timeout: TaskError, _ work: @escaping @Sendable () async throws -> TaskResult
) async -> Result<TaskResult, any Error> {
    let worker = Task<TaskResult, any Error> { try await work() }
    let settled = Locked(false)
    return await withTaskCancellationHandler {
        await withCheckedContinuation { (continuation: CheckedContinuation<Result<TaskResult, any Error>, Never>) in
            let settle: @Sendable (Result<TaskResult, any Error>) -> Bool = { outcome in
                let first = settled.withLock { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(returning: outcome) }
                return first
            }
            let timer = Task {
                do {
                    try await Task.sleep(for: limit)
                } catch {
                    return  // the work finished first
                }
                if settle(.failure(timeout)) { worker.cancel() }
            }
            Task {
                let outcome = await worker.result
                timer.cancel()
                _ = settle(outcome)
            }
        }
    } onCancel: {
        worker.cancel()
    }
}
