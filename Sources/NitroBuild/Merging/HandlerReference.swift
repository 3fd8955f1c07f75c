/// A config task's `handler`: a `.swift` file in the registry's target, or a task that another
/// module provides, written `Module.symbol` (`Module.Namespace.symbol` works too).
package enum HandlerReference: Sendable, Hashable {
    /// Root-relative, normalised path of a `.swift` file.
    case file(String)
    /// `module` is imported by the registry; `path` is the full reference (`Jobs.migrate`).
    case symbol(module: String, path: String)

    /// Reads a handler string; the error explains the accepted forms.
    package static func parse(_ text: String) -> Result<HandlerReference, HandlerSyntaxError> {
        if text.hasSuffix(".swift") {
            guard let path = ProjectPath.normalize(text), !path.isEmpty else {
                return .failure(
                    HandlerSyntaxError(
                        "the handler file `\(text)` must be inside the project root (a path relative to it)"))
            }
            return .success(.file(path))
        }
        let segments = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if segments.count >= 2, segments.allSatisfy(isIdentifier) {
            return .success(.symbol(module: plain(segments[0]), path: text))
        }
        var message =
            "`\(text)` is not a handler nitro build understands: write the path of a `.swift` file relative to the project "
            + "root (`./Sources/App/jobs/migrate.swift`), or `Module.symbol` for a task another module provides"
        if [".ts", ".js", ".mjs", ".mts"].contains(where: { text.hasSuffix($0) }) {
            message += " (a TypeScript handler cannot run in a Swift app)"
        }
        return .failure(HandlerSyntaxError(message))
    }

    static func isIdentifier(_ text: String) -> Bool {
        var scalars = text.unicodeScalars[...]
        if scalars.first == "`" {
            guard scalars.count > 2, scalars.last == "`" else { return false }
            scalars = scalars.dropFirst().dropLast()
        }
        guard let first = scalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return scalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }

    static func plain(_ identifier: String) -> String {
        identifier.hasPrefix("`") ? String(identifier.dropFirst().dropLast()) : identifier
    }
}

package struct HandlerSyntaxError: Error, Sendable {
    package var message: String
    init(_ message: String) { self.message = message }
}
