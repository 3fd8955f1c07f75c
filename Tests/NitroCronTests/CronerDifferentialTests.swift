import Foundation
import NitroSync
import Testing

@testable import NitroCron

/// Vectors produced by croner 10.0.1 itself (see Fixtures/cron/README.md): every one must match,
/// except the documented cases where croner is wrong.
struct CronerDifferentialTests {
    struct Vector: Decodable {
        let expression: String
        let timezone: String
        let from: String
        let next: [String]
    }

    struct ErrorVector: Decodable {
        let expression: String
        let croner: String
    }

    struct Vectors: Decodable {
        let vectors: [Vector]
        let errors: [ErrorVector]
    }

    static let vectors: Vectors = {
        let url = repositoryRoot.appendingPathComponent("Fixtures/cron/croner-vectors.json")
        let data = try! Data(contentsOf: url)
        return try! JSONDecoder().decode(Vectors.self, from: data)
    }()

    /// Expressions where croner 10 gives wrong instants (Docs/Cron.md, "Where we differ").
    static let cronerBugs: Set<String> = ["0 0 1,31 * *"]

    @Test func matchesCronerNextRuns() async throws {
        // Seconds of CPU in a debug build: on a thread of its own, so that the suites running
        // beside it keep the cooperative threads.
        let (compared, mismatches) = try await offThread { () throws -> (Int, [String]) in
            var mismatches: [String] = []
            var compared = 0
            for vector in Self.vectors.vectors where !Self.cronerBugs.contains(vector.expression) {
                let ours = try nextRuns(vector.expression, vector.next.count, from: vector.from, in: vector.timezone)
                compared += 1
                if ours != vector.next {
                    mismatches.append(
                        "\(vector.expression) [\(vector.timezone)] from \(vector.from):\n  croner \(vector.next)\n  ours   \(ours)")
                }
            }
            return (compared, mismatches)
        }
        #expect(compared > 1000)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.prefix(40).joined(separator: "\n"))")
    }

    @Test func rejectsWhatCronerRejects() {
        for vector in Self.vectors.errors where vector.croner == "rejected" {
            #expect(throws: CronError.self, "\(vector.expression)") { try CronExpression(vector.expression) }
        }
    }
}
