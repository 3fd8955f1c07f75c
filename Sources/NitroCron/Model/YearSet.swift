/// A set of years 1-9999 as a bit set.
struct YearSet: Sendable, Hashable {
    static let range = 1...9999
    private var words = [UInt64](repeating: 0, count: 157)

    mutating func insert(_ year: Int) {
        words[year >> 6] |= 1 << UInt64(year & 63)
    }

    func contains(_ year: Int) -> Bool {
        guard Self.range.contains(year) else { return false }
        return words[year >> 6] & (1 << UInt64(year & 63)) != 0
    }

    /// The smallest year in the set that is `>= year`.
    func next(atOrAfter year: Int) -> Int? {
        var y = max(year, Self.range.lowerBound)
        guard y <= Self.range.upperBound else { return nil }
        var index = y >> 6
        var word = words[index] & (UInt64.max << UInt64(y & 63))
        while word == 0 {
            index += 1
            guard index < words.count else { return nil }
            word = words[index]
        }
        y = index << 6 + word.trailingZeroBitCount
        return y <= Self.range.upperBound ? y : nil
    }

    /// The years in the set, ascending.
    var members: [Int] {
        var result: [Int] = []
        var y = next(atOrAfter: 1)
        while let year = y {
            result.append(year)
            y = next(atOrAfter: year + 1)
        }
        return result
    }
}
