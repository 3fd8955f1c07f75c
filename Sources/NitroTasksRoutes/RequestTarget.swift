/// A request target split into its parts (RFC 9112 §3.2).
///
/// The path is what comes before the first `?` (after the authority, for the absolute form);
/// the query is everything after that `?`, whatever it holds: `/a?next=http://x/b` has the path
/// `/a`. A target is in absolute form only when it starts with `http://` or `https://` (in any
/// case); `://` anywhere else is part of the path or the query.
package struct RequestTarget: Equatable {
    /// The path, still percent-encoded; `/` when an absolute-form target has none.
    package var path: String
    /// The query without `?`, still encoded; `nil` when there is no `?`.
    package var query: String?
    /// The authority of an absolute-form target (`host[:port]`, possibly empty); `nil` otherwise.
    package var authority: String?

    package init(_ target: String) {
        var rest = Substring(target)
        authority = nil
        if let schemeLength = Self.absoluteSchemeLength(target) {
            let afterScheme = rest.dropFirst(schemeLength)
            let end = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? afterScheme.endIndex
            authority = String(afterScheme[..<end])
            rest = afterScheme[end...]
        }
        let pathPart: Substring
        if let mark = rest.firstIndex(of: "?") {
            pathPart = rest[..<mark]
            query = String(rest[rest.index(after: mark)...])
        } else {
            pathPart = rest
            query = nil
        }
        path = authority != nil && pathPart.isEmpty ? "/" : String(pathPart)
    }

    /// The length of `http://` or `https://` (any case) when `target` starts with one.
    package static func absoluteSchemeLength(_ target: String) -> Int? {
        let head = target.utf8.prefix(8).map { (65...90).contains($0) ? $0 + 32 : $0 }  // ASCII lower case
        if head.starts(with: Array("http://".utf8)) { return 7 }
        if head.starts(with: Array("https://".utf8)) { return 8 }
        return nil
    }
}
