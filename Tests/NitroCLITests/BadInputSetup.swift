import NitroTestSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The inputs of the bad-input corpus that are generated rather than committed: too large,
/// too deep, or not storable in git (FIFOs, permissions, link loops, immutable folders, links
/// leading outside the project, names that are not UTF-8 or hold control characters).
enum BadInputSetup {
    /// Undoes what a setup did that would stop the temporary folder from being removed.
    typealias Cleanup = @Sendable () -> Void

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let tasks = "Sources/App/tasks"

    static func run(_ name: String, in root: String) throws -> Cleanup? {
        switch name {
        case "deeplyNestedJSONConfig":
            let nested = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
            try write(root, "nitro.config.json", #"{"experimental": {"tasks": true}, "runtimeConfig": "# + nested + "}\n")
        case "deeplyNestedScriptConfig":
            let nested = String(repeating: "{a:", count: 100_000) + "1" + String(repeating: "}", count: 100_000)
            try write(
                root, "nitro.config.ts",
                "export default defineNitroConfig({\n  experimental: { tasks: true },\n  runtimeConfig: \(nested),\n});\n")
        case "tenMegabyteConfig":
            // 10 MiB of a key nitro build does not read, then a schedule naming an unknown task:
            // the error must carry the right line and column at the end of the file.
            let item = "      \"" + String(repeating: "x", count: 100) + "\","
            let count = 10 * 1024 * 1024 / (item.utf8.count + 1)
            var text = "{\n  \"experimental\": {\"tasks\": true},\n  \"runtimeConfig\": {\n    \"blob\": [\n"
            text += Array(repeating: item, count: count).joined(separator: "\n")
            text += "\n      \"end\"\n    ]\n  },\n  \"scheduledTasks\": {\"0 * * * *\": \"db:missing\"}\n}\n"
            try write(root, "nitro.config.json", text)
        case "fifoConfig":
            try FileManager.default.removeItem(atPath: root + "/nitro.config.json")
            try fifo(root + "/nitro.config.json")
        case "configSymlinkLoop":
            try FileManager.default.removeItem(atPath: root + "/nitro.config.json")
            try FileManager.default.createSymbolicLink(
                atPath: root + "/nitro.config.json", withDestinationPath: "nitro.config.json")
        case "unreadableConfig":
            chmod(root + "/nitro.config.json", 0)
        case "deepInterpolationTask":
            let nested = String(repeating: #"\(""#, count: 100_000)
            try write(root, tasks + "/deep.swift", "import NitroTasks\n\nlet text = \"\(nested)\"\n\nlet deep = defineTask { _ in }\n")
        case "unreadableTaskFile":
            try write(root, tasks + "/secret.swift", "import NitroTasks\n\nlet secret = defineTask { _ in }\n")
            chmod(root + "/" + tasks + "/secret.swift", 0)
        case "fifoTaskFile":
            try fifo(root + "/" + tasks + "/pipe.swift")
        case "symlinkLoops":
            try FileManager.default.createSymbolicLink(atPath: root + "/" + tasks + "/db/up", withDestinationPath: "..")
            try FileManager.default.createSymbolicLink(
                atPath: root + "/" + tasks + "/self.swift", withDestinationPath: "self.swift")
        case "thousandLevelTree":
            var path = root + "/" + tasks
            for _ in 0..<1000 {
                path += "/d"
                guard mkdir(path, 0o755) == 0 else { throw Failure(description: "mkdir failed at depth \(path.count)") }
            }
            try Data("import NitroTasks\n\nlet leaf = defineTask { _ in }\n".utf8).write(to: URL(fileURLWithPath: path + "/leaf.swift"))
        case "readOnlyOutputFolder":
            return try readOnly(root + "/Sources/App")
        case "disappearingTaskFile":
            try write(root, tasks + "/flicker.swift", "import NitroTasks\n\nlet flicker = defineTask { _ in }\n")
        case "taskLinkOutside":
            try write(outside(of: root), "evil.swift", "import NitroTasks\n\nlet evil = defineTask { _ in }\n")
            try link(root + "/" + tasks + "/evil.swift", to: outside(of: root) + "/evil.swift")
        case "srcDirOutside":
            try write(outside(of: root), "App/tasks/a.swift", "import NitroTasks\n\nlet a = defineTask { _ in }\n")
            try link(root + "/Sources/App", to: outside(of: root) + "/App")
        case "registryFolderOutside":
            try FileManager.default.createDirectory(atPath: outside(of: root), withIntermediateDirectories: true)
            try link(root + "/Sources/App/Gen", to: outside(of: root))
        case "handlerOutside":
            try write(outside(of: root), "jobs/x.swift", "import NitroTasks\n\nlet x = defineTask { _ in }\n")
            try link(root + "/Sources/App/jobs", to: outside(of: root) + "/jobs")
        case "vercelOutside":
            try FileManager.default.createDirectory(atPath: outside(of: root) + "/vercel", withIntermediateDirectories: true)
            try link(root + "/.vercel", to: outside(of: root) + "/vercel")
        case "wranglerOutside":
            try write(outside(of: root), "wrangler.json", #"{"name": "secret-worker"}"#)
            try link(root + "/wrangler.json", to: outside(of: root) + "/wrangler.json")
        case "nonUTF8TaskName":
            let name: [UInt8] = [0x66, 0xFF, 0x2E, 0x73, 0x77, 0x69, 0x66, 0x74]  // f\xFF.swift
            let folder = root + "/" + tasks
            guard UnusualPaths.createFile(named: name, in: folder, text: "import NitroTasks\n\nlet f = defineTask { _ in }\n")
            else { throw Failure(description: "could not create a non-UTF-8 name: errno \(errno)") }
            return { UnusualPaths.removeFile(named: name, in: folder) }
        case "beyondPathLimit":
            try UnusualPaths.deepTree(in: root + "/" + tasks, bytes: Int(PATH_MAX) + 200)
            let top = root + "/" + tasks + "/" + UnusualPaths.deepName
            return { UnusualPaths.removeDeepTree(top) }
        case "forgedFileNames":
            try write(root, tasks + "/evil\n/x.swift:1:1: error: fake.swift", "// no task\n")
            try write(root, tasks + "/a\u{202E}tfiws.b.swift", "// no task\n")
            try write(root, tasks + "/esc\u{1B}[2K\u{85}.swift", "// no task\n")
        default:
            throw Failure(description: "unknown setup \(name)")
        }
        return nil
    }

    static func write(_ root: String, _ relative: String, _ text: String) throws {
        let path = root + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// `TMP/outside` next to the case's `TMP/project`: a place outside the project root (checked
    /// unchanged by ``BadInputTests``).
    static func outside(of root: String) -> String {
        (root as NSString).deletingLastPathComponent + "/outside"
    }

    static func link(_ path: String, to target: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
    }

    static func fifo(_ path: String) throws {
        guard mkfifo(path, 0o644) == 0 else { throw Failure(description: "mkfifo \(path) failed: errno \(errno)") }
    }

    /// Makes `folder` unwritable, even for root: the immutable attribute (`chattr +i`) where the
    /// file system and capabilities allow it; otherwise mode 0555, which binds everyone but root
    /// (root cases then run as `nobody`, see ``BadInputRunner``).
    static func readOnly(_ folder: String) throws -> Cleanup? {
        if let chattr = executable("chattr"),
            (try? ProcessRunner.run(chattr, ["+i", folder]))?.status == 0
        {
            return { _ = try? ProcessRunner.run(chattr, ["-i", folder]) }
        }
        chmod(folder, 0o555)
        return { chmod(folder, 0o755) }
    }

    /// Whether `readOnly` fell back to a mode that root ignores.
    static func isImmutable(_ folder: String) -> Bool {
        guard let lsattr = executable("lsattr"), let output = try? ProcessRunner.run(lsattr, ["-d", folder]) else {
            return false
        }
        return output.status == 0 && output.stdout.split(separator: " ").first?.contains("i") == true
    }

    static func executable(_ name: String) -> String? {
        for folder in ["/usr/bin", "/bin", "/usr/sbin", "/sbin"] where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
            return "\(folder)/\(name)"
        }
        return nil
    }

    // MARK: Requests

    static func request(_ name: String) -> [UInt8] {
        let head = "POST /_nitro/tasks/db:migrate HTTP/1.1\r\nHost: localhost\r\n"
        switch name {
        case "oversizedBody":
            return Array((head + "Content-Type: application/json\r\nContent-Length: 2097152\r\n\r\n").utf8)
                + Array(repeating: UInt8(ascii: " "), count: 64 * 1024)
        case "oversizedChunkedBody":
            let chunk = String(repeating: "a", count: 0x8000)
            var text = head + "Transfer-Encoding: chunked\r\n\r\n"
            for _ in 0..<48 { text += "8000\r\n\(chunk)\r\n" }  // 1.5 MiB
            return Array((text + "0\r\n\r\n").utf8)
        case "oversizedHeaders":
            let fields = (0..<20).map { "X-Filler-\($0): \(String(repeating: "v", count: 1024))\r\n" }.joined()
            return Array((head + fields + "\r\n").utf8)
        case "longRequestLine":
            return Array("GET /_nitro/tasks/\(String(repeating: "a", count: 20 * 1024)) HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8)
        default:
            fatalError("unknown request setup \(name)")
        }
    }
}
