import CNitroSystem
import NitroSync

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A child process that `nitro dev` supervises: `swift build` or the app.
///
/// It runs in a process group of its own, so a terminal's Ctrl-C reaches only `nitro dev`, which
/// then stops the child deliberately (one SIGTERM, then SIGKILL after a grace period). Its output
/// goes straight to `nitro dev`'s own standard output and error.
final class ChildProcess: Sendable {
    /// Why a child could not start.
    struct SpawnError: Error, CustomStringConvertible {
        let description: String
    }

    let pid: pid_t
    private let exitStatus = Locked<Int32?>(nil)

    /// Starts `executable` (looked up in PATH without a slash) with `arguments`.
    init(_ executable: String, _ arguments: [String], environment: [String: String], directory: String?) throws(SpawnError) {
        let argv = ([executable] + arguments).map { strdup($0) }
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") }
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = (argv + [nil]).withUnsafeBufferPointer { argvPointer in
            (envp + [nil]).withUnsafeBufferPointer { envpPointer in
                cnitro_spawn(&pid, executable, argvPointer.baseAddress, envpPointer.baseAddress, directory, 1)
            }
        }
        guard status == 0 else {
            throw SpawnError(description: "cannot start \(executable): \(String(cString: strerror(status)))")
        }
        self.pid = pid
    }

    /// The exit status once it has exited (128 + N for a signal N), without waiting.
    var exitedStatus: Int32? {
        if let status = exitStatus.withLock({ $0 }) { return status }
        var raw: Int32 = 0
        let result = waitpid(pid, &raw, WNOHANG)
        guard result == pid else { return nil }
        let status = Self.decode(raw)
        exitStatus.withLock { $0 = status }
        return status
    }

    /// Waits for it to exit, on a thread of its own; returns its exit status.
    func wait() async -> Int32 {
        if let status = exitedStatus { return status }
        let pid = pid
        let status = await offThread { () -> Int32 in
            var raw: Int32 = 0
            while waitpid(pid, &raw, 0) < 0 {
                if errno != EINTR { return -1 }
            }
            return ChildProcess.decode(raw)
        }
        return exitStatus.withLock { stored in
            if stored == nil { stored = status }
            return stored!
        }
    }

    /// Sends `signal` to its whole process group (it and what it started).
    func signal(_ number: Int32) {
        guard exitedStatus == nil else { return }
        kill(-pid, number)
    }

    /// Stops it: SIGTERM to its group, then SIGKILL after `grace`; returns its exit status.
    func stop(grace: Duration = .seconds(10)) async -> Int32 {
        signal(SIGTERM)
        let deadline = ContinuousClock.now + grace
        while exitedStatus == nil && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if exitedStatus == nil { signal(SIGKILL) }
        return await wait()
    }

    private static func decode(_ raw: Int32) -> Int32 {
        let signal = raw & 0x7F
        return signal == 0 ? (raw >> 8) & 0xFF : 128 + signal
    }
}
