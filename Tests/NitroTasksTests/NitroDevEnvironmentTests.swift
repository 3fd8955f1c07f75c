import Foundation
import NitroJSON
import Testing

import NitroTasksRoutes

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `NitroDevEnvironment`: what an app that mounts the task routes in its own server (the
/// Hummingbird fixture app) needs from `nitro dev`: the settings, the info file, the parent watch.
@Suite("nitro dev settings for mounted routes")
struct NitroDevEnvironmentTests {
    @Test("the settings come from nitro dev's variables, with the built-in server's defaults")
    func settings() throws {
        let unset = try NitroDevEnvironment([:])
        #expect(!unset.isEnabled)
        #expect(unset.host == "127.0.0.1" && unset.port == 0 && unset.root == nil && unset.parentProcessID == nil)
        #expect(unset.infoFile == ".nitro/dev.json")
        let set = try NitroDevEnvironment([
            "NITRO_DEV": "1", "NITRO_DEV_HOST": "::1", "NITRO_DEV_PORT": "41234", "NITRO_ROOT": "/app/",
            "NITRO_DEV_PARENT_PID": "4242",
        ])
        #expect(set.isEnabled)
        #expect(set.host == "::1" && set.port == 41234 && set.root == "/app/" && set.parentProcessID == 4242)
        #expect(set.infoFile == "/app/.nitro/dev.json")
        #expect(set.url(port: 41234) == "http://[::1]:41234")
        #expect(try NitroDevEnvironment(["NITRO_DEV": "true"]).isEnabled == false)
        #expect(throws: NitroDevEnvironment.InvalidSetting.self) { try NitroDevEnvironment(["NITRO_DEV_PORT": "http"]) }
        #expect(throws: NitroDevEnvironment.InvalidSetting.self) { try NitroDevEnvironment(["NITRO_DEV_PORT": "70000"]) }
    }

    @Test("the info file names this process and the port; it is removed only while it still does")
    func infoFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nitro-devenv-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let dev = try NitroDevEnvironment(["NITRO_DEV": "1", "NITRO_ROOT": folder.path])
        try dev.writeInfoFile(port: 51234)
        let json = try JSONReader.parse(Array(try Data(contentsOf: URL(fileURLWithPath: dev.infoFile))))
        #expect(json["pid"]?.intValue == Int(getpid()))
        #expect(json["host"]?.stringValue == "127.0.0.1")
        #expect(json["port"]?.intValue == 51234)
        #expect(json["url"]?.stringValue == "http://127.0.0.1:51234")
        dev.removeInfoFile()
        #expect(!FileManager.default.fileExists(atPath: dev.infoFile))

        // A newer server's file (another pid) stays.
        let other = #"{"host": "127.0.0.1", "pid": 1, "port": 1, "url": "http://127.0.0.1:1"}"#
        try Data(other.utf8).write(to: URL(fileURLWithPath: dev.infoFile))
        dev.removeInfoFile()
        #expect(FileManager.default.fileExists(atPath: dev.infoFile))
    }

    @Test("waitUntilParentExits returns once the parent is not nitro dev's process, or on cancellation")
    func parentWatch() async throws {
        // A parent id that is not this process's parent: nitro dev has "gone away".
        let gone = try NitroDevEnvironment(["NITRO_DEV_PARENT_PID": String(getppid() + 1)])
        let started = ContinuousClock.now
        await gone.waitUntilParentExits(checkingEvery: .milliseconds(10))
        // Bounds that only a wait that never ends exceeds: under the parallel suite a resumed task
        // may wait seconds for a cooperative thread.
        #expect(ContinuousClock.now - started < .seconds(30))

        // The real parent: it waits, until cancelled.
        let present = try NitroDevEnvironment(["NITRO_DEV_PARENT_PID": String(getppid())])
        let waiting = Task { await present.waitUntilParentExits(checkingEvery: .milliseconds(10)) }
        try await Task.sleep(for: .milliseconds(100))
        waiting.cancel()
        let cancelled = ContinuousClock.now
        await waiting.value
        #expect(ContinuousClock.now - cancelled < .seconds(30))
    }
}
