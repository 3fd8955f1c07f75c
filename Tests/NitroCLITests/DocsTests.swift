import NitroSync
import NitroTestSupport
import Foundation
import NitroJSON
import Testing

/// Docs cannot drift: every code sample of README.md and Docs/*.md is type-checked, run, parsed
/// or built, or explicitly marked `skip` (rules in ``DocsBlock`` and Docs/README.md).
@Suite("Docs samples")
struct DocsTests {
    /// Pages being written by others while this test was introduced; their samples are not yet
    /// marked (`skip`, `<!-- swift-context -->`). Remove a page from here once it passes.
    static let pendingPages: Set<String> = []

    /// README.md and every Markdown page of Docs/, repository-relative.
    static let allPages: [String] = {
        let docs = (try? FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.root + "/Docs")) ?? []
        return ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "Docs/" + $0 }
    }()

    static let pages: [String] = allPages.filter { !pendingPages.contains($0) }

    static let checkedLanguages: Set<String> = ["swift", "sh", "bash", "shell", "json", "ts", "js"]
    static let configKeys: Set<String> = ["experimental", "scheduledTasks", "tasks", "srcDir", "preset", "scanDirs"]

    @Test("the docs have pages and samples")
    func inventory() async throws {
        #expect(Self.pages.count >= 10)
        let blocks = try Self.allPages.flatMap { try Self.blocks(of: $0) }
        #expect(blocks.filter { $0.language == "swift" && !$0.skipped }.count >= 20)
    }

    @Test("every sample of the page is checked", arguments: pages)
    func page(_ page: String) async throws {
        let blocks = try Self.blocks(of: page)
        for (index, block) in blocks.enumerated() where !block.skipped && !block.language.isEmpty {
            if let file = block.includedFile {
                Self.checkIncluded(block, file: file)
                continue
            }
            switch block.language {
            case "swift":
                try await Self.typeCheck(block)
            case "sh", "bash", "shell":
                let following = blocks.indices.contains(index + 1) ? blocks[index + 1] : nil
                let isOutput = following?.previousShell == index && ["json", "text"].contains(following?.language ?? "")
                let expected = isOutput ? following : nil
                try await Self.run(block, expectedOutput: expected)
            case "text" where block.previousShell != nil:
                continue  // checked as its command's output
            case "json":
                if block.previousShell != nil { continue }  // checked as its command's output
                let value: JSONValue
                do {
                    value = try JSONReader.parse(block.text)
                } catch {
                    Issue.record("\(block): not valid JSON (\(error)); fix it or mark it `json skip`")
                    continue
                }
                if let object = value.objectValue, !Self.configKeys.isDisjoint(with: object.keys) {
                    try await Self.buildConfig(block, fileName: "nitro.config.json")
                }
            case "ts", "js":
                guard block.text.contains("export default") || block.text.contains("module.exports") else {
                    Issue.record("\(block): a config fragment cannot be checked; write a whole config or mark it `\(block.language) skip`")
                    continue
                }
                try await Self.buildConfig(block, fileName: "nitro.config.\(block.language)")
            default:
                Issue.record("\(block): `\(block.language)` samples are not checked; mark it `\(block.language) skip`")
            }
        }
    }

    @Test("links between pages point at existing files and headings", arguments: allPages)
    func links(_ page: String) async throws {
        let text = try String(contentsOfFile: RepositoryPaths.root + "/" + page, encoding: .utf8)
        let folder = (page as NSString).deletingLastPathComponent
        for match in text.matches(of: /\]\(([^)\s]+)\)/) {
            let target = String(match.output.1)
            if target.hasPrefix("http://") || target.hasPrefix("https://") || target.hasPrefix("mailto:") { continue }
            let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let file = parts[0].isEmpty ? page : (folder.isEmpty ? parts[0] : folder + "/" + parts[0])
            let path = (RepositoryPaths.root + "/" + file as NSString).standardizingPath
            #expect(FileManager.default.fileExists(atPath: path), "\(page): broken link \(target)")
            if parts.count == 2, file.hasSuffix(".md"), let linked = try? String(contentsOfFile: path, encoding: .utf8) {
                let anchors = Set(DocsBlock.headings(linked).map(DocsBlock.slug))
                #expect(anchors.contains(parts[1]), "\(page): no heading #\(parts[1]) in \(file)")
            }
        }
    }

    /// A `file=PATH` block is that file's text (the file's last newline aside).
    static func checkIncluded(_ block: DocsBlock, file: String) {
        guard let text = try? String(contentsOfFile: RepositoryPaths.root + "/" + file, encoding: .utf8) else {
            Issue.record("\(block): shows \(file), which does not exist")
            return
        }
        let expected = text.hasSuffix("\n") ? String(text.dropLast()) : text
        #expect(block.text == expected, "\(block): differs from \(file); copy the file into the page again")
    }

    static func blocks(of page: String) throws -> [DocsBlock] {
        let text = try String(contentsOfFile: RepositoryPaths.root + "/" + page, encoding: .utf8)
        return DocsBlock.parse(text, file: page)
    }

    // MARK: Swift

    /// The build products next to the `nitro` binary: `Modules/` and the C module's map.
    static func productsFolder() throws -> String {
        guard let nitro = NitroBinary.path else { throw NitroBinary.Missing() }
        return (nitro as NSString).deletingLastPathComponent
    }

    static let swiftc: String = (FixtureApp.swiftExecutable as NSString).deletingLastPathComponent + "/swiftc"

    /// `swiftc -typecheck` of the block alone as `main.swift` (top-level code and `await` allowed),
    /// against this package's modules; a manifest (`import PackageDescription`) against
    /// PackageDescription.
    ///
    /// A block with `#if NitroDev` (the development trait of Docs/Runtime.md) is checked both
    /// ways: as a plain build and as `nitro dev` builds it (`-D NitroDev`).
    static func typeCheck(_ block: DocsBlock) async throws {
        let conditions = block.text.contains("#if NitroDev") ? [[], ["-D", "NitroDev"]] : [[String]()]
        for condition in conditions { try await typeCheck(block, defining: condition) }
    }

    /// The `swift-tools-version` a manifest block declares (its first line), else 6.0.
    static func toolsVersion(_ manifest: String) -> String {
        let first = manifest.prefix { $0 != "\n" }
        guard first.hasPrefix("// swift-tools-version:") else { return "6.0" }
        return first.dropFirst("// swift-tools-version:".count).trimmingCharacters(in: .whitespaces)
    }

    private static func typeCheck(_ block: DocsBlock, defining condition: [String]) async throws {
        let folder = try TemporaryDirectory("nitro-docs")
        var arguments = ["-typecheck", "-swift-version", "6"] + condition
        if block.text.contains("import PackageDescription") {
            let toolchain = ((swiftc as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
            try folder.write("Package.swift", block.text)
            arguments += [
                "-I", toolchain + "/lib/swift/pm/ManifestAPI", "-package-description-version", toolsVersion(block.text),
                folder.appending("Package.swift"),
            ]
        } else {
            let products = try productsFolder()
            let hasImports = block.text.components(separatedBy: "\n").contains { $0.hasPrefix("import ") }
            let implicit = hasImports ? "" : "import Foundation\nimport NitroTasks\n"
            try folder.write("main.swift", implicit + block.text + "\n")
            var support = "import Foundation\nimport NitroCron\nimport NitroJSON\nimport NitroTasks\n\n"
            if !block.text.contains("static let generated") {
                support += "extension TaskRegistry {\n    static let generated = TaskRegistry(tasks: [], scheduledTasks: [])\n}\n"
            }
            if let context = block.context { support += context + "\n" }
            try folder.write("support.swift", support)
            arguments += [
                "-I", products + "/Modules",
                // NitroTasksDevServer imports its C module, so a block importing it needs the map.
                "-Xcc", "-fmodule-map-file=" + products + "/CNitroDevServer.build/module.modulemap",
                "-Xcc", "-I" + RepositoryPaths.root + "/Sources/CNitroDevServer/include",
                folder.appending("main.swift"), folder.appending("support.swift"),
            ]
        }
        let (compilerArguments, folderPath) = (arguments, folder.path)
        let output = try await offThread {
            try ProcessRunner.run(swiftc, compilerArguments, currentDirectory: folderPath, timeout: 120)
        }
        #expect(
            output.status == 0,
            "\(block)\(condition.isEmpty ? "" : " with \(condition.joined(separator: " "))"): does not type-check (line N of main.swift is line \(block.line) + N of the page; mark it `swift skip` if it cannot):\n\(output.stderr)\(output.stdout)"
        )
    }

    // MARK: Shell

    /// Runs the block's read-only `nitro` commands from the repository root and checks the exit
    /// status; the JSON or text block right after it must be the last command's exact output.
    static func run(_ block: DocsBlock, expectedOutput: DocsBlock?) async throws {
        let commands = block.nitroCommands()
        for (index, command) in commands.enumerated() {
            let isLast = index == commands.count - 1
            guard DocsBlock.isSafe(command.arguments) else {
                if isLast, let expectedOutput {
                    Issue.record(
                        "\(expectedOutput): shows the output of `nitro \(command.arguments.joined(separator: " "))`, which the test does not run"
                    )
                }
                continue
            }
            let arguments = command.arguments
            let output = try await offThread { try NitroBinary.run(arguments, currentDirectory: RepositoryPaths.root) }
            let where_ = "\(block.file):\(command.line): nitro \(command.arguments.joined(separator: " "))"
            #expect(
                output.status == command.status,
                "\(where_) exited \(output.status), the page says \(command.status):\n\(output.stderr)")
            if isLast, let expectedOutput {
                #expect(output.stdout == expectedOutput.text + "\n", "\(where_): the output differs from \(expectedOutput)")
            }
        }
    }

    // MARK: Configs

    /// A whole config replaces the one of a copy of `Fixtures/basic`; `nitro build --dry-run` must pass.
    static func buildConfig(_ block: DocsBlock, fileName: String) async throws {
        let folder = try TemporaryDirectory("nitro-docs-config")
        try FileTree.copy(RepositoryPaths.fixture("basic"), to: folder.path)
        try FileManager.default.removeItem(atPath: folder.appending("nitro.config.ts"))
        try folder.write(fileName, block.text + "\n")
        let root = folder.path
        let output = try await offThread { try NitroBinary.run(["build", "--dry-run", "--root", root]) }
        #expect(
            output.status == 0,
            "\(block): this config does not build Fixtures/basic (`nitro build --dry-run`):\n\(output.stderr)")
    }
}
