import Dispatch
import NitroSync

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Calls `action` with the count of signals received so far, on a private dispatch queue (no
/// cooperative thread waits), instead of the signals' default action; ``cancel()`` restores the
/// defaults.
package final class SignalWatch: @unchecked Sendable {  // the sources are only cancelled, which is thread-safe
    private let sources: [any DispatchSourceSignal]
    private let signals: [Int32]

    package init(signals: [Int32], action: @escaping @Sendable (Int) -> Void) {
        let queue = DispatchQueue(label: "nitro.signals")
        let count = Locked(0)
        self.signals = signals
        self.sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                let seen = count.withLock { value in
                    value += 1
                    return value
                }
                action(seen)
            }
            source.resume()
            return source
        }
    }

    package func cancel() {
        for source in sources { source.cancel() }
        for number in signals { signal(number, SIG_DFL) }
    }
}
