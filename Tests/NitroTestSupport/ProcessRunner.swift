import NitroSync
import Foundation

/// What a finished child process left: exit status and everything it printed.
public struct ProcessOutput: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// Runs executables for tests: output captured through temporary files (no pipe dead-locks),
/// a time limit after which the child is killed and the test fails. The wait happens on a thread
/// of its own (``offThread(_:)``), never on a cooperative thread.
public enum ProcessRunner {
    public struct TimedOut: Error, CustomStringConvertible {
        public var command: String
        public var seconds: Double
        public var description: String { "\(command) did not finish within \(Int(seconds)) s" }
    }

    /// How many children run at once, whatever the number of tests running in parallel: one per
    /// core, at least two. Compilers and builds started by many tests at once would otherwise
    /// take turns with the in-process servers of other tests for the same two cores, and a
    /// loopback answer could take longer than its test's bound. A child's time limit starts when
    /// it starts, not while it waits for a slot.
    public static let parallelChildren = max(2, ProcessInfo.processInfo.activeProcessorCount)

    private static let slots = DispatchSemaphore(value: parallelChildren)

    /// Runs `executable ARGUMENTS` to its end (`NO_COLOR=1` plus `environment` over this
    /// process's environment) and returns what it printed.
    public static func run(
        _ executable: String, _ arguments: [String], currentDirectory: String? = nil,
        environment: [String: String] = [:], timeout: Double = 60
    ) async throws -> ProcessOutput {
        try await offThread { () throws -> ProcessOutput in
            try run(
                executable, arguments, currentDirectory: currentDirectory, environment: environment,
                timeout: timeout)
        }
    }

    /// The same on the calling thread, which it blocks: for code that already runs on a thread
    /// of its own (in an async context the compiler picks the overload above).
    public static func run(
        _ executable: String, _ arguments: [String], currentDirectory: String? = nil,
        environment: [String: String] = [:], timeout: Double = 60
    ) throws -> ProcessOutput {
        requireThreadOfItsOwn("running \((executable as NSString).lastPathComponent)")
        slots.wait()
        defer { slots.signal() }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "nitro-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        var merged = ProcessInfo.processInfo.environment
        merged["NO_COLOR"] = "1"
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = finished.wait(timeout: .now() + 5)
            throw TimedOut(command: ([executable] + arguments).joined(separator: " "), seconds: timeout)
        }
        return ProcessOutput(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}
