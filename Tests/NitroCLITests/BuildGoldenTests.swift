import Foundation
import NitroCLI
import NitroTestSupport
import Testing

/// The golden fixtures: `Fixtures/build/<case>/project` is copied to a temporary folder,
/// `nitro build [args] --root <copy>` runs as a process, and its exit status, stdout, stderr and
/// every file it wrote or changed must equal `Fixtures/build/<case>/expected/` byte for byte
/// (`status`, `stdout`, `stderr`, `files/<path>`). The case's optional `args` file holds extra
/// arguments, one per line.
///
/// Re-record with `NITRO_RECORD=1 swift test --filter BuildGoldenTests`: the goldens are written
/// and each recorded case fails (as swift-argument-parser's snapshot helper does), so a run that
/// recorded can never pass for a check; run it again without the variable. CI never records, a
/// missing golden fails, and a golden that differs fails with a unified diff of the two.
@Suite("nitro build golden fixtures")
struct BuildGoldenTests {
    static let casesFolder = RepositoryPaths.fixture("build")

    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: casesFolder)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: casesFolder + "/" + $0 + "/project") }.sorted()
    }()

    static var recording: Bool {
        let environment = ProcessInfo.processInfo.environment
        return environment["NITRO_RECORD"] == "1" && (environment["CI"] ?? "").isEmpty
    }

    @Test("there are golden cases")
    func casesExist() async {
        #expect(Self.cases.count >= 10, "found \(Self.cases)")
    }

    @Test("golden", arguments: cases)
    func golden(_ name: String) async throws {
        let caseFolder = Self.casesFolder + "/" + name
        let work = try TemporaryDirectory("nitro-golden")
        try FileTree.copy(caseFolder + "/project", to: work.path)
        let arguments =
            (try? String(contentsOfFile: caseFolder + "/args", encoding: .utf8))?
            .split(separator: "\n").map(String.init).filter { !$0.isEmpty } ?? []
        let before = FileTree.snapshot(work.path)
        let output = try await NitroBinary.run(["build"] + arguments + ["--root", work.path], currentDirectory: work.path)
        let after = FileTree.snapshot(work.path)
        #expect(Set(before.keys).subtracting(after.keys).isEmpty, "nitro build removed files")

        var actual: [String: Data] = [
            "status": Data("\(output.status)\n".utf8), "stdout": Data(output.stdout.utf8),
            "stderr": Data(output.stderr.utf8),
        ]
        for (path, bytes) in after where before[path] != bytes { actual["files/" + path] = bytes }

        let expectedFolder = caseFolder + "/expected"
        if Self.recording {
            try? FileManager.default.removeItem(atPath: expectedFolder)
            for (path, bytes) in actual {
                let target = expectedFolder + "/" + path
                try FileManager.default.createDirectory(
                    atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try bytes.write(to: URL(fileURLWithPath: target))
            }
            Issue.record("\(name): recorded \(expectedFolder) (NITRO_RECORD=1); run the tests again without it to check")
            return
        }
        let expected = FileTree.snapshot(expectedFolder)
        try #require(!expected.isEmpty, "missing golden \(expectedFolder); record it with NITRO_RECORD=1")
        #expect(Set(actual.keys) == Set(expected.keys), "outputs differ in which files exist")
        for key in Set(actual.keys).union(expected.keys).sorted() where actual[key] != expected[key] {
            let diff = UnifiedDiff.render(
                old: expected[key].map { Array($0) }, new: Array(actual[key] ?? Data()), path: key)
            Issue.record("\(name): \(key) differs from the golden (- expected, + actual):\n\(diff)")
        }
    }
}
