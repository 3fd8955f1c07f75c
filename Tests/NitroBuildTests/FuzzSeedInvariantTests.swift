import Foundation
import NitroJSON
import Testing

@testable import NitroBuild

/// The fuzz targets' main invariants (Tests/Fuzz/Targets) on their seed corpora, in the normal
/// test run: the deep-nesting seeds of issue 13 keep them true (what the strict JSON reader
/// accepts, the config reader reads the same, so their depth limits agree).
@Suite("Fuzz seeds keep the targets' invariants")
struct FuzzSeedInvariantTests {
    static func seeds(_ corpus: String) -> [(name: String, bytes: [UInt8])] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../Fixtures/fuzz/\(corpus)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().compactMap { name in
            (try? Data(contentsOf: folder.appendingPathComponent(name))).map { (name, Array($0)) }
        }
    }

    @Test("config seeds: same findings twice, inside the file; JSON objects read the same")
    func config() {
        let seeds = Self.seeds("config")
        #expect(seeds.contains { $0.name == "deep-templates.ts" })
        for (name, bytes) in seeds {
            for (path, input) in [
                ("nitro.config.json", bytes), ("nitro.config.ts", bytes),
                ("nitro.config.mjs", Array("export default ".utf8) + bytes),
            ] {
                let file = SourceFile(path: path, bytes: input)
                let reading = ConfigReader.read([file])
                #expect(ConfigReader.read([file]).diagnostics == reading.diagnostics, "\(name) as \(path)")
                let lines = String(decoding: input, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                for diagnostic in reading.diagnostics {
                    guard let location = diagnostic.location else { continue }
                    #expect(location.path == path && location.line >= 1 && location.line <= lines.count, "\(name): \(diagnostic)")
                    if location.line >= 1 && location.line <= lines.count {
                        #expect(
                            location.column >= 1 && location.column <= lines[location.line - 1].utf8.count + 1, "\(name): \(diagnostic)")
                    }
                }
            }
            guard let json = try? JSONReader.parse(bytes), case .object = json else { continue }
            let read = (try? ConfigReader.parse(SourceFile(path: "nitro.config.json", bytes: bytes))).map(ConfigDecoder.json)
            #expect(read == json, "\(name)")
            let script = (try? ConfigReader.parse(SourceFile(path: "nitro.config.ts", bytes: Array("export default ".utf8) + bytes)))
                .map(ConfigDecoder.json)
            #expect(script == json, "\(name)")
        }
    }

    @Test("task-file seeds: tokens in place, deterministic findings inside the file")
    func taskFiles() {
        let seeds = Self.seeds("taskfile")
        #expect(seeds.contains { $0.name == "deep-if-blocks.swift" })
        for (name, bytes) in seeds {
            var end = 0
            for token in SwiftLexer.tokenize(bytes) {
                #expect(token.start >= end && token.start <= token.end && token.end <= bytes.count, "\(name)")
                end = token.end
            }
            let file = SourceFile(path: "Sources/App/tasks/x.swift", bytes: bytes)
            let inspection = TaskFileInspector.inspect(file)
            let again = TaskFileInspector.inspect(file)
            #expect(inspection.declaration == again.declaration && inspection.diagnostics == again.diagnostics, "\(name)")
            let shifted = TaskFileInspector.inspect(SourceFile(path: file.path, bytes: [0x0A] + bytes))
            #expect(shifted.diagnostics.map(\.severity) == inspection.diagnostics.map(\.severity), "\(name)")
            #expect(shifted.declaration?.symbol == inspection.declaration?.symbol, "\(name)")
        }
    }

    @Test("JSON seeds: what reads writes back to the same value")
    func json() {
        let seeds = Self.seeds("json")
        #expect(seeds.contains { $0.name == "deep-at-limit.json" })
        for (name, bytes) in seeds {
            guard let value = try? JSONReader.parse(bytes) else { continue }
            #expect((try? JSONReader.parse(JSONWriter.compact(value))) == value, "\(name)")
            #expect((try? JSONReader.parse(JSONWriter.pretty(value))) == value, "\(name)")
        }
    }
}
