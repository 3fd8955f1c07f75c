import Foundation
import PackagePlugin

/// The command plugin that writes the generated files (registry and platform manifests) into the
/// package, as `nitro build` does:
///
/// ```sh
/// swift package --allow-writing-to-package-directory nitro-build [--preset NAME] [--strict] [--dry-run]
/// ```
///
/// Arguments are passed to `nitro build --root PACKAGE`. Its output (diagnostics with file and
/// line) is printed once, as the tool prints it; a failure makes `swift package` exit non-zero.
@main
struct NitroGeneratePlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "nitro").url
        let root = context.package.directoryURL.path
        let status = try NitroTool.run(tool, ["build", "--root", root] + arguments)
        if status != 0 { throw NitroTool.Failed(command: "nitro build", status: status) }
    }
}
