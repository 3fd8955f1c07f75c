import Foundation
import NitroCLI
import NitroJSON
import NitroTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `nitro dev` leaves the committed sources exactly as `nitro build` wrote them: it writes no
/// registry next to NitroBuildPlugin's, and regenerates with the config's preset (not `dev`).
@Suite("nitro dev leaves the sources as nitro build wrote them", .serialized)
struct DevLeavesSourcesTests {
    /// Everything under `Sources/` and the config, by path.
    static func sources(_ app: FixtureApp) -> [String: Data] {
        FileTree.snapshot(app.root).filter {
            $0.key.hasPrefix("Sources/") || $0.key.hasPrefix("nitro.config") || $0.key.hasPrefix(".vercel/")
        }
    }

    @Test("with NitroBuildPlugin applied, dev writes no registry into Sources/ and the plugin's build succeeds")
    func pluginBuild() async throws {
        let app = try FixtureApp(copying: RepositoryPaths.fixture("plugin-build"))
        let before = Self.sources(app)
        let nitroPath = try #require(NitroBinary.path)
        let dev = try BackgroundProcess(nitroPath, ["dev", "--root", app.root], currentDirectory: app.root)
        defer { dev.stop() }
        // Before the fix, the registry dev wrote made the plugin fail the build: "built" never came.
        _ = try await eventually(seconds: 900, "nitro dev to build the app with the plugin") { () throws -> Bool? in
            if dev.output.contains("built App in") { return true }
            if dev.output.contains("the build failed") || !dev.process.isRunning {
                throw FixtureApp.SetupError("nitro dev did not build the app:\n\(dev.output)")
            }
            return nil
        }
        #expect(!FileManager.default.fileExists(atPath: app.root + "/Sources/App/NitroTasks.generated.swift"))
        dev.signal(SIGTERM)
        #expect(await dev.waitForExit(seconds: 60) == 0, "\(dev.output)")
        #expect(Self.sources(app) == before, "\(dev.output)")
    }

    @Test("with preset vercel, the committed registry and platform output stay as nitro build wrote them")
    func vercelPreset() async throws {
        let app = try FixtureApp(copying: RepositoryPaths.fixture("basic"))
        let config = app.root + "/nitro.config.ts"
        let text = try String(contentsOfFile: config, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "defineNitroConfig({\n", with: "defineNitroConfig({\n  preset: \"vercel\",\n").utf8)
            .write(to: URL(fileURLWithPath: config))
        let build = try await nitroOffPool(app, ["build"])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(app.folder.read("Sources/App/NitroTasks.generated.swift")?.contains("platformCrons") == true)
        let before = Self.sources(app)
        let nitroPath = try #require(NitroBinary.path)
        let dev = try BackgroundProcess(nitroPath, ["dev", "--root", app.root], currentDirectory: app.root)
        defer { dev.stop() }
        let info = try await eventually(seconds: 900, "nitro dev to build and start the app") { () throws -> (pid: Int, url: String)? in
            if !dev.process.isRunning { throw FixtureApp.SetupError("nitro dev exited:\n\(dev.output)") }
            return devServerInfo(root: app.root)
        }
        #expect(try await httpJSON("POST", info.url + "/_nitro/tasks/db:migrate") == (200, ["result": "Success"]))
        #expect(Self.sources(app) == before, "\(dev.output)")
        dev.signal(SIGTERM)
        #expect(await dev.waitForExit(seconds: 60) == 0, "\(dev.output)")
        #expect(Self.sources(app) == before)
        let check = try await nitroOffPool(app, ["build", "--check"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }
}
