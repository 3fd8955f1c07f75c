import Dispatch
import NitroSync

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Catches SIGINT and SIGTERM for `nitro dev`: counts them and calls a handler, instead of the
/// default of dying (which would leave the app running and its info file behind).
final class SignalTrap: @unchecked Sendable {  // the sources are only cancelled, which is thread-safe
    private let sources: [any DispatchSourceSignal]

    init(_ handler: @escaping @Sendable (Int) -> Void) {
        let queue = DispatchQueue(label: "nitro.dev.signals")
        var sources: [any DispatchSourceSignal] = []
        let count = SignalCount()
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                let seen = count.value.withLock { value in
                    value += 1
                    return value
                }
                handler(seen)
            }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}

private final class SignalCount: Sendable {
    let value = Locked(0)
}
