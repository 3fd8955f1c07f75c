import Foundation
import NitroSync

/// Runs a short command to completion and captures its output (`swift package dump-package`,
/// `swift build --show-bin-path`).
enum CapturedCommand {
    struct Output: Sendable {
        let status: Int32
        let stdout: [UInt8]
        let stderr: String
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) async throws -> Output {
        try await offThread { () throws -> Output in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
            process.environment = environment
            let out = Pipe()
            let err = Pipe()
            process.standardOutput = out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            try process.run()
            // Read both pipes at once so that neither fills up and blocks the child.
            let errorData = Locked(Data())
            let finished = DispatchSemaphore(value: 0)
            Thread {
                let data = err.fileHandleForReading.readDataToEndOfFile()
                errorData.withLock { $0 = data }
                finished.signal()
            }.start()
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            finished.wait()
            process.waitUntilExit()
            return Output(
                status: process.terminationStatus, stdout: Array(stdout),
                stderr: String(decoding: errorData.withLock { $0 }, as: UTF8.self))
        }
    }
}
