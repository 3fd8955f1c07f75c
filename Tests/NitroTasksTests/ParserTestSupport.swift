@testable import NitroTasks
@testable import NitroTasksDevServer
@testable import NitroTasksRoutes

/// Feeds `bytes` to a parser with `limits` in pieces of `chunk` bytes (at least one) and collects
/// everything it produces, up to its first error.
func parseInPieces(
    _ bytes: [UInt8], chunk: Int = .max, limits: HTTPRequestParser.Limits = .init()
) -> (outputs: [HTTPRequestParser.Output], error: HTTPParseError?) {
    var parser = HTTPRequestParser(limits: limits)
    var outputs: [HTTPRequestParser.Output] = []
    var offset = 0
    repeat {
        let end = min(bytes.count, offset + max(chunk, 1))
        parser.append(bytes[offset..<end])
        offset = end
        do {
            while let output = try parser.next() { outputs.append(output) }
        } catch {
            return (outputs, error)
        }
    } while offset < bytes.count
    return (outputs, nil)
}

/// ``parseInPieces(_:chunk:limits:)`` on the UTF-8 bytes of `text`.
func parseInPieces(
    _ text: String, chunk: Int = .max, limits: HTTPRequestParser.Limits = .init()
) -> (outputs: [HTTPRequestParser.Output], error: HTTPParseError?) {
    parseInPieces(Array(text.utf8), chunk: chunk, limits: limits)
}

/// The requests among a parser's outputs.
func requests(_ outputs: [HTTPRequestParser.Output]) -> [HTTPRequest] {
    outputs.compactMap { if case .request(let request) = $0 { request } else { nil } }
}
