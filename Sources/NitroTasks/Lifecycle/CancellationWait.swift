import NitroSync

/// Suspends until the calling task is cancelled (at once when it already is), without blocking a
/// thread: the shape of a long-running service's `run()`, which returns when its task is cancelled.
///
/// ```swift
/// try scheduler.start()
/// await untilCancelled()
/// await scheduler.shutdown()
/// ```
public func untilCancelled() async {
    let slot = Locked(CancellationSlot())
    await withTaskCancellationHandler {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = slot.withLock { slot -> Bool in
                if slot.cancelled { return true }
                slot.continuation = continuation
                return false
            }
            if resumeNow { continuation.resume() }
        }
    } onCancel: {
        let waiting = slot.withLock { slot -> CheckedContinuation<Void, Never>? in
            slot.cancelled = true
            defer { slot.continuation = nil }
            return slot.continuation
        }
        waiting?.resume()
    }
}

/// The state of one ``untilCancelled()``: cancelled yet, and who waits.
private struct CancellationSlot: Sendable {
    var cancelled = false
    var continuation: CheckedContinuation<Void, Never>?
}
