import Foundation

/// Dates as ISO 8601 text: how `JSONValue` writes a `Date` and which texts it reads back.
///
/// Written as JavaScript's `Date.toISOString()` does: UTC, milliseconds, `Z`
/// (`2026-01-31T09:30:00.000Z`; years outside 0…9999 as `+010000-…` / `-000001-…`), the date
/// rounded to the nearest millisecond and kept within JavaScript's range (±8.64e15 ms from 1970).
/// Read: `YYYY-MM-DD`, optionally followed by `T` (or a space) and `hh:mm`, `hh:mm:ss` or
/// `hh:mm:ss.fraction`, then `Z` or an offset (`+02:00`, `+0200`, `+02`); a date without a time
/// is midnight UTC, a time without a zone is UTC.
package enum ISO8601Timestamp {
    static let millisecondLimit: Int64 = 8_640_000_000_000_000

    /// The text of `date`.
    package static func format(_ date: Date) -> String {
        let exact = (date.timeIntervalSince1970 * 1000).rounded()
        let clamped = exact.isNaN ? 0 : min(max(exact, -Double(millisecondLimit)), Double(millisecondLimit))
        let milliseconds = Int64(clamped)
        let (days, inDay) = floorDivide(milliseconds, 86_400_000)
        let (year, month, day) = civil(fromDays: days)
        var text = ""
        if (0...9999).contains(year) {
            text += pad(year, 4)
        } else {
            text += (year < 0 ? "-" : "+") + pad(abs(year), 6)
        }
        text += "-" + pad(month, 2) + "-" + pad(day, 2)
        let seconds = inDay / 1000
        text += "T" + pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
        text += "." + pad(inDay % 1000, 3) + "Z"
        return text
    }

    /// The date `text` denotes, or `nil` when it is not one of the accepted forms or names no
    /// real day and time (`2026-02-30`, `25:00`).
    package static func parse(_ text: some StringProtocol) -> Date? {
        var reader = Reader(Array(text.utf8))
        var sign: Int64 = 1
        var yearDigits = 4
        if reader.take(UInt8(ascii: "+")) {
            yearDigits = 6
        } else if reader.take(UInt8(ascii: "-")) {
            sign = -1
            yearDigits = 6
        }
        guard let yearValue = reader.digits(yearDigits), reader.take(UInt8(ascii: "-")),
            let month = reader.digits(2), reader.take(UInt8(ascii: "-")), let day = reader.digits(2)
        else { return nil }
        let year = sign * yearValue
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else { return nil }
        var milliseconds = days(fromYear: year, month: month, day: day) * 86_400_000
        var fraction = 0.0
        if reader.take(UInt8(ascii: "T")) || reader.take(UInt8(ascii: "t")) || reader.take(UInt8(ascii: " ")) {
            guard let hour = reader.digits(2), reader.take(UInt8(ascii: ":")), let minute = reader.digits(2),
                hour < 24, minute < 60
            else { return nil }
            var second: Int64 = 0
            if reader.take(UInt8(ascii: ":")) {
                guard let value = reader.digits(2), value < 60 else { return nil }
                second = value
                if reader.take(UInt8(ascii: ".")) || reader.take(UInt8(ascii: ",")) {
                    var scale = 0.1
                    var any = false
                    while let digit = reader.digit() {
                        fraction += Double(digit) * scale
                        scale /= 10
                        any = true
                    }
                    guard any else { return nil }
                }
            }
            milliseconds += ((hour * 60 + minute) * 60 + second) * 1000
            if reader.take(UInt8(ascii: "Z")) || reader.take(UInt8(ascii: "z")) {
            } else if let offsetSign = reader.peek(), offsetSign == UInt8(ascii: "+") || offsetSign == UInt8(ascii: "-") {
                reader.index += 1
                guard let offsetHours = reader.digits(2), offsetHours < 24 else { return nil }
                var offsetMinutes: Int64 = 0
                if reader.take(UInt8(ascii: ":")) {
                    guard let value = reader.digits(2) else { return nil }
                    offsetMinutes = value
                } else if let value = reader.digits(2) {
                    offsetMinutes = value
                }
                guard offsetMinutes < 60 else { return nil }
                let offset = (offsetHours * 60 + offsetMinutes) * 60_000
                milliseconds += offsetSign == UInt8(ascii: "+") ? -offset : offset
            }
        }
        guard reader.atEnd, abs(milliseconds) <= millisecondLimit else { return nil }
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000 + fraction)
    }

    // MARK: - Calendar arithmetic (proleptic Gregorian, days since 1970-01-01)

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
        return (quotient, value - quotient * divisor)
    }

    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097).0
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func days(fromYear year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = floorDivide(shiftedYear, 400).0
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    struct Reader {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index == bytes.count }

        func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func take(_ byte: UInt8) -> Bool {
            guard peek() == byte else { return false }
            index += 1
            return true
        }

        mutating func digit() -> Int64? {
            guard let byte = peek(), (48...57).contains(byte) else { return nil }
            index += 1
            return Int64(byte - 48)
        }

        mutating func digits(_ count: Int) -> Int64? {
            var value: Int64 = 0
            for _ in 0..<count {
                guard let digit = digit() else { return nil }
                value = value * 10 + digit
            }
            return value
        }
    }
}
