import NitroSync
import Foundation
import NitroCLI
import NitroTestSupport

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

    /// `swift build` of the copy (debug) with the package traits `traits` enabled (besides its
    /// default ones); throws with the compiler's output when it fails.
    /// Blocks the calling thread (the async form below does not).
    ///
    /// Every fixture app builds in one shared scratch folder (``sharedScratch``), so this
    /// repository's modules, which every app depends on by the same path, are compiled once per
    /// test run instead of once per app (a 30 s build becomes 2–5 s). Builds take turns under a
    /// file lock; the executables are then copied into the app's own `.build/debug/`, where
    /// ``run(_:_:environment:timeout:)`` starts them, before the next build can replace them.
    @discardableResult
    func swiftBuild(traits: [String] = [], timeout: Double = 600) throws -> ProcessOutput {
        let traitArguments = traits.isEmpty ? [] : ["--traits", (["default"] + traits).joined(separator: ",")]
        return try Self.sharedBuildLock.withLock {
            let output = try ProcessRunner.run(
                Self.swiftExecutable, ["build", "--package-path", root, "--scratch-path", Self.sharedScratch] + traitArguments,
                currentDirectory: root, timeout: timeout)
            guard output.status == 0 else { throw SetupError("swift build failed:\n\(output.stdout)\n\(output.stderr)") }
            try Self.copyExecutables(from: Self.sharedScratch + "/debug", to: root + "/.build/debug")
            return output
        }
    }

    /// Runs a built executable product of the app.
    func run(_ product: String, _ arguments: [String], environment: [String: String] = [:], timeout: Double = 60) throws
        -> ProcessOutput
    {
        try ProcessRunner.run(
            root + "/.build/debug/" + product, arguments, currentDirectory: root, environment: environment,
            timeout: timeout)
    }

    /// The scratch folder that fixture app builds share, beside the repository's own build
    /// products (ignored by git, kept between runs so that a second run builds incrementally).
    static let sharedScratch = RepositoryPaths.root + "/.build/fixture-apps"

    /// Turn-taking for ``sharedScratch``: an `flock`, so it also holds between test processes.
    static let sharedBuildLock = FileLock(path: RepositoryPaths.root + "/.build/fixture-apps.lock")

    /// Copies the regular executable files at the top of `source` into `destination`.
    private static func copyExecutables(from source: String, to destination: String) throws {
        let files = FileManager.default
        try files.createDirectory(atPath: destination, withIntermediateDirectories: true)
        for name in try files.contentsOfDirectory(atPath: source).sorted() {
            let path = source + "/" + name
            var isFolder: ObjCBool = false
            guard files.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue,
                files.isExecutableFile(atPath: path), !name.hasSuffix(".so")
            else { continue }
            let target = destination + "/" + name
            try? files.removeItem(atPath: target)
            try files.copyItem(atPath: path, toPath: target)
        }
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
/// servers of other tests running in parallel). In an async context the compiler picks these.
extension FixtureApp {
    @discardableResult
    func nitro(_ arguments: [String], environment: [String: String] = [:]) async throws -> ProcessOutput {
        let app = self
        return try await offThread { () throws -> ProcessOutput in try app.nitro(arguments, environment: environment) }
    }

    @discardableResult
    func swiftBuild(traits: [String] = [], timeout: Double = 600) async throws -> ProcessOutput {
        let app = self
        return try await offThread { () throws -> ProcessOutput in try app.swiftBuild(traits: traits, timeout: timeout) }
    }

    func run(_ product: String, _ arguments: [String], environment: [String: String] = [:], timeout: Double = 60)
        async throws -> ProcessOutput
    {
        let app = self
        return try await offThread { () throws -> ProcessOutput in
            try app.run(product, arguments, environment: environment, timeout: timeout)
        }
    }
}
