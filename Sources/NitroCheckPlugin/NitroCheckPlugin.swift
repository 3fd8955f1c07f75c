import Foundation
import PackagePlugin

/// The read-only command plugin: is every generated file current? Needs no permission.
///
/// ```sh
/// swift package nitro-check [--preset NAME] [--strict]
/// ```
///
/// Runs `nitro build --check --root PACKAGE` with the arguments; on drift the tool prints the
/// stale file (`path:1:1: error: …`) and a diff, and `swift package` exits non-zero.
@main
struct NitroCheckPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "nitro").url
        let root = context.package.directoryURL.path
        let process = Process()
        process.executableURL = tool
        process.arguments = ["build", "--check", "--root", root] + arguments
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 { throw CheckFailed(status: process.terminationStatus) }
    }

    /// Drift or errors; the tool's own output already said which.
    struct CheckFailed: Error, CustomStringConvertible {
        var status: Int32
        var description: String {
            "nitro build --check failed (exit status \(status)); run `swift package --allow-writing-to-package-directory nitro-build`"
        }
    }
}
