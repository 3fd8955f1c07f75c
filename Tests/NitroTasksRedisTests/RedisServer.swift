import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A real `redis-server` (Debian's package) that a test starts on a free loopback port, and can
/// stop and start again on the same port (the outage tests). Nothing is saved to disk.
final class RedisServer: @unchecked Sendable {
    let port: Int
    let password: String?
    private var process: Process?
    private let folder: URL

    /// Whether the binary is installed; `.ci/run` installs it (`apt-get install redis-server`).
    static let isInstalled = FileManager.default.isExecutableFile(atPath: binary)
    static let binary = "/usr/bin/redis-server"

    /// The tests need it on CI; elsewhere they say how to get it.
    static let available: Bool = {
        if !isInstalled && ProcessInfo.processInfo.environment["CI"] == nil {
            print("note: redis-server is not installed; the Redis tests are skipped (apt-get install redis-server)")
        }
        return isInstalled || ProcessInfo.processInfo.environment["CI"] != nil
    }()

    /// Starts a server on a thread of its own (starting waits for the port), so that no Swift
    /// concurrency thread blocks.
    static func launch(password: String? = nil) async throws -> RedisServer {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try RedisServer(password: password) }) }.start()
        }
    }

    /// Starts it again on the same port, on a thread of its own.
    func restart() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread { continuation.resume(with: Result { try self.start() }) }.start()
        }
    }

    private init(password: String? = nil) throws {
        self.password = password
        self.port = try Self.freePort()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("nitro-redis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try start()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: folder)
    }

    var url: String { password.map { "redis://:\($0)@127.0.0.1:\(port)" } ?? "redis://127.0.0.1:\(port)" }

    /// Starts the server and waits (at most 10 s) until it accepts connections.
    func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        var arguments = [
            "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--dir", folder.path, "--daemonize", "no", "--loglevel", "warning",
        ]
        if let password { arguments += ["--requirepass", password] }
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(10)
        while !Self.accepts(port: port) {
            guard Date() < deadline, process.isRunning else {
                throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "redis-server did not start on port \(port)"])
            }
            usleep(20_000)
        }
    }

    /// Stops the server at once (SIGKILL: an outage as abrupt as a crash; a child of the test
    /// process may also have SIGTERM blocked) and waits for it to exit.
    func stop() {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    /// A port nothing listens on now (bound to 0 and released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw -> Bool in
                bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound else { throw CocoaError(.fileWriteUnknown) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
