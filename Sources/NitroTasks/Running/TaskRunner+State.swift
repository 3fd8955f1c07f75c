import NitroSync

/// What a ``TaskRunner`` keeps under its lock: the runs in flight and the callers waiting for them.
extension TaskRunner {
    /// A caller waiting for a shared run's outcome.
    typealias Waiter = UnsafeContinuation<TaskResult, any Error>

    /// A run that later calls may join (``TaskConcurrency/dedupe``).
    struct InFlight {
        let id: UInt64
        /// The run, once it has been started; it hands its outcome to the waiters itself
        /// (``settle(_:slot:id:key:_:)``) and never throws. (Typed as throwing all the same: creating a
        /// `Task<Void, Never>` allocates a thunk for its closure, one more allocation per run.)
        ///
        /// `nil` while its first caller starts it: the entry is recorded first, under the lock, so
        /// that later callers join it; the run then starts outside the lock (``attach(_:to:slot:key:id:)``).
        var run: Task<Void, any Error>?
        /// ``cancel(_:)`` came before the run's handle: it is cancelled as soon as it is attached.
        var cancelRequested = false
        /// The calls waiting for it (the one that started it included, unless it left).
        var waiters: Waiters

        /// Adds a call that joins this run; the run's id.
        mutating func join(_ call: UInt64, _ waiter: Waiter) -> UInt64 {
            waiters.add(call, waiter)
            return id
        }

        /// A cancel for this run: its handle to cancel (outside the lock), or `nil` when it has none
        /// yet, and then the cancel is kept for ``attach(_:)``.
        mutating func requestCancel() -> Task<Void, any Error>? {
            if run == nil { cancelRequested = true }
            return run
        }

        /// Gives the run its handle; whether a cancel came before it (cancel it then).
        mutating func attach(_ handle: Task<Void, any Error>) -> Bool {
            run = handle
            return cancelRequested
        }
    }

    /// The callers of one shared run, each under its call number, so that a cancelled one can
    /// leave. When the run settles, each is resumed once with its outcome, in the order they came.
    /// (Awaiting the run's `Task` resumes its awaiters last-come first, and thousands of callers in
    /// a task group finishing in reverse order cost quadratic time in the runtime.)
    struct Waiters {
        /// The first caller, kept out of the array so that a run with one caller allocates nothing
        /// for it.
        var first: (call: UInt64, waiter: Waiter)?
        /// The others, by increasing call number (so a binary search finds a cancelled one); `nil`
        /// once it left. Calls are numbered just before they register, so a new one goes at the
        /// end or a few places before it.
        var others: [(call: UInt64, waiter: Waiter?)] = []
        /// How many are waiting.
        private(set) var count = 0

        init(_ call: UInt64, _ waiter: Waiter) {
            first = (call, waiter)
            count = 1
        }

        mutating func add(_ call: UInt64, _ waiter: Waiter) {
            count += 1
            if first == nil {
                first = (call, waiter)
                return
            }
            var index = others.endIndex
            while index > others.startIndex, others[index - 1].call > call { index -= 1 }
            others.insert((call, waiter), at: index)
        }

        /// Takes the waiter of `call` out, if it is still here.
        mutating func remove(_ call: UInt64) -> Waiter? {
            if let first, first.call == call {
                self.first = nil
                count -= 1
                return first.waiter
            }
            var low = others.startIndex
            var high = others.endIndex
            while low < high {
                let middle = (low + high) / 2
                if others[middle].call < call { low = middle + 1 } else { high = middle }
            }
            guard low < others.endIndex, others[low].call == call, let waiter = others[low].waiter else { return nil }
            others[low].waiter = nil
            count -= 1
            return waiter
        }

        /// Resumes every waiter with the run's outcome (call it once, outside the lock).
        func resume(with outcome: Result<TaskResult, any Error>) {
            first?.waiter.resume(with: outcome)
            for other in others { other.waiter?.resume(with: outcome) }
        }
    }

    /// The calls of one serial key waiting for their turn; the entry exists while a call holds it.
    struct Turns {
        var waiting: [CheckedContinuation<Void, Never>] = []
        var head = 0

        var queued: Int { waiting.count - head }

        mutating func next() -> CheckedContinuation<Void, Never>? {
            guard head < waiting.count else { return nil }
            defer {
                head += 1
                if head == waiting.count {
                    waiting.removeAll()
                    head = 0
                }
            }
            return waiting[head]
        }
    }

    /// What is in flight for one task name, other than a plain dedupe run.
    struct Runs {
        /// The runs of a dedupe task with a key, by key.
        var keyed: [String: InFlight] = [:]
        /// Serial tasks: the turn of each key ("" without a key function).
        var turns: [String: Turns] = [:]
        /// The runs of serial and parallel tasks, by id.
        var own: [UInt64: Task<TaskResult, any Error>] = [:]

        var isEmpty: Bool { keyed.isEmpty && turns.isEmpty && own.isEmpty }
    }

    /// Where a run of its own (serial, parallel) is recorded, so that it can be forgotten when it
    /// settles.
    enum Slot: Sendable {
        case own
        case serial(String)
    }

    struct State {
        var nextID: UInt64 = 0
        /// The number of the last call (a waiter's name in ``Waiters``).
        var nextCall: UInt64 = 0
        /// The runs of dedupe tasks without a key (the default, kept as small as possible), at
        /// their task's place in the registry: found without hashing the name.
        var shared: [InFlight?]
        /// Everything else in flight, by name.
        var running: [String: Runs] = [:]
        var observers: [TaskRunObserver] = []
    }
}
