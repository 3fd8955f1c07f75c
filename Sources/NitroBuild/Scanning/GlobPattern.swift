/// An `ignore` pattern from the config: `*` (within a segment), `**` (any number of segments),
/// `?`, `[abc]`, `[!a-z]`, `{a,b}`. A pattern without `/` matches a file name in any folder
/// (as in `.gitignore`); a pattern ending in `/` matches everything below that folder. A leading
/// `!` negates (``isNegated``; ``ignores(_:_:)`` applies a list in order).
package struct GlobPattern: Sendable, Hashable {
    package let source: String
    private let alternatives: [[String]]
    private let matchesNameOnly: Bool
    /// `!pattern` (as globby reads an ignore list): re-includes what an earlier pattern ignored.
    package let isNegated: Bool

    package init(_ pattern: String) {
        source = pattern
        var text = pattern
        isNegated = text.hasPrefix("!")
        if isNegated { text.removeFirst() }
        while text.hasPrefix("./") { text.removeFirst(2) }
        if text.hasPrefix("/") { text.removeFirst() }
        if text.hasSuffix("/") { text += "**" }
        matchesNameOnly = !text.contains("/")
        alternatives = Self.expandBraces(text).map {
            $0.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        }
    }

    /// Whether the list ignores a file: the last pattern matching one of `paths` decides, a
    /// negated one re-including it (`["tasks/**", "!tasks/keep.swift"]`).
    package static func ignores(_ patterns: [GlobPattern], _ paths: [String]) -> Bool {
        var ignored = false
        for pattern in patterns where pattern.isNegated == ignored {
            if paths.contains(where: pattern.matches) { ignored.toggle() }
        }
        return ignored
    }

    /// Whether the pattern matches `path` (`/`-separated, relative to where patterns apply).
    package func matches(_ path: String) -> Bool {
        let segments = path.split(separator: "/").map(String.init)
        if matchesNameOnly {
            guard let last = segments.last else { return false }
            return alternatives.contains {
                $0.count == 1 && Self.matchSegment(Array($0[0].unicodeScalars), Array(last.unicodeScalars))
            }
        }
        return alternatives.contains { Self.match($0[...], segments[...]) }
    }

    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            var tail = path
            while true {
                if match(rest, tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        }
        guard let segment = path.first, matchSegment(Array(first.unicodeScalars), Array(segment.unicodeScalars)) else {
            return false
        }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    /// Wildcard match of one segment (`*`, `?`, classes), iterative with backtracking on `*`.
    private static func matchSegment(_ pattern: [Unicode.Scalar], _ text: [Unicode.Scalar]) -> Bool {
        var p = 0
        var t = 0
        var starP = -1
        var starT = 0
        while t < text.count {
            if p < pattern.count {
                switch pattern[p] {
                case "*":
                    starP = p
                    starT = t
                    p += 1
                    continue
                case "?":
                    p += 1
                    t += 1
                    continue
                case "[":
                    if let (matched, next) = matchClass(pattern, p, text[t]) {
                        if matched {
                            p = next
                            t += 1
                            continue
                        }
                    } else if text[t] == "[" {
                        p += 1
                        t += 1
                        continue
                    }
                default:
                    if pattern[p] == text[t] {
                        p += 1
                        t += 1
                        continue
                    }
                }
            }
            guard starP >= 0 else { return false }
            p = starP + 1
            starT += 1
            t = starT
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// `[abc]`, `[a-z]`, `[!x]`: whether `scalar` matches, and the index after `]`.
    private static func matchClass(_ pattern: [Unicode.Scalar], _ open: Int, _ scalar: Unicode.Scalar) -> (Bool, Int)? {
        var index = open + 1
        var negate = false
        if index < pattern.count, pattern[index] == "!" || pattern[index] == "^" {
            negate = true
            index += 1
        }
        var matched = false
        var first = true
        while index < pattern.count {
            let current = pattern[index]
            if current == "]" && !first {
                return (matched != negate, index + 1)
            }
            first = false
            if index + 2 < pattern.count, pattern[index + 1] == "-", pattern[index + 2] != "]" {
                if current.value <= scalar.value && scalar.value <= pattern[index + 2].value { matched = true }
                index += 3
            } else {
                if current == scalar { matched = true }
                index += 1
            }
        }
        return nil
    }

    /// `a/{b,c}/*.swift` → `a/b/*.swift`, `a/c/*.swift`.
    private static func expandBraces(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        guard let open = scalars.firstIndex(of: "{") else { return [text] }
        var depth = 0
        var close: Int?
        var commas: [Int] = []
        for index in open..<scalars.count {
            switch scalars[index] {
            case "{": depth += 1
            case "}":
                depth -= 1
                if depth == 0 { close = index }
            case "," where depth == 1: commas.append(index)
            default: break
            }
            if close != nil { break }
        }
        guard let close else { return [text] }
        let prefix = String(String.UnicodeScalarView(scalars[..<open]))
        let suffix = String(String.UnicodeScalarView(scalars[(close + 1)...]))
        var bounds = [open] + commas + [close]
        var result: [String] = []
        for index in 0..<(bounds.count - 1) {
            let option = String(String.UnicodeScalarView(scalars[(bounds[index] + 1)..<bounds[index + 1]]))
            result += expandBraces(prefix + option + suffix)
        }
        bounds.removeAll()
        return result
    }
}
