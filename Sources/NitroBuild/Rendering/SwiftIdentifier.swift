/// Swift's rules for the names the generated registry writes: which words are keywords (and so
/// need backticks), and whether a name written in a config is an identifier at all.
package enum SwiftIdentifier {
    /// The reserved words of Swift (the compiler's `kw_` tokens): an identifier spelled like one
    /// must be written in backticks. Contextual keywords (`open`, `await`, `consuming`, …) are not
    /// here: Swift reads them as identifiers where a name is expected.
    package static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "operator", "precedencegroup", "private", "protocol", "public", "rethrows", "static",
        "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer", "do",
        "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while",
        "Any", "as", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try", "_",
    ]

    /// Words that mean something else after a dot even though other keywords do not
    /// (`X.self`, `X.Type`, `X.init`): a member spelled like one needs backticks there.
    package static let specialAfterDot: Set<String> = ["self", "Self", "Type", "Protocol", "init"]

    /// Whether `text` is an identifier without backticks: a letter or `_` first, then letters,
    /// digits, `_` (the Unicode letters Swift accepts included).
    package static func isPlainName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return text.unicodeScalars.allSatisfy {
            $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)
                || $0.properties.generalCategory == .nonspacingMark
        }
    }

    /// A name as written: `name` or `` `name` ``; `nil` when it is neither.
    package static func unescaped(_ written: String) -> (name: String, backticked: Bool)? {
        if written.hasPrefix("`") {
            guard written.count > 2, written.hasSuffix("`") else { return nil }
            let inner = String(written.dropFirst().dropLast())
            return isPlainName(inner) ? (inner, true) : nil
        }
        return isPlainName(written) ? (written, false) : nil
    }

    /// `name`, in backticks when it is a keyword.
    package static func spelled(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }
}
