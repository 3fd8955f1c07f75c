import Foundation

extension CronExpression {
    /// The expression in English words, for people (the development dashboard): `"0 9 * * 1"` is
    /// "At 09:00 on Monday", `"*/5 * * * *"` "At every 5th minute", `"0 0 L * *"` "At 00:00 on
    /// the last day of the month".
    ///
    /// Written from the fields as given (nicknames expanded), in the style of crontab.guru; when
    /// both day fields are restricted it says "or" (either matches), or "if it is" with `+`. A
    /// one-shot date is "Once, at" and the date as written. The time zone is not part of the words.
    public var inWords: String {
        if isOneShot { return "Once, at " + source.trimmingCharacters(in: .whitespaces) }
        return CronWords(fields: parsed.fields).sentence
    }
}

/// Builds ``CronExpression/inWords`` from the fields of a parsed (hence valid) expression.
struct CronWords {
    private let texts: [CronField: String]

    init(fields: [FieldText]) {
        var texts: [CronField: String] = [:]
        for field in fields { texts[field.field] = field.text }
        self.texts = texts
    }

    var sentence: String {
        [time, days, months, years].compactMap { $0 }.joined(separator: " ")
    }

    // MARK: - Time of day

    private var time: String {
        let second = texts[.second] ?? "0"
        let minute = texts[.minute] ?? "*"
        let hour = texts[.hour] ?? "*"
        if let s = Int(second), let m = Int(minute) {
            let hours = hour.split(separator: ",").compactMap { Int($0) }
            if !hours.isEmpty, hours.count == hour.split(separator: ",").count, hours.count <= 4 {
                let clock = hours.map { Self.clock($0, m, s) }
                return "At " + Self.list(clock)
            }
        }
        var parts: [String] = []
        let hasSeconds = texts[.second] != nil && second != "0"
        if hasSeconds { parts.append(Self.unit(second, "second")) }
        if !(hasSeconds && minute == "*" && hour == "*") { parts.append(Self.unit(minute, "minute")) }
        if hour != "*" { parts.append(Self.unit(hour, "hour")) }
        return "At " + parts.joined(separator: " past ")
    }

    private static func clock(_ hour: Int, _ minute: Int, _ second: Int) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(hour)):\(two(minute))" + (second == 0 ? "" : ":\(two(second))")
    }

    // MARK: - Days, months, years

    private var days: String? {
        let dayOfMonth = texts[.dayOfMonth] ?? "*"
        var dayOfWeek = texts[.dayOfWeek] ?? "*"
        let both = dayOfWeek.hasPrefix("+")
        if both { dayOfWeek.removeFirst() }
        let monthDays = Self.isAny(dayOfMonth) ? nil : Self.monthDays(dayOfMonth)
        let weekDays = Self.isAny(dayOfWeek) ? nil : Self.weekDays(dayOfWeek)
        switch (monthDays, weekDays) {
        case (nil, nil): return nil
        case (let days?, nil), (nil, let days?): return "on " + days
        case (let days?, let weekdays?): return "on \(days) " + (both ? "if it is \(weekdays)" : "or on \(weekdays)")
        }
    }

    private static func monthDays(_ text: String) -> String {
        let upper = text.uppercased()
        if upper == "L" { return "the last day of the month" }
        if upper == "LW" { return "the last weekday of the month" }
        let parts = upper.split(separator: ",")
        if !parts.contains(where: { $0.contains("L") || $0.contains("W") }) { return unit(upper, "day-of-month") }
        let items = parts.map { item -> String in
            if item == "L" { return "the last day of the month" }
            if item.hasSuffix("W"), let day = Int(item.dropLast()) { return "the weekday nearest day \(day) of the month" }
            return unit(String(item), "day-of-month")
        }
        return list(items)
    }

    private static func weekDays(_ text: String) -> String {
        let items = text.uppercased().split(separator: ",").map { item -> String in
            if item.hasSuffix("L"), item.count > 1, let day = weekday(item.dropLast()) {
                return "the last \(day) of the month"
            }
            if let hash = item.firstIndex(of: "#"), let day = weekday(item[..<hash]), let nth = Int(item[item.index(after: hash)...]) {
                return "the \(ordinal(nth)) \(day) of the month"
            }
            return unit(String(item), "day-of-week", name: weekday)
        }
        return list(items)
    }

    private var months: String? {
        guard let text = texts[.month], !Self.isAny(text) else { return nil }
        return "in " + Self.list(text.uppercased().split(separator: ",").map { Self.unit(String($0), "month", name: Self.month) })
    }

    private var years: String? {
        guard let text = texts[.year], !Self.isAny(text) else { return nil }
        return "in " + Self.unit(text, "year")
    }

    // MARK: - Items

    private static func isAny(_ text: String) -> Bool { text == "*" || text == "?" }

    /// One item of a field: `*`, `*/n`, `a`, `a-b`, `a/n`, `a-b/n`, each value shown by `name`.
    static func unit(_ item: String, _ unit: String, name: (Substring) -> String? = { String($0) }) -> String {
        if item.contains(",") {
            let items = item.split(separator: ",")
            if items.allSatisfy({ Int($0) != nil && name($0) == String($0) }) {
                return plural(unit) + " " + list(items.map(String.init))
            }
            return list(items.map { Self.unit(String($0), unit, name: name) })
        }
        let parts = item.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let range = parts[0]
        func shown(_ value: Substring) -> String { name(value) ?? String(value) }
        guard parts.count == 2, let step = Int(parts[1]) else {
            if range == "*" || range == "?" { return "every \(unit)" }
            if let dash = range.firstIndex(of: "-") {
                let span = "\(shown(range[..<dash])) through \(shown(range[range.index(after: dash)...]))"
                return name(range[..<dash]) == String(range[..<dash]) ? "every \(unit) from \(span)" : span
            }
            return name(range) == String(range) ? "\(unit) \(range)" : shown(range)
        }
        let every = "every \(ordinal(step)) \(unit)"
        if range == "*" || range == "?" { return every }
        if let dash = range.firstIndex(of: "-") {
            return "\(every) from \(shown(range[..<dash])) through \(shown(range[range.index(after: dash)...]))"
        }
        return "\(every) from \(shown(range))"
    }

    /// `minutes`, `days-of-month`.
    static func plural(_ unit: String) -> String {
        unit.hasPrefix("day-of-") ? "days-" + unit.dropFirst(4) : unit + "s"
    }

    static func weekday(_ text: Substring) -> String? {
        let names = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
        if let number = Int(text), (0...7).contains(number) { return names[number % 7] }
        return names.first { $0.uppercased().hasPrefix(text.uppercased()) && text.count == 3 }
    }

    static func month(_ text: Substring) -> String? {
        let names = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        if let number = Int(text), (1...12).contains(number) { return names[number - 1] }
        return names.first { $0.uppercased().hasPrefix(text.uppercased()) && text.count == 3 }
    }

    /// `1st`, `2nd`, `3rd`, `4th`, `11th`, `21st`.
    static func ordinal(_ number: Int) -> String {
        let suffix: String
        switch (number % 10, number % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(number)\(suffix)"
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
