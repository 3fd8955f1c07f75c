import Foundation
import NitroTestSupport

/// The built `nitro` executable, found next to the test bundle (so it works for the default
/// `.build` and for any `--scratch-path`), and a way to run it.
enum NitroBinary {
    struct Missing: Error, CustomStringConvertible {
        var executable = "nitro"
        var description: String {
            "the '\(executable)' executable was not built; run `swift build` (or `swift build --build-tests`) first"
        }
    }

    /// The absolute path of `nitro`, or `nil` when it was not built.
    static let path: String? = builtExecutable("nitro")

    /// The absolute path of `nitro-bench`, built next to `nitro`, or `nil` when it was not built.
    static let benchPath: String? = builtExecutable("nitro-bench")

    /// The executable `name` of this package, looked for in the folders above the test bundle.
    private static func builtExecutable(_ name: String) -> String? {
        var candidates: [URL] = []
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let argument = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for start in [executable, argument, Bundle.main.bundleURL] {
            var folder = start.deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(folder.appendingPathComponent(name))
                folder.deleteLastPathComponent()
            }
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) && !$0.hasDirectoryPath }?.path
    }

    /// Runs `nitro ARGUMENTS` with `NO_COLOR=1` (plus `environment`), waiting on a thread of its own.
    static func run(
        _ arguments: [String], currentDirectory: String? = nil, environment: [String: String] = [:],
        timeout: Double = 60
    ) async throws -> ProcessOutput {
        guard let path else { throw Missing() }
        return try await ProcessRunner.run(
            path, arguments, currentDirectory: currentDirectory, environment: environment, timeout: timeout)
    }

    /// The same on the calling thread, which it blocks (for code already on a thread of its own).
    static func run(
        _ arguments: [String], currentDirectory: String? = nil, environment: [String: String] = [:],
        timeout: Double = 60
    ) throws -> ProcessOutput {
        guard let path else { throw Missing() }
        return try ProcessRunner.run(
            path, arguments, currentDirectory: currentDirectory, environment: environment, timeout: timeout)
    }
}
