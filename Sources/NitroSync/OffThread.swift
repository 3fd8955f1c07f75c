import Foundation

/// Runs blocking work (socket waits, process waits) on a thread of its own, so that it never
/// occupies one of Swift concurrency's few cooperative threads.
package func offThread<Value: Sendable, Failure: Error>(
    _ body: @escaping @Sendable () throws(Failure) -> Value
) async throws(Failure) -> Value {
    let result: Result<Value, Failure> = await withCheckedContinuation { continuation in
        let thread = Thread {
            continuation.resume(returning: Result { () throws(Failure) -> Value in try body() })
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
    return try result.get()
}
