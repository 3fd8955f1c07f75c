import Foundation
import NitroCLI

/// A copy of a fixture app (a SwiftPM package depending on this repository by path) in a
/// temporary folder, with its dependency pointed at this checkout, ready to `nitro build`,
/// `swift build` and run.
///
/// ```swift
/// let app = try FixtureApp(copying: RepositoryPaths.fixture("basic"))
/// try app.nitro(["build"])          // the real nitro binary, --root set to the copy
/// try app.swiftBuild()
/// let output = try app.run("App", ["run", "db:migrate"])
/// ```
struct FixtureApp {
    let folder: TemporaryDirectory
    var root: String { folder.path }

    /// Copies the fixture (without build products) and rewrites `path: "../.."`-style
    /// dependencies on `nitro-tasks` to the absolute repository root.
    init(copying fixture: String) throws {
        folder = try TemporaryDirectory("nitro-app")
        try FileTree.copy(fixture, to: folder.path)
        let manifest = folder.appending("Package.swift")
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        let rewritten = Self.pointDependency(text, at: RepositoryPaths.root)
        guard rewritten != text else {
            throw SetupError("no `.package(name: \"nitro-tasks\", path: …)` in \(manifest)")
        }
        try Data(rewritten.utf8).write(to: URL(fileURLWithPath: manifest))
    }

    /// Replaces the `path:` of the `nitro-tasks` package dependency (its name stays).
    static func pointDependency(_ manifest: String, at root: String) -> String {
        var lines = manifest.components(separatedBy: "\n")
        for index in lines.indices
        where lines[index].contains("name: \"nitro-tasks\"") && lines[index].contains("path:") {
            guard let range = lines[index].range(of: #"path:\s*"[^"]*""#, options: .regularExpression) else { continue }
            lines[index].replaceSubrange(range, with: "path: \"\(root)\"")
        }
        return lines.joined(separator: "\n")
    }

    /// Runs the real `nitro` with `--root` set to the copy.
    @discardableResult
    func nitro(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessOutput {
        try NitroBinary.run(arguments + ["--root", root], currentDirectory: root, environment: environment)
    }

    /// `swift build` of the copy (debug); throws with the compiler's output when it fails. With
    /// `scratchPath`, build products go there: several fixtures sharing one compile NitroTasks once.
    @discardableResult
    func swiftBuild(timeout: Double = 600, scratchPath: String? = nil) throws -> ProcessOutput {
        let scratch = scratchPath.map { ["--scratch-path", $0] } ?? []
        let output = try ProcessRunner.run(
            Self.swiftExecutable, ["build", "--package-path", root] + scratch, currentDirectory: root, timeout: timeout)
        guard output.status == 0 else { throw SetupError("swift build failed:\n\(output.stdout)\n\(output.stderr)") }
        return output
    }

    /// Runs a built executable product of the app.
    func run(
        _ product: String, _ arguments: [String], environment: [String: String] = [:], timeout: Double = 60,
        scratchPath: String? = nil
    ) throws -> ProcessOutput {
        try ProcessRunner.run(
            (scratchPath ?? root + "/.build") + "/debug/" + product, arguments, currentDirectory: root,
            environment: environment, timeout: timeout)
    }

    /// The `swift` driver of the toolchain running the tests (`SWIFT_EXEC`-free lookup on PATH).
    static let swiftExecutable: String = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/swift"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return "/usr/bin/swift"
    }()

    struct SetupError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

/// The same steps from async tests: the child process is waited for on a thread of its own, never
/// on the cooperative pool (a test blocking a pool thread for a 30 s compile starves in-process
/// servers of other tests running in parallel).
extension FixtureApp {
    @discardableResult
    func awaitNitro(_ arguments: [String], environment: [String: String] = [:]) async throws -> ProcessOutput {
        let app = self
        return try await offThread { () throws -> ProcessOutput in try app.nitro(arguments, environment: environment) }
    }

    @discardableResult
    func awaitSwiftBuild(timeout: Double = 600, scratchPath: String? = nil) async throws -> ProcessOutput {
        let app = self
        return try await offThread { () throws -> ProcessOutput in
            try app.swiftBuild(timeout: timeout, scratchPath: scratchPath)
        }
    }

    func awaitRun(
        _ product: String, _ arguments: [String], environment: [String: String] = [:], timeout: Double = 60,
        scratchPath: String? = nil
    ) async throws -> ProcessOutput {
        let app = self
        return try await offThread { () throws -> ProcessOutput in
            try app.run(product, arguments, environment: environment, timeout: timeout, scratchPath: scratchPath)
        }
    }
}
