import NitroSync
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive `flock` on a file, held for the length of a closure: turn-taking between threads
/// and between processes. It blocks, so call it only from a thread that may block
/// (``offThread(_:)``).
public struct FileLock: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public func withLock<T>(_ body: () throws -> T) throws -> T {
        requireThreadOfItsOwn("flock")
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw LockFailed(path: path, errno: errno) }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw LockFailed(path: path, errno: errno) }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    public struct LockFailed: Error, CustomStringConvertible {
        public var path: String
        public var errno: Int32
        public var description: String { "cannot lock \(path): \(String(cString: strerror(errno)))" }
    }
}
