import Foundation

/// A five-field expression read the way the *platform* reads it, written independently of
/// NitroCron from the platforms' documentation, to check translations against:
///
/// - Cloudflare (Cron Triggers docs; parser cloudflare/saffron): UTC; weekdays 1-7 with
///   1 = Sunday, or names; month names; `L`, `LW`, `nW` alone in day-of-month; `nL` / `n#k`
///   (with a weekday number or name) alone in day-of-week; both day fields restricted = either.
/// - Vercel (Cron Jobs docs): UTC; numbers only; weekdays 0-6 with 0 = Sunday; no `L W #`;
///   day-of-month and day-of-week may not both be restricted.
struct PresetPlatformCron {
    enum Dialect { case cloudflare, vercel }

    struct Unsupported: Error, CustomStringConvertible {
        let description: String
    }

    enum DayOfMonth {
        case any
        case days(Set<Int>)
        case last
        case lastWeekday
        case nearestWeekday(Int)
    }

    enum DayOfWeek {
        case any
        case weekdays(Set<Int>)  // 0 = Sunday
        case last(Int)
        case nth(Int, Int)
    }

    let minutes: Set<Int>
    let hours: Set<Int>
    let months: Set<Int>
    let dayOfMonth: DayOfMonth
    let dayOfWeek: DayOfWeek

    static let monthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    static let dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

    init(_ text: String, dialect: Dialect) throws {
        let fields = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 5 else { throw Unsupported(description: "\(text): not five fields") }
        minutes = try Self.set(fields[0], 0...59, names: [:], dialect: dialect)
        hours = try Self.set(fields[1], 0...23, names: [:], dialect: dialect)
        var monthNames: [String: Int] = [:]
        if dialect == .cloudflare { for (index, name) in Self.monthNames.enumerated() { monthNames[name] = index + 1 } }
        months = try Self.set(fields[3], 1...12, names: monthNames, dialect: dialect)
        dayOfMonth = try Self.dayOfMonth(fields[2], dialect: dialect)
        dayOfWeek = try Self.dayOfWeek(fields[4], dialect: dialect)
        if dialect == .vercel, case .days = dayOfMonth, case .weekdays = dayOfWeek {
            throw Unsupported(description: "\(text): Vercel refuses both day fields")
        }
    }

    static func set(_ field: String, _ range: ClosedRange<Int>, names: [String: Int], dialect: Dialect) throws -> Set<Int> {
        var result: Set<Int> = []
        for item in field.split(separator: ",").map(String.init) {
            let parts = item.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count <= 2 else { throw Unsupported(description: "bad step in \(field)") }
            let step = parts.count == 2 ? Int(parts[1]) : 1
            guard let step, step > 0 else { throw Unsupported(description: "bad step in \(field)") }
            var low = range.lowerBound
            var high = range.upperBound
            if parts[0] != "*" {
                let bounds = parts[0].split(separator: "-").map(String.init)
                guard bounds.count <= 2 else { throw Unsupported(description: "bad range in \(field)") }
                func value(_ text: String) throws -> Int {
                    if let number = Int(text) { return number }
                    if let named = names[text.uppercased()] { return named }
                    throw Unsupported(description: "\(dialect) does not read '\(text)'")
                }
                low = try value(bounds[0])
                high = bounds.count == 2 ? try value(bounds[1]) : (parts.count == 2 ? range.upperBound : low)
            }
            guard range.contains(low), range.contains(high), low <= high else {
                throw Unsupported(description: "\(field) is outside \(range)")
            }
            result.formUnion(stride(from: low, through: high, by: step))
        }
        return result
    }

    static func dayOfMonth(_ field: String, dialect: Dialect) throws -> DayOfMonth {
        if field == "*" { return .any }
        if dialect == .cloudflare {
            if field == "L" { return .last }
            if field == "LW" { return .lastWeekday }
            if field.hasSuffix("W"), let day = Int(field.dropLast()) { return .nearestWeekday(day) }
        }
        return .days(try set(field, 1...31, names: [:], dialect: dialect))
    }

    static func dayOfWeek(_ field: String, dialect: Dialect) throws -> DayOfWeek {
        if field == "*" { return .any }
        switch dialect {
        case .vercel:
            return .weekdays(try set(field, 0...6, names: [:], dialect: dialect))
        case .cloudflare:
            var names: [String: Int] = [:]
            for (index, name) in dayNames.enumerated() { names[name] = index + 1 }
            func weekday(_ text: String) throws -> Int {
                let value = try set(text, 1...7, names: names, dialect: dialect)
                guard value.count == 1 else { throw Unsupported(description: "one weekday expected in \(field)") }
                return value.first! - 1
            }
            if field.hasSuffix("L") { return .last(try weekday(String(field.dropLast()))) }
            let hash = field.split(separator: "#").map(String.init)
            if hash.count == 2, let k = Int(hash[1]) { return .nth(try weekday(hash[0]), k) }
            return .weekdays(Set(try set(field, 1...7, names: names, dialect: dialect).map { $0 - 1 }))
        }
    }

    /// Whether the platform fires on this UTC day (`weekday` 0 = Sunday).
    func firesOn(year: Int, month: Int, day: Int, weekday: Int, daysInMonth: Int) -> Bool {
        guard months.contains(month) else { return false }
        let domMatch: Bool?
        switch dayOfMonth {
        case .any: domMatch = nil
        case .days(let days): domMatch = days.contains(day)
        case .last: domMatch = day == daysInMonth
        case .lastWeekday:
            let lastWeekday = (weekday + (daysInMonth - day)) % 7
            let offset = lastWeekday == 6 ? 1 : lastWeekday == 0 ? 2 : 0
            domMatch = day == daysInMonth - offset
        case .nearestWeekday(let target):
            guard target <= daysInMonth else {
                domMatch = false
                break
            }
            let targetWeekday = ((weekday + target - day) % 7 + 7) % 7
            var chosen = target
            if targetWeekday == 6 { chosen = target == 1 ? target + 2 : target - 1 }
            if targetWeekday == 0 { chosen = target == daysInMonth ? target - 2 : target + 1 }
            domMatch = day == chosen
        }
        let dowMatch: Bool?
        switch dayOfWeek {
        case .any: dowMatch = nil
        case .weekdays(let set): dowMatch = set.contains(weekday)
        case .last(let target): dowMatch = weekday == target && day + 7 > daysInMonth
        case .nth(let target, let k): dowMatch = weekday == target && (day - 1) / 7 + 1 == k
        }
        switch (domMatch, dowMatch) {
        case (nil, nil): return true
        case (let one?, nil), (nil, let one?): return one
        case (let a?, let b?): return a || b
        }
    }

    /// Every UTC instant (seconds) in `year` at which the platform fires.
    func instants(inYear year: Int) -> [Int64] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var result: [Int64] = []
        var date = calendar.date(from: DateComponents(year: year, month: 1, day: 1))!
        let sortedHours = hours.sorted()
        let sortedMinutes = minutes.sorted()
        while calendar.component(.year, from: date) == year {
            let parts = calendar.dateComponents([.month, .day, .weekday], from: date)
            let daysInMonth = calendar.range(of: .day, in: .month, for: date)!.count
            if firesOn(year: year, month: parts.month!, day: parts.day!, weekday: parts.weekday! - 1, daysInMonth: daysInMonth) {
                let midnight = Int64(date.timeIntervalSince1970)
                for hour in sortedHours {
                    for minute in sortedMinutes { result.append(midnight + Int64(hour * 3600 + minute * 60)) }
                }
            }
            date = calendar.date(byAdding: .day, value: 1, to: date)!
        }
        return result
    }
}
