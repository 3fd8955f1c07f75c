import NitroTasks
import NitroTasksRoutes
/// The header fields of a request or response, in arrival order.
///
/// Names are compared case-insensitively (they are stored lower-cased); values are kept as sent,
/// without surrounding whitespace.
package struct HTTPHeaders: Sendable, Equatable, Sequence {
    package private(set) var fields: [(name: String, value: String)] = []

    package init() {}

    package init(_ fields: [(String, String)]) {
        for (name, value) in fields { add(name, value) }
    }

    /// Appends a field (the name is lower-cased).
    package mutating func add(_ name: String, _ value: String) {
        fields.append((name.lowercased(), value))
    }

    /// Every value of the field `name`.
    package func values(_ name: String) -> [String] {
        let key = name.lowercased()
        return fields.filter { $0.name == key }.map(\.value)
    }

    /// The first value of the field `name`.
    package subscript(name: String) -> String? {
        let key = name.lowercased()
        return fields.first { $0.name == key }?.value
    }

    /// The comma-separated elements of every value of `name`, trimmed and lower-cased
    /// (`Connection: keep-alive, Upgrade` → `["keep-alive", "upgrade"]`).
    package func tokens(_ name: String) -> [String] {
        values(name).flatMap { value in
            value.split(separator: ",").map { $0.trimmingHTTPWhitespace().lowercased() }
        }.filter { !$0.isEmpty }
    }

    package func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }

    package static func == (left: HTTPHeaders, right: HTTPHeaders) -> Bool {
        left.fields.elementsEqual(right.fields) { $0.name == $1.name && $0.value == $1.value }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (HTTP's optional whitespace).
    func trimmingHTTPWhitespace() -> String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
