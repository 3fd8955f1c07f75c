import Foundation
import Testing

/// A bounded wait that ran out: the condition was still false at the deadline.
public struct WaitTimedOut: Error, CustomStringConvertible {
    public var what: String
    public var seconds: Double
    public var description: String { "timed out after \(seconds) s waiting until \(what)" }
}

/// Suspends until `condition` holds, checking it between yields (and, after the first thousand
/// checks, between 1 ms naps, so a long wait does not spin a core); fails the test and throws
/// ``WaitTimedOut`` when it still does not hold after `timeout`. Every wait of the tests has
/// such a bound, so that a regression fails the run instead of hanging CI.
///
/// ```swift
/// try await waitUntil("two runs started") { started.withLock { $0 } == 2 }
/// ```
public func waitUntil(
    _ what: String, timeout: Duration = .seconds(30), sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () throws -> Bool
) async throws {
    let deadline = ContinuousClock.now.advanced(by: timeout)
    var checks = 0
    while try !condition() {
        try Task.checkCancellation()
        guard ContinuousClock.now < deadline else {
            let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
            let failure = WaitTimedOut(what: what, seconds: seconds)
            Issue.record(failure, sourceLocation: sourceLocation)
            throw failure
        }
        checks += 1
        if checks < 1_000 { await Task.yield() } else { try await Task.sleep(for: .milliseconds(1)) }
    }
}

/// Checks `condition` every 100 ms until it returns a value, and returns it: for waits on other
/// processes (a server to listen, a file to appear), where a check may itself suspend. Fails the
/// test at the caller and throws ``WaitTimedOut`` when no value came within `seconds`.
///
/// ```swift
/// let port = try await eventually(seconds: 60, "the server to listen") { readPort(from: log) }
/// ```
public func eventually<Value>(
    seconds: Double, _ what: String, sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () async throws -> Value?
) async throws -> Value {
    let deadline = ContinuousClock.now.advanced(by: .seconds(seconds))
    while true {
        if let value = try await condition() { return value }
        guard ContinuousClock.now < deadline else {
            let failure = WaitTimedOut(what: what, seconds: seconds)
            Issue.record(failure, sourceLocation: sourceLocation)
            throw failure
        }
        try await Task.sleep(for: .milliseconds(100))
    }
}
