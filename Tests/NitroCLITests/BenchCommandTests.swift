import Foundation
import NitroTestSupport
import Testing

/// `nitro-bench`, run as the built binary: its command line is checked before any suite runs, and
/// its suites run to the end on tiny sizes (the figures of a debug build mean nothing; that every
/// measurement completes, and checks what it measured, does).
@Suite(.timeLimit(.minutes(5))) struct BenchCommandTests {
    func bench(_ arguments: [String], timeout: Double = 60) async throws -> ProcessOutput {
        guard let path = NitroBinary.benchPath else { throw NitroBinary.Missing(executable: "nitro-bench") }
        return try await ProcessRunner.run(path, arguments, timeout: timeout)
    }

    @Test(arguments: [["help"], ["--help"], ["cron", "-h"]])
    func helpListsEverySuiteAndOptionAndRunsNothing(_ arguments: [String]) async throws {
        let output = try await bench(arguments)
        #expect(output.status == 0)
        #expect(!output.stdout.contains("== "), "no suite may run")
        for word in ["dispatch", "lock", "scheduler", "cron", "scan", "redis", "http", "--joiners N", "--croner PATH", "--url URL"] {
            #expect(output.stdout.contains(word), "\(word) is missing from the help")
        }
    }

    /// The messages and layout of `nitro`'s usage errors (both read the command line with
    /// `NitroCLI.Arguments`).
    @Test(arguments: [
        (["dispach"], "Unknown suite 'dispach'; did you mean 'dispatch'?"),
        (["benchmarks"], "Unknown suite 'benchmarks'; the suites are dispatch, lock, scheduler, cron, scan, redis, http"),
        (["scan", "--taks", "10"], "Unknown option '--taks'; did you mean '--tasks'?"),
        (["scan", "--check-pair=3"], "Unknown option '--check-pair=3'; did you mean '--check-pairs'?"),
        (["cron", "--runs", "many"], "The value 'many' for '--runs' is not a whole number of 1 or more"),
        (["lock", "--operations=0"], "The value '0' for '--operations' is not a whole number of 1 or more"),
        (["cron", "--croner"], "Missing value for '--croner'"),
    ])
    func aBadCommandLineIsAnErrorBeforeAnySuiteRuns(_ arguments: [String], _ message: String) async throws {
        let output = try await bench(arguments)
        #expect(output.status == 64)
        #expect(output.stdout == "", "no suite may run")
        #expect(
            output.stderr
                == "Error: \(message)\nUsage: nitro-bench [SUITE …] [OPTIONS]\n  See 'nitro-bench --help' for more information.\n")
    }

    @Test func theSuitesRunToTheEndOnSmallSizes() async throws {
        guard NitroBinary.path != nil else { throw NitroBinary.Missing() }  // `scan` runs the `nitro` beside it
        let output = try await bench(
            [
                "dispatch", "lock", "cron", "scan", "--calls", "200", "--concurrent", "50", "--joiners", "50",
                "--scaling-repeats", "1", "--operations", "1000", "--runs", "5", "--tasks", "20", "--repeats", "1",
                "--check-pairs", "3",
            ], timeout: 240)
        #expect(output.status == 0, "\(output.stderr)")
        let headings = output.stdout.split(separator: "\n").filter { $0.hasPrefix("== ") }
        #expect(headings == ["== dispatch", "== lock", "== cron", "== scan"])
        for figure in [
            "ratio runTask / spawn-and-await", "ratio 500 / 50, unstructured", "heap per waiting caller",
            "Locked, 2 threads contending", "ratio Calendar / NitroCron mean", "nitro build, 20 tasks",
            "ratio --check / hello world",
        ] {
            #expect(output.stdout.contains(figure), "\(figure) is missing:\n\(output.stdout)")
        }
    }
}
