import NitroSync
import NitroTestSupport
import Foundation
import NitroCLI
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `nitro build` writes the same bytes whatever the order the file system lists folders in,
/// the locale, the time zone, the absolute path of the checkout (spaces, Unicode, a symbolic
/// link, a long path) and the way `--root` is given.
@Suite("Determinism")
struct DeterminismTests {
    /// Where a copy goes and how `nitro build` is run on it.
    struct Variant {
        var name: String
        var parent: String
        var folder: String
        var ascending: Bool
        var environment: [String: String]
        /// `--root` as given (nil: run in the project folder without it); `{root}` is the project path.
        var rootArgument: String?
        /// The folder to run in; `{root}` as above.
        var directory: String
    }

    /// Copies `source` to `destination`, creating the entries of each folder in byte order or
    /// the reverse (tmpfs lists a folder newest first, so the two orders list differently).
    static func copy(_ source: String, to destination: String, ascending: Bool) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: destination, withIntermediateDirectories: true)
        var names = try manager.contentsOfDirectory(atPath: source).filter { !FileTree.skipped.contains($0) }
        names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        if !ascending { names.reverse() }
        for name in names {
            var isDirectory: ObjCBool = false
            _ = manager.fileExists(atPath: source + "/" + name, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                try copy(source + "/" + name, to: destination + "/" + name, ascending: ascending)
            } else {
                try manager.copyItem(atPath: source + "/" + name, toPath: destination + "/" + name)
            }
        }
    }

    /// The names of a folder in the order the file system lists them.
    static func listing(_ folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Fixtures/basic plus 40 more tasks in one folder, so listing order has something to shuffle.
    static func makeSource(_ root: String) throws {
        try FileTree.copy(RepositoryPaths.fixture("basic"), to: root)
        try? FileManager.default.removeItem(atPath: root + "/Sources/App/NitroTasks.generated.swift")
        for index in 0..<40 {
            try BadInputSetup.write(
                root, "Sources/App/tasks/many/item\(index).swift",
                "import NitroTasks\n\nlet item\(index) = defineTask(meta: TaskMeta(description: \"Item \(index) ü ☃\")) { _ in }\n")
        }
    }

    /// What the variants produced.
    struct Outcome: Sendable {
        var results: [(String, [String: Data])] = []
        var listings: [[String]] = []
        var relinked: ProcessOutput
        var onTmpfs: Bool
    }

    @Test func sameBytesWhateverListingOrderLocaleZoneAndPath() async throws {
        // Processes are waited for on a thread of their own, never on the cooperative pool.
        let outcome = try await offThread { try Self.buildVariants() }
        let relinked = outcome.relinked
        #expect(relinked.status == 0 && relinked.stdout.contains("unchanged"), "\(relinked.stdout)\(relinked.stderr)")
        let (baseName, baseline) = outcome.results[0]
        #expect(baseline.keys.contains(".vercel/output/config.json") && baseline.keys.contains("Sources/App/NitroTasks.generated.swift"))
        for (name, snapshot) in outcome.results.dropFirst() {
            let differing = Set(baseline.keys).union(snapshot.keys).filter { baseline[$0] != snapshot[$0] }.sorted()
            #expect(differing.isEmpty, "\(name) differs from \(baseName) in \(differing)")
        }
        if outcome.onTmpfs {
            #expect(outcome.listings[1] != outcome.listings[2], "the two tmpfs copies list in the same order; the test shuffles nothing")
        }
    }

    static func buildVariants() throws -> Outcome {
        let scratch = try TemporaryDirectory("nitro-determinism")
        let source = scratch.appending("source")
        try Self.makeSource(source)
        // tmpfs (listing in creation order) when available, so the two copy orders list differently.
        var memory: String? = "/dev/shm/nitro-determinism-\(UUID().uuidString)"
        if (try? FileManager.default.createDirectory(atPath: memory!, withIntermediateDirectories: false)) == nil { memory = nil }
        defer { if let memory { try? FileManager.default.removeItem(atPath: memory) } }
        let fast = memory ?? scratch.path
        let long = "/" + String(repeating: "very-long-folder-name-", count: 6)
        let variants = [
            Variant(
                name: "C locale, UTC, --root absolute", parent: scratch.path, folder: "plain", ascending: true,
                environment: ["LANG": "C", "LC_ALL": "C", "TZ": "UTC"], rootArgument: "{root}", directory: "/"),
            Variant(
                name: "Turkish locale, created in order", parent: fast, folder: "ascending", ascending: true,
                environment: ["LANG": "tr_TR.UTF-8", "LC_ALL": "tr_TR.UTF-8", "TZ": "Pacific/Kiritimati"], rootArgument: nil,
                directory: "{root}"),
            Variant(
                name: "Japanese and German locales, created in reverse, spaces and Unicode in the path", parent: fast,
                folder: "ü n/日本 語/app", ascending: false,
                environment: ["LANG": "de_DE.UTF-8", "LC_ALL": "ja_JP.UTF-8", "LC_COLLATE": "de_DE.UTF-8", "TZ": "America/St_Johns"],
                rootArgument: "日本 語/app", directory: "{root}/../.."),
            Variant(
                name: "long path, no locale", parent: scratch.path + long, folder: "x", ascending: false,
                environment: ["LANG": "", "LC_ALL": "", "TZ": ""], rootArgument: ".", directory: "{root}"),
        ]
        var results: [(String, [String: Data])] = []
        var listings: [[String]] = []
        for variant in variants {
            let root = variant.parent + "/" + variant.folder
            try Self.copy(source, to: root, ascending: variant.ascending)
            let directory = variant.directory.replacingOccurrences(of: "{root}", with: root)
            for preset in ["node_server", "vercel", "cloudflare_module"] {
                var arguments = ["build", "--preset", preset]
                if let rootArgument = variant.rootArgument {
                    arguments += ["--root", rootArgument.replacingOccurrences(of: "{root}", with: root)]
                }
                let output = try NitroBinary.run(arguments, currentDirectory: directory, environment: variant.environment)
                guard output.status == 0 else {
                    throw BadInputSetup.Failure(description: "\(variant.name), \(preset): \(output.stderr)")
                }
            }
            listings.append(Self.listing(root + "/Sources/App/tasks/many"))
            results.append((variant.name, FileTree.snapshot(root)))
        }
        // A symbolic link to the first copy as the root.
        let link = scratch.appending("link")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: variants[0].parent + "/plain")
        let relinked = try NitroBinary.run(["build", "--preset", "vercel", "--root", link], currentDirectory: "/")
        return Outcome(results: results, listings: listings, relinked: relinked, onTmpfs: memory != nil)
    }
}
