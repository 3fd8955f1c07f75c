/// Task names from file paths (MISSION section 3, Nitro's behaviour): the path relative to the
/// `tasks/` folder, last extension removed, `/` replaced by `:`. `index` is not special.
package enum TaskNaming {
    /// `db/migrate.swift` → `db:migrate`, `foo.bar.swift` → `foo.bar`, `db/index.swift` → `db:index`.
    package static func name(forRelativePath path: String) -> String {
        var stem = Substring(path)
        if let dot = stem.lastIndex(of: "."), !stem[dot...].contains("/") {
            stem = stem[..<dot]
        }
        return stem.replacingOccurrences(of: "/", with: ":")
    }

    /// Files (or folders) starting with `_` or `.` under `tasks/` are helpers, not tasks.
    package static func isHelper(relativePath path: String) -> Bool {
        path.split(separator: "/").contains { $0.hasPrefix("_") || $0.hasPrefix(".") }
    }

    /// Why `name` cannot be a task name (it is used on the command line, in URLs and as a
    /// config key), or `nil` when it can: `:`-separated non-empty segments of ASCII letters,
    /// digits, `-`, `_` and `.`, none starting with `.`.
    package static func problem(with name: String) -> String? {
        if name.isEmpty { return "a task name cannot be empty" }
        for segment in name.split(separator: ":", omittingEmptySubsequences: false) {
            if segment.isEmpty {
                return "`\(name)` has an empty segment between `:`s"
            }
            if segment.hasPrefix(".") {
                return "the segment `\(segment)` of `\(name)` starts with `.`"
            }
            if let bad = segment.unicodeScalars.first(where: { !isNameScalar($0) }) {
                let shown = bad == " " ? "a space" : "`\(bad)`"
                return
                    "`\(name)` contains \(shown); task names use letters, digits, `-`, `_` and `.`, with `:` between segments"
            }
        }
        return nil
    }

    static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".": return true
        default: return false
        }
    }
}

extension Substring {
    fileprivate func replacingOccurrences(of target: Character, with replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
