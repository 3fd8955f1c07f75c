import Foundation

/// A place in a project file: root-relative path (`/` separators), 1-based line and column.
///
/// Columns count UTF-8 bytes, as swiftc does, so editors and `swift build` output line up.
package struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var path: String
    package var line: Int
    package var column: Int

    package init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `path:line:column`, the form every message uses to name a place.
    package var description: String { "\(path):\(line):\(column)" }

    package static func < (left: SourceLocation, right: SourceLocation) -> Bool {
        if left.path != right.path { return utf8Less(left.path, right.path) }
        if left.line != right.line { return left.line < right.line }
        return left.column < right.column
    }
}

/// A value read from a project file together with where it was written.
package struct Located<Value: Sendable>: Sendable {
    package var value: Value
    package var location: SourceLocation

    package init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}

/// One finding of the build: printed as `path:line:column: error: message` relative to the root.
package struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    package enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    package var severity: Severity
    /// Where it applies; `nil` for findings about the invocation itself (an environment variable).
    package var location: SourceLocation?
    package var message: String

    package init(_ severity: Severity, at location: SourceLocation?, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    package static func error(_ location: SourceLocation?, _ message: String) -> Diagnostic {
        Diagnostic(.error, at: location, message)
    }

    package static func warning(_ location: SourceLocation?, _ message: String) -> Diagnostic {
        Diagnostic(.warning, at: location, message)
    }

    package var isError: Bool { severity == .error }

    /// The swiftc form: `path:line:column: error: message`, or `error: message` without a place;
    /// escaped (``PrintableText``), so that a file name cannot break the line or forge another one.
    package var description: String {
        let text = PrintableText.escape(message)
        guard let location else { return "\(severity.rawValue): \(text)" }
        return "\(PrintableText.escape(location.description)): \(severity.rawValue): \(text)"
    }

    /// The order diagnostics are printed in: placeless first, then by path, line, column, message.
    package static func printOrder(_ left: Diagnostic, _ right: Diagnostic) -> Bool {
        switch (left.location, right.location) {
        case (nil, .some): return true
        case (.some, nil): return false
        case (let l?, let r?) where l != r: return l < r
        default: return utf8Less(left.message, right.message)
        }
    }
}

extension [Diagnostic] {
    package var hasErrors: Bool { contains(where: \.isError) }

    /// `--strict`: every warning becomes an error.
    package func strict() -> [Diagnostic] {
        map { Diagnostic(.error, at: $0.location, $0.message) }
    }
}

/// Plain Unicode scalar (UTF-8 byte) order: the same on every machine and in every locale.
/// (`memcmp` of the contiguous UTF-8: sorting 100,000 paths calls it millions of times.)
package func utf8Less(_ left: String, _ right: String) -> Bool {
    var left = left
    var right = right
    return left.withUTF8 { leftBytes in
        right.withUTF8 { rightBytes in
            let common = min(leftBytes.count, rightBytes.count)
            if common > 0, let l = leftBytes.baseAddress, let r = rightBytes.baseAddress {
                let order = memcmp(l, r, common)
                if order != 0 { return order < 0 }
            }
            return leftBytes.count < rightBytes.count
        }
    }
}

/// The first position in `0..<count` whose key is not before `key` in ``utf8Less`` order, for keys
/// sorted that way (binary search; `keyAt` gives the key at a position).
package func utf8LowerBound(of key: String, count: Int, keyAt: (Int) -> String) -> Int {
    var low = 0
    var high = count
    while low < high {
        let middle = (low + high) / 2
        if utf8Less(keyAt(middle), key) { low = middle + 1 } else { high = middle }
    }
    return low
}
