import NitroSync

/// Holds callers in ``wait()`` until it opens: by ``open()``, or by itself once `threshold`
/// callers wait. Callers that arrive after it opened pass straight through.
///
/// ```swift
/// let gate = Gate()
/// let run = Task { await gate.wait(); return "done" }
/// try await waitUntil("the run reached the gate") { gate.arrived == 1 }
/// gate.open()
/// ```
public final class Gate: Sendable {
    private struct State {
        var open = false
        var arrived = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Locked(State())
    private let threshold: Int

    /// - Parameter threshold: the number of waiting callers at which the gate opens by itself.
    public init(threshold: Int = .max) {
        self.threshold = threshold
    }

    /// How many callers reached ``wait()`` so far.
    public var arrived: Int { state.withLock { $0.arrived } }

    /// Whether the gate is open.
    public var isOpen: Bool { state.withLock { $0.open } }

    /// Suspends until the gate opens (returns at once when it is open).
    public func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let release = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                state.arrived += 1
                if state.open { return [continuation] }
                state.waiting.append(continuation)
                guard state.arrived >= threshold else { return [] }
                state.open = true
                defer { state.waiting = [] }
                return state.waiting
            }
            for waiter in release { waiter.resume() }
        }
    }

    /// Opens the gate: every waiting caller resumes, later callers pass through.
    public func open() {
        let waiting = state.withLock { state in
            state.open = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for waiter in waiting { waiter.resume() }
    }
}
