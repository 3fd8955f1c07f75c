import NitroBuild

/// A unified diff (`diff -u` form, 3 lines of context) between two texts, for `--check` and
/// `--dry-run`. Common leading and trailing lines are trimmed first; the rest is matched with a
/// longest-common-subsequence table when small enough, else shown as replaced.
package enum UnifiedDiff {
    static let context = 3
    static let tableLimit = 4_000_000

    enum Line: Equatable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// The diff from `old` (`nil`: the file does not exist) to `new`, headed `a/PATH` and `b/PATH`.
    package static func render(old: [UInt8]?, new: [UInt8], path: String) -> String {
        let oldLines = lines(old ?? [])
        let newLines = lines(new)
        let edits = diff(oldLines, newLines)
        let shown = PrintableText.escape(path)
        var output = ["--- \(old == nil ? "/dev/null" : "a/" + shown)", "+++ b/\(shown)"]
        output += hunks(edits)
        return output.joined(separator: "\n")
    }

    /// Lines without their `\n`; a last line without one is marked as the diff tools do.
    static func lines(_ bytes: [UInt8]) -> [String] {
        guard !bytes.isEmpty else { return [] }
        var result = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        if result.last == "" {
            result.removeLast()
        } else {
            result[result.count - 1] += "\n\\ No newline at end of file"
        }
        return result
    }

    static func diff(_ old: [String], _ new: [String]) -> [Line] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
            old[old.count - 1 - suffix] == new[new.count - 1 - suffix]
        {
            suffix += 1
        }
        let a = Array(old[prefix..<(old.count - suffix)])
        let b = Array(new[prefix..<(new.count - suffix)])
        var middle: [Line] = []
        if a.isEmpty || b.isEmpty || (a.count + 1) * (b.count + 1) > tableLimit {
            middle = a.map(Line.removed) + b.map(Line.added)
        } else {
            // table[i][j]: longest common subsequence of a[i...] and b[j...].
            let width = b.count + 1
            var table = [Int32](repeating: 0, count: (a.count + 1) * width)
            for i in stride(from: a.count - 1, through: 0, by: -1) {
                for j in stride(from: b.count - 1, through: 0, by: -1) {
                    table[i * width + j] =
                        a[i] == b[j]
                        ? table[(i + 1) * width + j + 1] + 1 : max(table[(i + 1) * width + j], table[i * width + j + 1])
                }
            }
            var i = 0
            var j = 0
            while i < a.count || j < b.count {
                if i < a.count, j < b.count, a[i] == b[j] {
                    middle.append(.same(a[i]))
                    i += 1
                    j += 1
                } else if j < b.count, i == a.count || table[i * width + j + 1] >= table[(i + 1) * width + j] {
                    middle.append(.added(b[j]))
                    j += 1
                } else {
                    middle.append(.removed(a[i]))
                    i += 1
                }
            }
        }
        return old[..<prefix].map(Line.same) + middle + old[(old.count - suffix)...].map(Line.same)
    }

    static func hunks(_ edits: [Line]) -> [String] {
        var output: [String] = []
        var index = 0
        var oldLine = 1
        var newLine = 1
        // Positions (in `edits`) of changed lines.
        let changed = edits.indices.filter { if case .same = edits[$0] { false } else { true } }
        guard !changed.isEmpty else { return [] }
        var groupStart = 0
        while groupStart < changed.count {
            var groupEnd = groupStart
            while groupEnd + 1 < changed.count, changed[groupEnd + 1] - changed[groupEnd] <= 2 * context {
                groupEnd += 1
            }
            let from = max(0, changed[groupStart] - context)
            let to = min(edits.count, changed[groupEnd] + context + 1)
            while index < from {
                advance(edits[index], &oldLine, &newLine)
                index += 1
            }
            let oldStart = oldLine
            let newStart = newLine
            var body: [String] = []
            var oldCount = 0
            var newCount = 0
            while index < to {
                switch edits[index] {
                case .same(let text):
                    body.append(" " + text)
                    oldCount += 1
                    newCount += 1
                case .removed(let text):
                    body.append("-" + text)
                    oldCount += 1
                case .added(let text):
                    body.append("+" + text)
                    newCount += 1
                }
                advance(edits[index], &oldLine, &newLine)
                index += 1
            }
            output.append(
                "@@ -\(range(oldCount == 0 ? oldStart - 1 : oldStart, oldCount)) +\(range(newCount == 0 ? newStart - 1 : newStart, newCount)) @@"
            )
            output += body
            groupStart = groupEnd + 1
        }
        return output
    }

    static func range(_ start: Int, _ count: Int) -> String {
        count == 1 ? "\(start)" : "\(start),\(count)"
    }

    static func advance(_ line: Line, _ oldLine: inout Int, _ newLine: inout Int) {
        switch line {
        case .same:
            oldLine += 1
            newLine += 1
        case .removed: oldLine += 1
        case .added: newLine += 1
        }
    }
}
