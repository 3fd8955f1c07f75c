import NitroSync
import NitroTestSupport
import Foundation
import NitroCLI
import NitroJSON

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A long-running child process for the end-to-end tests (the app in development mode,
/// `nitro dev`): output to temporary files, signals by pid, bounded waits.
final class BackgroundProcess: @unchecked Sendable {  // Process is only touched through thread-safe calls
    let process = Process()
    private let folder: TemporaryDirectory

    init(_ executable: String, _ arguments: [String], currentDirectory: String, environment: [String: String] = [:]) throws {
        folder = try TemporaryDirectory("nitro-background")
        _ = FileManager.default.createFile(atPath: folder.appending("stdout"), contents: nil)
        _ = FileManager.default.createFile(atPath: folder.appending("stderr"), contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory)
        var merged = ProcessInfo.processInfo.environment
        merged["NO_COLOR"] = "1"
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: folder.appending("stdout")))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: folder.appending("stderr")))
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var output: String { (folder.read("stdout") ?? "") + (folder.read("stderr") ?? "") }

    func signal(_ number: Int32) { sendSignal(process.processIdentifier, number) }

    /// Waits for the exit; its status, or `nil` after `seconds`.
    func waitForExit(seconds: Double) async -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning {
            if Date() > deadline { return nil }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return process.terminationStatus
    }

    /// Kills it if it still runs (cleanup after a failed test).
    func stop() {
        if process.isRunning { signal(SIGKILL) }
    }
}

/// The development server's info file of the project at `root`, once it names a live process.
func devServerInfo(root: String) -> (pid: Int, url: String)? {
    guard let data = FileManager.default.contents(atPath: root + "/.nitro/dev.json"),
        let json = try? JSONReader.parse(Array(data)), let pid = json["pid"]?.intValue, let url = json["url"]?.stringValue,
        kill(pid_t(pid), 0) == 0
    else { return nil }
    return (pid, url)
}

/// One request with URLSession (a real, independent HTTP client): status and JSON body.
func httpJSON(_ method: String, _ url: String, body: Data? = nil) async throws -> (status: Int, json: JSONValue?) {
    var request = URLRequest(url: URL(string: url)!)
    request.httpMethod = method
    request.httpBody = body
    if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
    let (data, response) = try await URLSession.shared.data(for: request)
    return ((response as! HTTPURLResponse).statusCode, try? JSONReader.parse(Array(data)))
}

/// `nitro ARGUMENTS --root ROOT` run off the cooperative pool.
func nitroOffPool(_ app: FixtureApp, _ arguments: [String]) async throws -> ProcessOutput {
    let root = app.root
    return try await offThread { () throws -> ProcessOutput in
        try NitroBinary.run(arguments + ["--root", root], currentDirectory: root)
    }
}

private func sendSignal(_ pid: Int32, _ number: Int32) {
    _ = kill(pid, number)
}
