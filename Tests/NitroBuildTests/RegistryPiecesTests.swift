import Testing

@testable import NitroBuild

/// The registry is produced in pieces (so a 100,000-task registry is never in memory whole), from
/// a model whose scanned tasks are read from their digests (`PlannedTasks`): the same bytes as a
/// model that stores every task, on every rendering.
@Suite("Registry rendered in pieces from digests")
struct RegistryPiecesTests {
    /// 1,500 task files (a registry of more than 64 KiB) and config tasks sorted in between them.
    static func plan() -> BuildPlan {
        var tasks: [String: String] = [:]
        for index in 0..<1_500 {
            tasks["g\(index % 7)/t\(index).swift"] = task("t\(index)", description: index % 3 == 0 ? "task \(index)" : nil)
        }
        let config = """
            export default defineNitroConfig({
              experimental: { tasks: true },
              tasks: { "g3:a": { description: "config only" }, "g6:zz": { handler: "./Sources/App/tasks/g6/t6.swift" } },
              scheduledTasks: { "0 3 * * *": ["g3:a", "g0:t0"] },
            });
            """
        return InMemoryProject(project(config: config, tasks)).plan(options: BuildOptions())
    }

    @Test("pieces of at most 64 KiB and a line; the same bytes as a model storing every task; the same on every rendering")
    func pieces() throws {
        let plan = Self.plan()
        #expect(!plan.hasErrors, "\(plan.diagnostics)")
        let model = try #require(plan.model)
        #expect(model.tasks.count == 1_501)
        var pieces: [[UInt8]] = []
        RegistryRenderer.render(model, into: { pieces.append(Array($0)) })
        #expect(pieces.count > 1)
        #expect(pieces.allSatisfy { $0.count <= 65_536 + 200 })
        let joined = pieces.flatMap { $0 }

        var stored = model
        stored.tasks = PlannedTasks(Array(model.tasks))
        #expect(stored.tasks == model.tasks)
        #expect(RegistryRenderer.renderBytes(stored) == joined)
        #expect(plan.files[0].bytes == joined)
        #expect(plan.files[0].bytes == joined, "rendered again")
        let text = String(decoding: joined, as: UTF8.self)
        #expect(text.contains(#".init("g3:a", description: "config only", definition: nil),"#))
        #expect(text.contains(#".init("g0:t0", description: "task 0", definition: { t0 }),"#))
    }

    @Test("names and symbols read from the digests: lookup by name, config tasks in name order")
    func lookup() throws {
        let model = try #require(Self.plan().model)
        let names = model.tasks.map(\.name)
        #expect(names == names.sorted(by: utf8Less))
        #expect(model.tasks.contains(named: "g3:a"))
        #expect(model.tasks.contains(named: "g1:t8"))
        #expect(!model.tasks.contains(named: "g1:t7"), "t7 is in g0")
        #expect(model.tasks.indices.map(model.tasks.name(at:)) == names)
        let zz = try #require(model.tasks.first { $0.name == "g6:zz" })
        #expect(zz.reference == .symbol("t6"))
        #expect(zz.origin == SourceLocation(path: "Sources/App/tasks/g6/t6.swift", line: 3, column: 5))
    }
}

/// `TextArena` orders and compares strings as `utf8Less` and `==` do.
@Suite struct TextArenaTests {
    @Test func orderAndEquality() {
        let words = ["", "a", "ab", "a:b", "a/b", "a0", "b", "é", "e\u{301}", "zz", "z", "日本", "ab\u{0}"]
        var builder = TextArena.Builder()
        let ranges = words.map { builder.add($0) }
        let arena = builder.build()
        for (left, leftRange) in zip(words, ranges) {
            #expect(arena.string(leftRange) == left || left.unicodeScalars.elementsEqual(arena.string(leftRange).unicodeScalars))
            for (right, rightRange) in zip(words, ranges) {
                #expect(arena.precedes(leftRange, arena, rightRange) == utf8Less(left, right), "\(left) < \(right)")
                #expect(arena.same(leftRange, arena, rightRange) == Array(left.utf8).elementsEqual(right.utf8), "\(left) == \(right)")
                #expect(arena.equals(leftRange, right) == Array(left.utf8).elementsEqual(right.utf8))
            }
        }
    }
}
