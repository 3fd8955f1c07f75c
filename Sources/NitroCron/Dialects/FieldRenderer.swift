/// Writes a set of values as compact cron text: `*`, `*/n`, `a-b/n`, or a list of values and
/// `a-b` runs, always ascending, so the same set always gives the same text.
enum FieldRenderer {
    static func numbers(_ mask: UInt64, in range: ClosedRange<Int>) -> String {
        let values = range.filter { mask & (1 << UInt64($0)) != 0 }
        return render(values, in: range) { String($0) }
    }

    /// `values` ascending and non-empty; `name` writes one value.
    static func render(_ values: [Int], in range: ClosedRange<Int>, name: (Int) -> String) -> String {
        if values.count == range.count { return "*" }
        if values.count >= 3 {
            let step = values[1] - values[0]
            let isProgression = step > 1 && zip(values, values.dropFirst()).allSatisfy { $1 - $0 == step }
            if isProgression {
                if values[0] == range.lowerBound, values[values.count - 1] + step > range.upperBound, name(1) == "1" {
                    return "*/\(step)"
                }
                if name(1) == "1" {
                    return "\(values[0])-\(values[values.count - 1])/\(step)"
                }
            }
        }
        var parts: [String] = []
        var index = 0
        while index < values.count {
            var end = index
            while end + 1 < values.count, values[end + 1] == values[end] + 1 { end += 1 }
            if end - index >= 2 {
                parts.append("\(name(values[index]))-\(name(values[end]))")
            } else {
                for i in index...end { parts.append(name(values[i])) }
            }
            index = end + 1
        }
        return parts.joined(separator: ",")
    }
}
