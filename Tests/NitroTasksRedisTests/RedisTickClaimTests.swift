import Foundation
import NitroSync
import NitroTasks
import Testing

@testable import NitroTasksRedis

#if canImport(Glibc)
    import Glibc
#endif

/// `RedisTickClaim` and `RedisConnection` against a real `redis-server` on loopback.
@Suite(.enabled(if: RedisServer.available), .serialized, .timeLimit(.minutes(3))) struct RedisTickClaimTests {
    let instant = Date(timeIntervalSince1970: 1_714_557_600)

    @Test(.timeLimit(.minutes(1))) func exactlyOneOfManyConcurrentClaimantsWins() async throws {
        // The server `.ci/run` started (NITRO_TEST_REDIS_URL), else one of the test's own.
        let shared = ProcessInfo.processInfo.environment["NITRO_TEST_REDIS_URL"]
        let server = shared == nil ? try await RedisServer.launch() : nil
        let url = try RedisURL(shared ?? server!.url)
        let prefix = "nitro-test-\(UUID().uuidString):"
        let claims = try await (0..<4).asyncMap { _ in try await RedisTickClaim.connect(url: url, keyPrefix: prefix) }
        let beforeTheClaim = ContinuousClock.now
        let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<200 {
                let claim = claims[index % claims.count]
                group.addTask { try await claim.claim(task: "db:cleanup", scheduledTime: instant) }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(wins == 1)
        // Another instant, another task: claimable again.
        #expect(try await claims[0].claim(task: "db:cleanup", scheduledTime: instant.addingTimeInterval(1)))
        #expect(try await claims[1].claim(task: "cms:update", scheduledTime: instant))
        // The key is the scheduled instant, whoever's clock asks; it expires after the TTL.
        let key = claims[2].key(task: "db:cleanup", scheduledTime: instant)
        #expect(key == prefix + "db:cleanup@1714557600000")
        #expect(
            RedisTickClaim(connection: claims[2].connection).key(task: "db:cleanup", scheduledTime: instant)
                == "nitro:tick:db:cleanup@1714557600000")
        let ttl = try await claims[2].connection.command(["PTTL", key])
        guard case .integer(let milliseconds) = ttl else { Issue.record("PTTL answered \(ttl)"); return }
        // An hour, less the time since the key was set, which is at most the time since `beforeTheClaim`
        // (seconds on a loaded CI machine running every suite at once), and a little for the two clocks.
        let sinceTheClaim = (ContinuousClock.now - beforeTheClaim).components
        let elapsed = Int(sinceTheClaim.seconds) * 1000 + Int(sinceTheClaim.attoseconds / 1_000_000_000_000_000) + 1
        #expect(
            (3_600_000 - elapsed - 50...3_600_000).contains(Int(milliseconds)),
            "PTTL \(milliseconds) ms, \(elapsed) ms after the claims began")
    }

    @Test(.timeLimit(.minutes(1))) func logsInWithAPasswordOrAnACLUserAndSelectsTheDatabase() async throws {
        let server = try await RedisServer.launch(password: "right horse battery")
        let admin = try await RedisTickClaim.connect(url: RedisURL("redis://:right%20horse%20battery@127.0.0.1:\(server.port)/3"))
        #expect(try await admin.claim(task: "t", scheduledTime: instant))
        // The claim went to database 3, not 0.
        let inZero = try await RedisTickClaim.connect(url: RedisURL("redis://:right%20horse%20battery@127.0.0.1:\(server.port)/0"))
        #expect(try await inZero.claim(task: "t", scheduledTime: instant))
        #expect(try await !admin.claim(task: "t", scheduledTime: instant))

        let setUser = try await admin.connection.command(["ACL", "SETUSER", "alice", "on", ">pw", "~*", "+@all"])
        #expect(setUser == .simple("OK"))
        let alice = try await RedisTickClaim.connect(url: RedisURL("redis://alice:pw@127.0.0.1:\(server.port)/3"))
        #expect(try await !alice.claim(task: "t", scheduledTime: instant))
    }

    @Test(.timeLimit(.minutes(1))) func aWrongPasswordOrDatabaseIsAClearErrorAtStartUp() async throws {
        let server = try await RedisServer.launch(password: "right")
        for (url, expected) in [
            ("redis://:wrong@127.0.0.1:\(server.port)", "refused the login"),
            ("redis://bob:right@127.0.0.1:\(server.port)", "refused the login"),
            ("redis://127.0.0.1:\(server.port)", "NOAUTH"),
            ("redis://:right@127.0.0.1:\(server.port)/99", "refused to select the database"),
        ] {
            await #expect(
                performing: { _ = try await RedisTickClaim.connect(url: RedisURL(url)) },
                throws: { error in
                    "\(error)".contains(expected)
                })
        }
    }

    @Test(.timeLimit(.minutes(1))) func anUnreachableServerFailsFastThenBacksOff() async throws {
        let port = try RedisServer.freePort()
        let connection = RedisConnection(
            url: RedisURL(host: "127.0.0.1", port: port),
            options: .init(initialBackoff: .seconds(30), maximumBackoff: .seconds(30)))
        let claim = RedisTickClaim(connection: connection)
        await #expect(
            performing: { _ = try await claim.claim(task: "t", scheduledTime: instant) },
            throws: { error in
                guard case RedisError.cannotConnect(_, let why) = error else { return false }
                return why.contains("refused")
            })
        // Within the back-off, nothing is tried: the next claim fails at once, saying why.
        await #expect(
            performing: { _ = try await claim.claim(task: "t", scheduledTime: instant) },
            throws: { error in
                guard case RedisError.backingOff(_, let last) = error else { return false }
                return last.contains("refused")
            })
    }

    @Test(.timeLimit(.minutes(1))) func aServerThatNeverAnswersTimesOutAndReconnects() async throws {
        // A listener that accepts and never answers (the kernel completes the handshake).
        let silent = try SilentListener()
        let connection = RedisConnection(
            url: RedisURL(host: "127.0.0.1", port: silent.port),
            options: .init(connectTimeout: .milliseconds(300), commandTimeout: .milliseconds(300), initialBackoff: .milliseconds(1)))
        let started = ContinuousClock.now
        await #expect(
            performing: { _ = try await connection.command(["PING"]) },
            throws: { error in
                guard case RedisError.connectionLost(_, let why) = error else { return false }
                return why.contains("timed out waiting for an answer")
            })
        // Only the 300 ms timeout ends the wait (the message says so); the bound is loose because a
        // loaded CI machine running every suite at once has stalled tasks for seconds.
        #expect(ContinuousClock.now - started < .seconds(20))
        // The broken connection was dropped: the next command connects anew (and times out again).
        try await Task.sleep(for: .milliseconds(5))
        await #expect(throws: RedisError.self) { _ = try await connection.command(["PING"]) }
        #expect(silent.acceptedConnections() == 2)
    }
}

/// Accepts connections on a loopback port and never answers.
private final class SilentListener: @unchecked Sendable {
    let fd: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw -> Bool in
                bind(fd, raw, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard ok else { throw CocoaError(.fileWriteUnknown) }
        port = Int(UInt16(bigEndian: address.sin_port))
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL, 0) | O_NONBLOCK)
    }

    deinit { close(fd) }

    /// How many connections are waiting in the backlog (accepting them now, without answering).
    func acceptedConnections() -> Int {
        var count = 0
        while case let client = accept(fd, nil, nil), client >= 0 {
            count += 1
            close(client)
        }
        return count
    }
}

extension Sequence where Element: Sendable {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var values: [T] = []
        for element in self { values.append(try await transform(element)) }
        return values
    }
}
