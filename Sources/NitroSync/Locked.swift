#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A value that one thread at a time reaches, behind a POSIX mutex.
///
/// Every module of the package keeps its shared mutable state in a `Locked` rather than in
/// `Synchronization.Mutex`. On Linux, `Mutex` hands a contended lock over inside the kernel (a
/// priority-inheritance futex), where ThreadSanitizer cannot see the acquire and release, so every
/// access made under the lock looks like a data race to it. `pthread_mutex_lock` and
/// `pthread_mutex_unlock` are intercepted by ThreadSanitizer, so with `Locked` the whole suite runs
/// under `--sanitize=thread` with no report and no suppression (Docs/Reliability.md). Uncontended, a
/// lock and unlock cost about the same as `Mutex`'s.
///
/// The API mirrors `Mutex`: `Locked(value)` and `withLock { value in … }`.
public final class Locked<Value>: @unchecked Sendable {
    @usableFromInline let mutex: UnsafeMutablePointer<pthread_mutex_t>
    @usableFromInline let storage: UnsafeMutablePointer<Value>

    /// Puts `initialValue` behind a new lock.
    public init(_ initialValue: sending Value) {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let status = pthread_mutex_init(mutex, nil)
        precondition(status == 0, "pthread_mutex_init failed with \(status)")
        storage = .allocate(capacity: 1)
        storage.initialize(to: initialValue)
    }

    deinit {
        storage.deinitialize(count: 1)
        storage.deallocate()
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with the value while holding the lock, and returns what it returns.
    ///
    /// `body` must not call `withLock` on the same instance (the mutex is not recursive).
    @inlinable
    public func withLock<Result, Failure: Error>(
        _ body: (inout sending Value) throws(Failure) -> sending Result
    ) throws(Failure) -> sending Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&storage.pointee)
    }
}
