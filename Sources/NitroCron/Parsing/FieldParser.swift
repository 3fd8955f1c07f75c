/// Parses one field's text (a comma-separated list of items) into the schedule's masks,
/// following croner 10's grammar and rejecting what croner rejects, with a column for each error.
struct FieldParser {
    let bytes: [UInt8]
    /// Column of the field's first byte minus one; nil when the text came from a nickname.
    let baseColumn: Int?
    let fallbackColumn: Int

    private func column(_ offset: Int) -> Int {
        baseColumn.map { $0 + offset + 1 } ?? fallbackColumn
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    private func error(_ message: String, at offset: Int, _ field: CronField) -> CronError {
        CronError(message, column: column(offset), field: field)
    }

    mutating func parse(_ field: CronField, into schedule: inout CronSchedule) throws(CronError) {
        let spec: FieldSpec
        switch field {
        case .second:
            spec = .second
            schedule.seconds = 0
        case .minute: spec = .minute
        case .hour: spec = .hour
        case .dayOfMonth: spec = .dayOfMonth
        case .month: spec = .month
        case .dayOfWeek: spec = .dayOfWeek
        case .year: spec = .year
        }
        var start = 0
        if field == .dayOfWeek, bytes.first == UInt8(ascii: "+") {
            schedule.requiresBothDays = true
            start = 1
            guard bytes.count > 1 else {
                throw error("'+' must be followed by days of the week, such as '+MON'", at: 0, field)
            }
        }
        let whole = start..<bytes.count
        let upper = text(whole).uppercased()
        switch field {
        case .dayOfMonth:
            schedule.dayOfMonthIsStar = upper == "*"
            if upper == "LW" {
                schedule.lastWeekdayOfMonth = true
                return
            }
        case .dayOfWeek: schedule.dayOfWeekIsStar = upper == "*"
        case .year:
            if upper == "*" || upper == "?" { return }
            schedule.years = YearSet()
        default: break
        }
        var itemStart = start
        for index in start...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: ",") {
            guard index > itemStart else {
                throw error("empty item in the \(field.displayName) list; remove the extra comma", at: min(index, bytes.count - 1), field)
            }
            try parseItem(itemStart..<index, spec: spec, into: &schedule)
            itemStart = index + 1
        }
    }

    private func parseItem(_ item: Range<Int>, spec: FieldSpec, into schedule: inout CronSchedule) throws(CronError) {
        let field = spec.field
        let upper = text(item).uppercased()
        var base = item
        var occurrences: UInt8 = CronSchedule.anyOccurrence
        switch field {
        case .dayOfMonth:
            if upper == "L" {
                schedule.lastDayOfMonth = true
                return
            }
            if upper == "LW" {
                throw error("'LW' (the last weekday of the month) must be the whole day-of-month field", at: item.lowerBound, field)
            }
            if let l = upper.firstIndex(of: "L") {
                let offset = item.lowerBound + upper.distance(from: upper.startIndex, to: l)
                let digits = upper.filter(\.isNumber)
                let advice =
                    upper.hasPrefix("L-")
                    ? "croner has no 'L-n'; list the days instead, or use 'L'"
                    : "write a list such as '\(digits.isEmpty ? "15" : digits),L' for day \(digits.isEmpty ? "15" : digits) and the last day"
                throw error("'L' (the last day of the month) stands alone in day-of-month; \(advice)", at: offset, field)
            }
            if upper.hasSuffix("W") {
                let day = try parseNumber(item.lowerBound..<(item.upperBound - 1), spec: spec)
                guard let day else {
                    throw error("'W' (the weekday nearest a day) needs a single day before it, such as '15W'", at: item.lowerBound, field)
                }
                schedule.nearestWeekdays |= 1 << UInt64(day)
                return
            }
        case .dayOfWeek:
            if let hash = bytes[item].firstIndex(of: UInt8(ascii: "#")) {
                let nth = text((hash + 1)..<item.upperBound).uppercased()
                if nth == "L" {
                    occurrences = CronSchedule.lastOccurrence
                } else if let k = Int(nth), (1...5).contains(k), nth.count == 1 {
                    occurrences = 1 << UInt8(k - 1)
                } else {
                    throw error("'#' must be followed by an occurrence 1-5 (or L), as in 'MON#2' for the second Monday", at: hash, field)
                }
                base = item.lowerBound..<hash
            } else if upper.count > 1, upper.hasSuffix("L") {
                occurrences = CronSchedule.lastOccurrence
                base = item.lowerBound..<(item.upperBound - 1)
            } else if upper == "L" {
                throw error(
                    "'L' in day-of-week needs a weekday before it, such as '5L' or 'FRIL' for the last Friday", at: item.lowerBound, field)
            }
            if base.isEmpty {
                throw error("'#' needs a weekday before it, such as 'MON#2'", at: item.lowerBound, field)
            }
        default:
            break
        }
        for (offset, byte) in bytes[base].enumerated() {
            let c = byte | 0x20
            if c == UInt8(ascii: "w") || c == UInt8(ascii: "l") || byte == UInt8(ascii: "#") {
                let what =
                    c == UInt8(ascii: "w")
                    ? "'W' (nearest weekday) is only allowed after a single day in day-of-month, such as '15W'"
                    : c == UInt8(ascii: "l")
                        ? "'L' (last) is only allowed in day-of-month ('L') and day-of-week ('5L')"
                        : "'#' (nth weekday) is only allowed in day-of-week, such as 'MON#2'"
                if spec.names.isEmpty || !isLetterOfName(base, offset) {
                    throw error(what, at: base.lowerBound + offset, field)
                }
            }
        }
        let values = try parseValues(base, spec: spec)
        for value in values {
            set(value, spec: spec, occurrences: occurrences, into: &schedule)
        }
    }

    /// Whether the letter at `offset` is inside a run of letters (a name such as `JUL`).
    private func isLetterOfName(_ base: Range<Int>, _ offset: Int) -> Bool {
        let index = base.lowerBound + offset
        func isLetter(_ i: Int) -> Bool {
            i >= base.lowerBound && i < base.upperBound && (bytes[i] | 0x20) >= 0x61 && (bytes[i] | 0x20) <= 0x7A
        }
        return isLetter(index - 1) || isLetter(index + 1)
    }

    private func set(_ value: Int, spec: FieldSpec, occurrences: UInt8, into schedule: inout CronSchedule) {
        let bit = UInt64(1) << UInt64(value & 63)
        switch spec.field {
        case .second: schedule.seconds |= bit
        case .minute: schedule.minutes |= bit
        case .hour: schedule.hours |= bit
        case .dayOfMonth: schedule.daysOfMonth |= bit
        case .month: schedule.months |= bit
        case .dayOfWeek: schedule.addOccurrences(occurrences, weekday: value % 7)
        case .year: schedule.years?.insert(value)
        }
    }

    /// `*`, `*/n`, `v`, `a-b`, `a-b/n` → the values they select.
    private func parseValues(_ base: Range<Int>, spec: FieldSpec) throws(CronError) -> [Int] {
        let field = spec.field
        let slash = bytes[base].firstIndex(of: UInt8(ascii: "/"))
        let body = base.lowerBound..<(slash ?? base.upperBound)
        var step: Int?
        if let slash {
            let stepRange = (slash + 1)..<base.upperBound
            guard !stepRange.isEmpty, bytes[stepRange].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), stepRange.count <= 6 else {
                throw error("a step after '/' must be a whole number, as in '*/15'", at: slash, field)
            }
            let n = Int(text(stepRange))!
            if n == 0 { throw error("a step of 0 never advances; use a step of 1 or more", at: slash + 1, field) }
            if n > spec.length {
                throw error("step \(n) is larger than the \(spec.length) values of the \(field.displayName) field", at: slash + 1, field)
            }
            step = n
        }
        let bodyText = text(body)
        if bodyText == "*" || bodyText == "?" {
            guard let step else { return Array(spec.range.lowerBound...(field == .dayOfWeek ? 6 : spec.range.upperBound)) }
            if field == .year {
                throw error("croner cannot step over every year; write a range such as '2024-2099/\(step)'", at: body.lowerBound, field)
            }
            let top = field == .dayOfWeek ? 6 : spec.range.upperBound
            return Array(stride(from: spec.range.lowerBound, through: top, by: step))
        }
        if body.isEmpty {
            throw error("a step needs '*' or a range before '/': write '*/\(step ?? 1)'", at: base.lowerBound, field)
        }
        let dash = bytes[body].firstIndex(of: UInt8(ascii: "-"))
        if dash == nil, let step {
            let low = try value(body, spec: spec, isUpperBound: false)
            throw error(
                "croner 10 rejects '\(text(base))': a step needs '*' or a range before '/'; write '\(low)-\(spec.range.upperBound == 7 ? 6 : spec.range.upperBound)/\(step)'\(low == spec.range.lowerBound ? " or '*/\(step)'" : "")",
                at: base.lowerBound, field)
        }
        guard let dash else {
            return [try value(body, spec: spec, isUpperBound: false)]
        }
        let lowRange = body.lowerBound..<dash
        let highRange = (dash + 1)..<body.upperBound
        guard !lowRange.isEmpty, !highRange.isEmpty, !bytes[highRange].contains(UInt8(ascii: "-")) else {
            throw error("'\(bodyText)' is not a range; write a range as 'low-high', such as '1-5'", at: body.lowerBound, field)
        }
        let low = try value(lowRange, spec: spec, isUpperBound: false)
        let high = try value(highRange, spec: spec, isUpperBound: true)
        if low > high {
            let wrap = "\(low)-\(spec.range.upperBound),\(spec.range.lowerBound)-\(high)"
            throw error("the range '\(bodyText)' goes backwards and ranges do not wrap around; write '\(wrap)'", at: body.lowerBound, field)
        }
        return Array(stride(from: low, through: high, by: step ?? 1))
    }

    /// A number or a name, checked against the field's range.
    private func value(_ range: Range<Int>, spec: FieldSpec, isUpperBound: Bool) throws(CronError) -> Int {
        let field = spec.field
        if let number = try parseNumber(range, spec: spec) { return number }
        let word = text(range).uppercased()
        if let index = spec.names.firstIndex(of: word) {
            // SUN as the end of a range is 7, so that 'FRI-SUN' works.
            if field == .dayOfWeek, index == 0, isUpperBound { return 7 }
            return spec.range.lowerBound + index
        }
        if spec.names.isEmpty {
            throw error(
                "'\(text(range))' is not a number; the \(field.displayName) field takes \(spec.accepted)", at: range.lowerBound, field)
        }
        throw error("unknown \(field.displayName) '\(text(range))'; use \(spec.accepted)", at: range.lowerBound, field)
    }

    /// A decimal number in the field's range, or nil when the text is not all digits.
    private func parseNumber(_ range: Range<Int>, spec: FieldSpec) throws(CronError) -> Int? {
        guard !range.isEmpty, bytes[range].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let number = range.count > 6 ? Int.max : Int(text(range))!
        guard spec.range.contains(number) else {
            throw error("\(spec.field.displayName) \(text(range)) is out of range \(spec.accepted)", at: range.lowerBound, spec.field)
        }
        return number
    }
}
