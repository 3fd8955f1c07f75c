import NitroJSON

/// Reads JSON with comments (`wrangler.jsonc`, and `wrangler.json`, which wrangler reads the same
/// way): `//` and `/* */` comments and trailing commas are blanked out byte for byte, so the strict
/// reader's line and column still point into the original text. Also notes where each top-level
/// key is written, for diagnostics about it.
package enum JSONCReader {
    /// A syntax error with its place in the file.
    package struct Failure: Error, Sendable {
        package var line: Int
        package var column: Int
        package var message: String
    }

    package static func read(_ bytes: [UInt8]) throws(Failure) -> (value: JSONValue, keyOffsets: [String: Int]) {
        var plain = bytes
        var keyOffsets: [String: Int] = [:]
        var depth = 0
        var index = 0
        var lastSignificant: Int?  // offset of the last byte that is not blank or comment
        while index < plain.count {
            let byte = plain[index]
            switch byte {
            case UInt8(ascii: "\""):
                let start = index
                index += 1
                var text: [UInt8] = []
                while index < plain.count, plain[index] != UInt8(ascii: "\"") {
                    if plain[index] == UInt8(ascii: "\\") { index += 1 }
                    if index < plain.count { text.append(plain[index]) }
                    index += 1
                }
                lastSignificant = index
                index += 1
                if depth == 1, isFollowedByColon(plain, from: index) {
                    let key = String(decoding: text, as: UTF8.self)
                    if keyOffsets[key] == nil { keyOffsets[key] = start }
                }
                continue
            case UInt8(ascii: "/") where index + 1 < plain.count && plain[index + 1] == UInt8(ascii: "/"):
                while index < plain.count, plain[index] != 0x0A {
                    plain[index] = UInt8(ascii: " ")
                    index += 1
                }
                continue
            case UInt8(ascii: "/") where index + 1 < plain.count && plain[index + 1] == UInt8(ascii: "*"):
                let start = index
                var closed = false
                while index < plain.count {
                    if plain[index] == UInt8(ascii: "*"), index + 1 < plain.count, plain[index + 1] == UInt8(ascii: "/") {
                        plain[index] = UInt8(ascii: " ")
                        plain[index + 1] = UInt8(ascii: " ")
                        index += 2
                        closed = true
                        break
                    }
                    if plain[index] != 0x0A { plain[index] = UInt8(ascii: " ") }
                    index += 1
                }
                if !closed {
                    let (line, column) = LineIndex(bytes).position(of: start)
                    throw Failure(line: line, column: column, message: "this /* comment is never closed")
                }
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if let last = lastSignificant, plain[last] == UInt8(ascii: ",") { plain[last] = UInt8(ascii: " ") }
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                index += 1
                continue
            default:
                break
            }
            lastSignificant = index
            index += 1
        }
        do {
            return (try JSONReader.parse(plain), keyOffsets)
        } catch {
            throw Failure(line: error.line, column: error.column, message: error.message)
        }
    }

    private static func isFollowedByColon(_ bytes: [UInt8], from start: Int) -> Bool {
        var index = start
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        return index < bytes.count && bytes[index] == UInt8(ascii: ":")
    }
}
