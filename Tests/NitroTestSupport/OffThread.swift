import Foundation

/// Runs blocking work (a process wait, a blocking socket read, `flock`) on a thread of its own
/// and suspends until it is done, so that a test never occupies one of Swift concurrency's few
/// cooperative threads (two on a two-core machine): in-process servers of other tests running in
/// parallel need them.
public func runOnOwnThread<Value: Sendable, Failure: Error>(
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
