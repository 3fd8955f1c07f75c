import Testing

@testable import NitroBuild

/// Task files are digested as they are read, on every core from 512 files on
/// (``TaskSourceFile/digest(count:read:)``): the result must not depend on that.
@Suite("Task files digested as read")
struct TaskSourceFileTests {
    static func file(_ index: Int) -> SourceFile {
        let text: String
        switch index % 4 {
        case 0:
            text = "import NitroTasks\nlet t\(index) = defineTask(meta: TaskMeta(description: \"task \(index)\")) { _ in TaskResult() }\n"
        case 1: text = "import NitroTasks\n// no task here\nlet helper\(index) = 1\n"
        case 2: text = GeneratedHeader.swiftLines.joined(separator: "\n") + "\n"
        default: text = "let t\(index) = defineTask { _ in TaskResult() }\nlet u\(index) = defineTask { _ in TaskResult() }\n"
        }
        return SourceFile(path: "Sources/App/tasks/f\(index).swift", text: text)
    }

    @Test("in parallel (2,000 files) the digests equal the one-by-one ones, in order; unreadable files are left out")
    func parallelEqualsSerial() {
        let count = 2_000
        let parallel = TaskSourceFile.digest(count: count) { index in index % 97 == 5 ? nil : Self.file(index) }
        let serial = (0..<count).filter { $0 % 97 != 5 }.map { TaskSourceFile(Self.file($0)) }
        #expect(parallel.count == serial.count)
        #expect(parallel.map(\.path) == serial.map(\.path))
        #expect(parallel.map(\.isGenerated) == serial.map(\.isGenerated))
        #expect(parallel.map(\.inspection.declaration) == serial.map(\.inspection.declaration))
        #expect(parallel.map { $0.inspection.diagnostics.map(\.message) } == serial.map { $0.inspection.diagnostics.map(\.message) })
        #expect(parallel.filter(\.isGenerated).count == (0..<count).filter { $0 % 4 == 2 && $0 % 97 != 5 }.count)
        #expect(parallel.compactMap(\.inspection.declaration).count > count / 5)
    }

    @Test("a plan of 600 task files is the same whether the files come digested in parallel or in memory order")
    func planOfManyFiles() {
        var files: [String: String] = ["nitro.config.json": #"{"experimental": {"tasks": true}}"#]
        for index in 0..<600 {
            files["Sources/App/tasks/g\(index % 7)/t\(index).swift"] =
                "import NitroTasks\nlet t\(index) = defineTask(meta: TaskMeta(description: \"task \(index)\")) { _ in TaskResult() }\n"
        }
        let plan = InMemoryProject(files).plan()
        #expect(plan.diagnostics.isEmpty, "\(plan.diagnostics)")
        let names = plan.model?.tasks.map(\.name) ?? []
        #expect(names.count == 600)
        #expect(names == names.sorted(by: utf8Less))
        #expect(plan.model?.tasks.first { $0.name == "g3:t10" }?.description == "task 10")
    }
}
