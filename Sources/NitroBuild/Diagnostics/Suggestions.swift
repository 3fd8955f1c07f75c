/// "Did you mean" help: the known words closest to what was written.
package enum Suggestions {
    /// Levenshtein distance over Unicode scalars.
    package static func distance(_ left: String, _ right: String) -> Int {
        let a = Array(left.unicodeScalars)
        let b = Array(right.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidate closest to `word` when it is close enough to be a likely typo
    /// (case-insensitive match, or at most a third of the word's length edited, at least 2).
    package static func closest(to word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        if let exact = candidates.first(where: { $0.lowercased() == lowered }) { return exact }
        let limit = Swift.max(2, word.unicodeScalars.count / 3)
        let ranked = ranked(word, candidates)
        guard let best = ranked.first, distance(lowered, best.lowercased()) <= limit else { return nil }
        return best
    }

    /// All candidates, closest first (ties in plain string order).
    package static func ranked(_ word: String, _ candidates: [String]) -> [String] {
        let lowered = word.lowercased()
        return candidates.map { ($0, distance(lowered, $0.lowercased())) }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : utf8Less($0.0, $1.0) }
            .map(\.0)
    }
}
