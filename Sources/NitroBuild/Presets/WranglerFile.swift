import NitroJSON

/// The user's own wrangler configuration at the project root, read into JSON whatever its
/// format, with where each top-level key is written.
package struct WranglerFile: Sendable {
    /// The names wrangler looks for, in its order of preference (the first that exists is used).
    package static let names = ["wrangler.json", "wrangler.jsonc", "wrangler.toml"]

    package var path: String
    package var members: [String: JSONValue]
    package var keyLocations: [String: SourceLocation]

    /// Where `key` is written, else the file's first line.
    package func location(of key: String) -> SourceLocation {
        keyLocations[key] ?? SourceLocation(path: path)
    }

    /// Reads `file` as JSON with comments or as TOML (by its extension).
    package static func read(_ file: SourceFile) -> (file: WranglerFile?, error: Diagnostic?) {
        let index = LineIndex(file.bytes)
        let value: JSONValue
        let offsets: [String: Int]
        if file.path.hasSuffix(".toml") {
            do {
                (value, offsets) = try TOMLReader.read(file.bytes)
            } catch {
                return (nil, .error(index.location(of: error.offset, in: file.path), error.message))
            }
        } else {
            do {
                (value, offsets) = try JSONCReader.read(file.bytes)
            } catch {
                return (
                    nil,
                    .error(
                        SourceLocation(path: file.path, line: error.line, column: error.column),
                        "\(error.message) (wrangler files are JSON with comments)")
                )
            }
        }
        guard case .object(let members) = value else {
            return (nil, .error(SourceLocation(path: file.path), "a wrangler configuration must be an object"))
        }
        let read = WranglerFile(
            path: file.path, members: members, keyLocations: offsets.mapValues { index.location(of: $0, in: file.path) })
        return (read, nil)
    }
}
