import NitroSync
import Testing

/// Fails the current test when the calling code runs as part of a Swift concurrency task, that
/// is on one of the few cooperative threads (two on a two-core machine), where a blocking wait
/// would starve the in-process servers of tests running in parallel. Every blocking helper of
/// the tests calls it first; the fix is the helper's `async` form or ``offThread(_:)``.
public func requireThreadOfItsOwn(_ what: String) {
    let inTask = withUnsafeCurrentTask { $0 != nil }
    if inTask {
        Issue.record("\(what) blocks a cooperative thread: use its async form or offThread { }")
    }
}
