import Foundation
import NitroJSON
import Testing

@testable import NitroTasks

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Payload values through a real HTTP request to the development server: query-string text
/// read by the readers, and a payload that does not decode answered 400 with the key.
@Suite struct TaskPayloadHTTPTests {
    struct Options: Decodable {
        var user: String
        var limit: Int
    }

    static func registry() -> TaskRegistry {
        let flags = defineTask { event in
            TaskResult(result: [
                "dryRun": event.payload.bool("dryRun"), "limit": event.payload.int("limit"),
                "ratio": event.payload.double("ratio"), "user": event.payload.string("user"),
            ])
        }
        let strict = defineTask { event in
            let options = try event.payload.decode(Options.self)
            return TaskResult(result: ["user": options.user, "limit": options.limit])
        }
        return TaskRegistry(tasks: [
            .init("values:flags", definition: { flags }), .init("values:strict", definition: { strict }),
        ])
    }

    func fetch(_ method: String, _ url: String, body: String? = nil) async throws -> (Int, JSONValue?) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.timeoutInterval = 30
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as! HTTPURLResponse).statusCode, try? JSONReader.parse(Array(data)))
    }

    @Test func readersTakeQueryTextAndJSONAlike() async throws {
        try await withDevServer(registry: Self.registry()) { _, port in
            let base = "http://127.0.0.1:\(port)/_nitro/tasks/values:flags"
            let fromQuery = try await fetch("GET", base + "?dryRun=true&limit=10&ratio=0.5&user=ada")
            let fromBody = try await fetch(
                "POST", base, body: #"{"payload": {"dryRun": true, "limit": 10, "ratio": 0.5, "user": "ada"}}"#)
            let expected: JSONValue = ["result": ["dryRun": true, "limit": 10, "ratio": 0.5, "user": "ada"]]
            #expect(fromQuery.0 == 200 && fromQuery.1 == expected)
            #expect(fromBody.0 == 200 && fromBody.1 == expected)
            let unreadable = try await fetch("GET", base + "?dryRun=maybe&limit=ten")
            #expect(unreadable.1 == ["result": ["dryRun": nil, "limit": nil, "ratio": nil, "user": nil]])
        }
    }

    @Test func aPayloadThatDoesNotDecodeIsA400WithTheKey() async throws {
        try await withDevServer(registry: Self.registry()) { _, port in
            let base = "http://127.0.0.1:\(port)/_nitro/tasks/values:strict"
            let fits = try await fetch("POST", base, body: #"{"payload": {"user": "ada", "limit": 3}}"#)
            #expect(fits.0 == 200 && fits.1 == ["result": ["user": "ada", "limit": 3]])
            let missing = try await fetch("POST", base, body: #"{"payload": {"user": "ada"}}"#)
            #expect(missing.0 == 400)
            #expect(missing.1 == ["status": 400, "message": "The payload does not fit `Options`: `limit` is missing"])
            // A query string gives text: decoding is strict, and says so by key.
            let text = try await fetch("GET", base + "?user=ada&limit=3")
            #expect(text.0 == 400)
            #expect(
                text.1?["message"]
                    == #"The payload does not fit `Options`: `limit` must be an integer, not a string ("3")"#)
        }
    }
}
