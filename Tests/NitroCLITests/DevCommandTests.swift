import Foundation
import NitroJSON
import NitroTestSupport
import Testing

@testable import NitroCLI

/// The parts of `nitro dev` that need no build: product choice, change detection, usage.
@Suite struct DevCommandTests {
    @Test func choosesTheExecutableProduct() async throws {
        let onlyTargets: JSONValue = [
            "products": [["name": "Lib", "type": ["library": ["automatic"]]]],
            "targets": [["name": "App", "type": "executable"], ["name": "Core", "type": "regular"]],
        ]
        #expect(ProductResolver.executables(inPackageDescription: onlyTargets) == ["App"])
        let declared: JSONValue = [
            "products": [["name": "Server", "type": ["executable": nil]], ["name": "Tool", "type": ["executable": nil]]],
            "targets": [["name": "Other", "type": "executable"]],
        ]
        #expect(ProductResolver.executables(inPackageDescription: declared) == ["Server", "Tool"])
        #expect(try ProductResolver.choose(nil, among: ["App"]) == "App")
        #expect(try ProductResolver.choose("Tool", among: ["Server", "Tool"]) == "Tool")
        #expect(throws: ProductResolver.Failure.self) { try ProductResolver.choose(nil, among: ["Server", "Tool"]) }
        #expect(throws: ProductResolver.Failure.self) { try ProductResolver.choose("Nope", among: ["App"]) }
        #expect(throws: ProductResolver.Failure.self) { try ProductResolver.choose(nil, among: []) }
    }

    @Test("nitro dev enables the NitroDev trait only where the package declares it (real dump-package)")
    func developmentTrait() async throws {
        func described(_ fixture: String) async throws -> JSONValue {
            let dump = try await ProcessRunner.run(
                FixtureApp.swiftExecutable, ["package", "dump-package", "--package-path", RepositoryPaths.fixture(fixture)],
                timeout: 120)
            #expect(dump.status == 0, "\(dump.stderr)")
            return try JSONReader.parse(dump.stdout)
        }
        #expect(DevelopmentTrait.buildArguments(packageDescription: try await described("basic")) == ["--traits", "default,NitroDev"])
        #expect(DevelopmentTrait.buildArguments(packageDescription: try await described("plugin-build")) == [])
        let otherTraits: JSONValue = ["traits": [["name": "Metrics", "enabledTraits": []]]]
        #expect(DevelopmentTrait.buildArguments(packageDescription: otherTraits) == [])
    }

    @Test func noticesAddedChangedAndRemovedSourcesButNotGeneratedFiles() async throws {
        let root = try TemporaryDirectory("nitro-watch")
        try root.write("Package.swift", "// swift-tools-version: 6.0\n")
        try root.write("nitro.config.ts", "export default {}\n")
        try root.write("Sources/App/main.swift", "print(1)\n")
        try root.write("Sources/App/tasks/db/migrate.swift", "let a = 1\n")
        try root.write("Sources/App/NitroTasks.generated.swift", "// generated\n")
        try root.write("Sources/App/.hidden/x.swift", "\n")
        try root.write("README.md", "not watched\n")
        let watcher = SourceWatcher(root: root.path)
        let before = watcher.snapshot()
        #expect(
            before.keys.sorted() == ["Package.swift", "Sources/App/main.swift", "Sources/App/tasks/db/migrate.swift", "nitro.config.ts"])

        try root.write("Sources/App/tasks/hello.swift", "let b = 2\n")
        try root.write("Sources/App/tasks/db/migrate.swift", "let a = 10\n")
        try FileManager.default.removeItem(atPath: root.appending("Sources/App/main.swift"))
        try root.write("Sources/App/NitroTasks.generated.swift", "// regenerated\n")
        try root.write("README.md", "changed\n")
        #expect(
            SourceWatcher.changes(from: before, to: watcher.snapshot())
                == ["Sources/App/main.swift", "Sources/App/tasks/db/migrate.swift", "Sources/App/tasks/hello.swift"])
    }

    @Test func rejectsBadUsage() async throws {
        let root = try TemporaryDirectory("nitro-dev")
        let noPackage = try await NitroBinary.run(["dev", "--root", root.path])
        #expect(noPackage.status == 64 && noPackage.stderr.contains("has no Package.swift"))
        let badPort = try await NitroBinary.run(["dev", "--root", root.path, "--port", "70000"])
        #expect(badPort.status == 64 && badPort.stderr.contains("'--port'"))
        let missing = try await NitroBinary.run(["dev", "--root", root.appending("missing")])
        #expect(missing.status == 64 && missing.stderr.contains("does not exist"))
    }
}
