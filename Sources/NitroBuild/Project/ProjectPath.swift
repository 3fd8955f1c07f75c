/// Root-relative paths as the build writes them: `/` separators, no `.` or empty segments,
/// never absolute and never above the root.
package enum ProjectPath {
    /// Normalises a path written in the config (`./Sources/App/`, `Sources//App`) to
    /// `Sources/App`; `nil` when it is absolute or leaves the root (`../x`). The root itself is `""`.
    package static func normalize(_ path: String) -> String? {
        if path.hasPrefix("/") || path.hasPrefix("~") { return nil }
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..":
                if segments.isEmpty { return nil }
                segments.removeLast()
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }

    /// `a` + `b` with one `/` (either may be the root `""`).
    package static func join(_ base: String, _ child: String) -> String {
        if base.isEmpty { return child }
        if child.isEmpty { return base }
        return base + "/" + child
    }

    /// The folder holding `path` (`""` for a file at the root).
    package static func parent(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// The last segment (`migrate.swift`).
    package static func fileName(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// Whether `path` is `folder` or inside it.
    package static func isInside(_ path: String, _ folder: String) -> Bool {
        folder.isEmpty || path == folder || path.hasPrefix(folder + "/")
    }

    /// `path` relative to `folder` (which must contain it).
    package static func relative(_ path: String, to folder: String) -> String {
        if folder.isEmpty { return path }
        if path == folder { return "" }
        return String(path.dropFirst(folder.count + 1))
    }

    /// The folder as the user reads it in messages: `.` for the root.
    package static func display(_ folder: String) -> String { folder.isEmpty ? "." : folder }
}
