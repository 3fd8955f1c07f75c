import Foundation
import NitroTasks

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs each tick of each task in exactly one of several replicas, through a Redis server they
/// share: the first replica whose `SET key value NX PX ttl` succeeds runs the tick.
///
/// ```swift
/// let claim = try await RedisTickClaim.connect(url: RedisURL("redis://:secret@redis:6379/0"))
/// let scheduler = TaskScheduler(runner: runner, options: .init(claim: claim))
/// ```
///
/// - The key is `keyPrefix + task + "@" + scheduledTime` in milliseconds since 1970: the
///   **scheduled instant**, never the local time, so replicas whose clocks differ (within the
///   scheduler's tolerance) claim the same key.
/// - The value says who claimed it (`host:pid`), for debugging with `redis-cli GET`.
/// - When Redis cannot be reached, ``claim(task:scheduledTime:)`` throws and the scheduler does
///   **not** run the tick in this replica (never twice rather than maybe twice). It reports the
///   outage once, when it begins, and how many ticks it did not run, when claims work again.
public struct RedisTickClaim: TickClaim {
    /// The connection (reused; reconnects with back-off).
    public let connection: RedisConnection
    /// Prefix of every key (`nitro:tick:` by default); give each app its own.
    public let keyPrefix: String
    /// How long a claim is kept; it must outlast the clock skew between replicas and the
    /// scheduler's tolerance for late ticks (one hour by default).
    public let ttl: Duration
    private let owner: String

    /// Creates a claim on `connection`; nothing is sent until the first tick.
    public init(connection: RedisConnection, keyPrefix: String = "nitro:tick:", ttl: Duration = .seconds(3600)) {
        self.connection = connection
        self.keyPrefix = keyPrefix
        self.ttl = ttl
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, name.count - 1)
        let host = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        self.owner = "\(host):\(getpid())"
    }

    /// Connects (and logs in) now, so that a wrong URL or password stops the app at start-up with
    /// a clear message, and returns the claim.
    /// - Throws: ``RedisError``.
    public static func connect(
        url: RedisURL, options: RedisConnection.Options = .init(), keyPrefix: String = "nitro:tick:",
        ttl: Duration = .seconds(3600)
    ) async throws(RedisError) -> RedisTickClaim {
        let connection = RedisConnection(url: url, options: options)
        try await connection.open()
        return RedisTickClaim(connection: connection, keyPrefix: keyPrefix, ttl: ttl)
    }

    /// The key of a tick.
    public func key(task: String, scheduledTime: Date) -> String {
        "\(keyPrefix)\(task)@\(Int64((scheduledTime.timeIntervalSince1970 * 1000).rounded()))"
    }

    public func claim(task: String, scheduledTime: Date) async throws -> Bool {
        let milliseconds = max(1, Int64((ttl.timeInterval * 1000).rounded()))
        let answer = try await connection.command(
            ["SET", key(task: task, scheduledTime: scheduledTime), owner, "NX", "PX", String(milliseconds)])
        switch answer {
        case .simple("OK"): return true
        case .bulk(nil): return false
        case .error(let message): throw RedisError.commandFailed("\(connection.url)", message)
        default: throw RedisError.protocolViolation("\(connection.url)", "SET … NX answered \(answer)")
        }
    }
}
