import Foundation

/// Runs the `nitro` tool with the plugin's standard output and error, so its diagnostics reach
/// `swift package` exactly once and unchanged.
enum NitroTool {
    /// A non-zero exit of the tool; its own output already said why.
    struct Failed: Error, CustomStringConvertible {
        var command: String
        var status: Int32
        var description: String { "\(command) failed (exit status \(status)); see the messages above" }
    }

    static func run(_ executable: URL, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
