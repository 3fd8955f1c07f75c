import Foundation
import NitroSync
import NitroTasks
import NitroTasksRedis

#if canImport(Glibc)
    import Glibc
#endif

/// `nitro-bench redis [--url redis://…] [--claims N] [--seconds N]`: tick claims on a real
/// Redis (`--url`, else `REDIS_URL`, else a `redis-server` this suite starts on a free loopback
/// port and stops).
///
/// - Claims per second over one connection, against `PING` round trips on the same connection
///   measured in the same run (the floor any one-command claim has), and over four connections.
/// - Scheduler lateness of every-second ticks with `RedisTickClaim` and with `FileTickClaim`,
///   both schedulers running side by side in the same seconds.
enum RedisBench {
    static func run(_ options: BenchOptions) async throws {
        let claims = options.int("--claims", default: 20_000)
        let seconds = options.int("--seconds", default: 10)
        var server: Process?
        defer { if let server { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() } }
        let url: RedisURL
        if let given = options.string("--url") {
            url = try RedisURL(given)
        } else if let fromEnvironment = try RedisURL.fromEnvironment(ProcessInfo.processInfo.environment) {
            url = fromEnvironment
        } else {
            let (process, port) = try await startServer()
            server = process
            url = RedisURL(host: "127.0.0.1", port: port)
        }
        Measure.report("server", url.description)
        let prefix = "nitro-bench:\(getpid()):"

        // Round-trip floor, then claims, on one connection.
        let connection = RedisConnection(url: url)
        try await connection.open()
        let pings = min(claims, 20_000)
        let pingStart = Measure.now()
        for _ in 0..<pings { _ = try await connection.command(["PING"]) }
        let pingRate = Double(pings) / (Double(Measure.now() - pingStart) / 1e9)
        let claim = RedisTickClaim(connection: connection, keyPrefix: prefix, ttl: .seconds(60))
        let base = Date(timeIntervalSince1970: 1_800_000_000)
        let claimStart = Measure.now()
        var won = 0
        for index in 0..<claims where try await claim.claim(task: "bench", scheduledTime: base.addingTimeInterval(Double(index))) {
            won += 1
        }
        let claimRate = Double(claims) / (Double(Measure.now() - claimStart) / 1e9)
        guard won == claims else { throw BenchError("only \(won) of \(claims) fresh keys were claimed") }
        Measure.report("PING round trips per second (baseline)", Measure.format(pingRate, digits: 0))
        Measure.report(
            "claims per second, one connection",
            "\(Measure.format(claimRate, digits: 0)) (\(Measure.format(claimRate / pingRate, digits: 2))x PING)")

        // Four connections claiming the same keys: every key is won once.
        let racers = (0..<4).map { _ in
            RedisTickClaim(connection: RedisConnection(url: url), keyPrefix: prefix + "race:", ttl: .seconds(60))
        }
        let raceStart = Measure.now()
        let wins = try await withThrowingTaskGroup(of: Int.self) { group in
            for racer in racers {
                group.addTask {
                    var count = 0
                    for index in 0..<claims / 4
                    where try await racer.claim(task: "bench", scheduledTime: base.addingTimeInterval(Double(index))) {
                        count += 1
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        let raceRate = Double(claims) / (Double(Measure.now() - raceStart) / 1e9)
        guard wins == claims / 4 else { throw BenchError("\(wins) wins for \(claims / 4) contested keys") }
        Measure.report("claims per second, 4 connections, same keys", "\(Measure.format(raceRate, digits: 0)) (each key won once)")

        // Lateness: Redis claims vs file claims, side by side.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nitro-bench-claims-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let redisLateness = Locked<[Double]>([])
        let fileLateness = Locked<[Double]>([])
        let schedulers = [
            TaskScheduler(
                runner: SchedulerBench.latenessRecorder(redisLateness),
                options: .init(claim: RedisTickClaim(connection: connection, keyPrefix: prefix + "tick:"))),
            TaskScheduler(runner: SchedulerBench.latenessRecorder(fileLateness), options: .init(claim: FileTickClaim(directory: folder))),
        ]
        for scheduler in schedulers { try scheduler.start(environment: [:]) }
        try await Task.sleep(for: .seconds(Double(seconds) + 0.5))
        for scheduler in schedulers { await scheduler.shutdown() }
        let redis = redisLateness.withLock { $0 }.sorted()
        let file = fileLateness.withLock { $0 }.sorted()
        guard !redis.isEmpty, !file.isEmpty else { throw BenchError("no ticks fired") }
        Measure.report("ticks in \(seconds) s, Redis / file", "\(redis.count) / \(file.count)")
        Measure.report(
            "file-claim lateness, median / worst (baseline)",
            "\(Measure.format(file[file.count / 2], digits: 2)) / \(Measure.format(file.last!, digits: 2)) ms")
        Measure.report(
            "Redis-claim lateness, median / worst",
            "\(Measure.format(redis[redis.count / 2], digits: 2)) / \(Measure.format(redis.last!, digits: 2)) ms")
        Measure.report("Redis median over file median", "+\(Measure.format(redis[redis.count / 2] - file[file.count / 2], digits: 2)) ms")
    }

    /// Starts `redis-server` on a free loopback port, waiting (at most 10 s) until it answers.
    private static func startServer() async throws -> (Process, Int) {
        let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(probe, $0, length) == 0 && getsockname(probe, $0, &length) == 0
            }
        }
        close(probe)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/redis-server")
        process.arguments = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        let check = RedisConnection(url: RedisURL(host: "127.0.0.1", port: port), options: .init(connectTimeout: .milliseconds(200)))
        while Date() < deadline {
            if (try? await check.open()) != nil { return (process, port) }
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(process.processIdentifier, SIGKILL)
        throw BenchError("redis-server did not start (apt-get install redis-server, or pass --url)")
    }
}
