import Foundation
import Testing

@testable import NitroTasks
@testable import NitroTasksDevServer
@testable import NitroTasksRoutes

/// The HTTP fuzz target's invariants (Tests/Fuzz/Targets/HTTPRequestFuzz.swift) on every seed of
/// Fixtures/fuzz/http, and the outcome of the seeds added for issue 13, inside `swift test`.
@Suite(.timeLimit(.minutes(3))) struct HTTPFuzzSeedTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Fixtures/fuzz/http").standardizedFileURL

    static let seeds: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".http") }.sorted()

    struct Outcome: Equatable {
        var requests: [HTTPRequest] = []
        var error: HTTPParseError?
    }

    /// The fuzz target's limits (256-byte heads, 512-byte bodies), fed in pieces of `piece` bytes.
    static func parse(_ bytes: [UInt8], piece: Int) -> Outcome {
        let (outputs, error) = parseInPieces(bytes, chunk: piece, limits: .init(headerBytes: 256, bodyBytes: 512))
        return Outcome(requests: requests(outputs), error: error)
    }

    static func outcome(of seed: String) throws -> Outcome {
        parse(Array(try Data(contentsOf: folder.appendingPathComponent(seed))), piece: .max)
    }

    @Test func theSeedsAreThere() {
        #expect(Self.seeds.count >= 17, "\(Self.folder.path): \(Self.seeds)")
    }

    @Test(arguments: seeds)
    func everySeedKeepsTheInvariants(_ seed: String) throws {
        let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent(seed)))
        let whole = Self.parse(bytes, piece: max(bytes.count, 1))
        #expect(Self.parse(bytes, piece: 1) == whole, "byte by byte")
        #expect(Self.parse(bytes, piece: 7) == whole, "in pieces of 7")
        if let error = whole.error { #expect([400, 413, 414, 431, 501, 505].contains(error.status), "\(error)") }
        for request in whole.requests {
            #expect(request.minorVersion == 0 || request.minorVersion == 1)
            #expect(request.headers.values("transfer-encoding").isEmpty || request.headers.values("content-length").isEmpty)
            #expect(!request.path.contains("?"), "\(request.target)")
            let lowered = request.target.lowercased()
            #expect((request.authority != nil) == (lowered.hasPrefix("http://") || lowered.hasPrefix("https://")), "\(request.target)")
        }
    }

    @Test func theIssue13SeedsHaveTheirAnswers() throws {
        let query = try Self.outcome(of: "query-with-url.http")
        #expect(query.requests.map(\.path) == ["/_nitro/tasks/echo:payload"])
        let absolute = try Self.outcome(of: "absolute-form.http")
        #expect(absolute.requests.map(\.authority) == ["evil.example:3000", "[::1]"])
        #expect(absolute.requests.map { LoopbackPolicy.refusal(for: $0) == nil } == [false, true])
        for seed in ["te-empty-and-length.http", "te-comma-and-length.http", "te-empty-element.http", "trailer-without-colon.http"] {
            #expect(try Self.outcome(of: seed).error?.status == 400, "\(seed)")
        }
        #expect(try Self.outcome(of: "http-1.2.http").error?.status == 505)
        let pipelined = try Self.outcome(of: "pipelined-many.http")
        #expect(pipelined.error == nil && pipelined.requests.count == 21)
    }
}
