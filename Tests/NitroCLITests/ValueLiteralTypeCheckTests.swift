import NitroSync
import NitroTestSupport
import Foundation
import Testing

/// Issue 15, "Values": the natural lines compile without `try` or wrapping, and heterogeneous
/// literals stay cheap for the type checker (the overloads of `TaskResult(result:)` and
/// `runTask` must not make it explore). Type-checked with `swiftc` against this package's
/// modules, with `-warn-long-expression-type-checking`.
@Suite("Value literals type-check quickly")
struct ValueLiteralTypeCheckTests {
    static let source = """
        import Foundation
        import NitroTasks

        extension TaskName {
            static let dbMigrate: TaskName = "db:migrate"
        }

        func values() async throws {
            let name = "ada", count = 3, ratio = 0.5, flag = true, date = Date(), a = "x", b = "y"
            let maybe: String? = nil
            _ = TaskResult(result: name)
            _ = TaskResult(result: count)
            _ = TaskResult(result: ratio)
            _ = TaskResult(result: flag)
            _ = TaskResult(result: date)
            _ = TaskResult(result: maybe)
            _ = TaskResult(result: ["user": name, "count": count])
            _ = TaskResult(result: [a, b])
            _ = TaskResult(result: [name, count])
            _ = TaskResult(result: "Success")
            _ = TaskResult(result: ["migrated": 3])
            _ = try await runTask("x", payload: ["user": name, "dryRun": flag])
            _ = try await runTask(.dbMigrate, payload: ["user": name, "dryRun": flag])
            _ = TaskResult(result: [
                "k1": name, "k2": count, "k3": ratio, "k4": flag, "k5": date, "k6": maybe, "k7": [a, b], "k8": 1,
                "k9": "text", "k10": 2.5,
            ])
            _ = try await runTask(.dbMigrate, payload: [
                "k1": name, "k2": count, "k3": ratio, "k4": flag, "k5": date, "k6": maybe, "k7": [a, b], "k8": 1,
                "k9": "text", "k10": 2.5,
            ])
            let payload: TaskPayload = [
                "k1": name, "k2": count, "k3": ratio, "k4": flag, "k5": date, "k6": maybe, "k7": [a, b], "k8": 1,
                "k9": "text", "k10": 2.5, "k11": name, "k12": count, "k13": ratio, "k14": flag, "k15": date,
                "k16": maybe, "k17": [a, b], "k18": 1, "k19": "text", "k20": .object(["nested": count, "mixed": name, "list": .array([name, count])]),
            ]
            _ = TaskResult(result: payload)
        }
        """

    @Test("the issue's lines and 10- and 20-key heterogeneous literals type-check, each expression under 200 ms")
    func literals() async throws {
        let folder = try TemporaryDirectory("nitro-values")
        try folder.write("values.swift", Self.source)
        let products = try DocsTests.productsFolder()
        let arguments = [
            "-typecheck", "-swift-version", "6", "-I", products + "/Modules",
            "-Xcc", "-fmodule-map-file=" + products + "/CNitroSystem.build/module.modulemap",
            "-Xcc", "-I" + RepositoryPaths.root + "/Sources/CNitroSystem/include",
            "-Xfrontend", "-warn-long-expression-type-checking=200",
            "-Xfrontend", "-debug-time-expression-type-checking",
            folder.appending("values.swift"),
        ]
        let path = folder.path
        let output = try await offThread {
            try ProcessRunner.run(DocsTests.swiftc, arguments, currentDirectory: path, timeout: 300)
        }
        #expect(output.status == 0, "\(output.stderr)")
        #expect(!output.stderr.contains("warning:"), "\(output.stderr)")
        // `-debug-time-expression-type-checking` prints `N.NNms\tfile:line:col` per expression.
        let times = (output.stderr + output.stdout).split(separator: "\n").compactMap { line -> Double? in
            guard line.contains("values.swift"), let end = line.range(of: "ms\t") else { return nil }
            return Double(line[..<end.lowerBound])
        }
        #expect(!times.isEmpty)
        let slowest = times.max() ?? 0
        print("value literals: \(times.count) expressions, slowest \(slowest) ms")
        #expect(slowest < 200)
    }
}
