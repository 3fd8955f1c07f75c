import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decides which process runs a tick when several processes of one app run the scheduler.
///
/// Every process asks to claim `(task, instant)`; exactly one must get `true`. Implement it on
/// whatever the processes share: ``FileTickClaim`` for processes on one machine (a cluster), or a
/// database for several machines, for example with PostgreSQL:
/// ```sql
/// INSERT INTO nitro_ticks (task, instant) VALUES ($1, $2) ON CONFLICT DO NOTHING  -- claimed if 1 row
/// ```
/// (an advisory lock alone is not enough: it is released when the run ends, and a process that
/// arrives later would run the same tick again; record the claim).
public protocol TickClaim: Sendable {
    /// Claims the tick; `true` means this process runs it. Errors are logged and the tick is not
    /// run by this process (never run twice rather than maybe twice).
    func claim(task: String, scheduledTime: Date) async throws -> Bool
}

/// Claims ticks by creating a file exclusively (`O_CREAT | O_EXCL`) in a directory that the
/// processes share: the kernel lets exactly one creation succeed, even across processes.
///
/// Claim files older than ``retention`` are removed as new ones are made.
public struct FileTickClaim: TickClaim {
    /// The directory holding claim files (created if missing).
    public let directory: String
    /// How long claim files are kept.
    public let retention: TimeInterval

    /// Creates a claim store in `directory`.
    public init(directory: String, retention: TimeInterval = 3600) {
        self.directory = directory
        self.retention = retention
    }

    public func claim(task: String, scheduledTime: Date) async throws -> Bool {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let milliseconds = Int64((scheduledTime.timeIntervalSince1970 * 1000).rounded())
        let path = directory + "/" + Self.fileName(task: task, milliseconds: milliseconds)
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o644)
        if descriptor < 0 {
            if errno == EEXIST { return false }
            throw TickClaimError(path: path, code: errno)
        }
        let pid = "\(getpid())\n"
        _ = pid.withCString { write(descriptor, $0, strlen($0)) }
        close(descriptor)
        prune(olderThan: scheduledTime.addingTimeInterval(-retention))
        return true
    }

    /// The claim file of a tick: the task name made file-safe, and the instant.
    static func fileName(task: String, milliseconds: Int64) -> String {
        var safe = ""
        for scalar in task.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" {
                safe.unicodeScalars.append(scalar)
            } else {
                safe += "_" + String(scalar.value, radix: 16) + "_"
            }
        }
        return "\(safe)@\(milliseconds).claim"
    }

    private func prune(olderThan cutoff: Date) {
        let cutoffMillis = Int64(cutoff.timeIntervalSince1970 * 1000)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasSuffix(".claim") {
            guard let at = name.lastIndex(of: "@"),
                let millis = Int64(name[name.index(after: at)...].dropLast(".claim".count)),
                millis < cutoffMillis
            else { continue }
            unlink(directory + "/" + name)
        }
    }
}

/// A claim file could not be created for a reason other than "already claimed".
public struct TickClaimError: Error, CustomStringConvertible {
    /// The claim file.
    public let path: String
    /// The `errno` value.
    public let code: Int32
    public var description: String { "cannot create claim file \(path): \(String(cString: strerror(code)))" }
}
