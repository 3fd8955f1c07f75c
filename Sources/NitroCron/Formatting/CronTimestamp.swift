import Foundation

/// ISO-8601 timestamps for tools: instants written as UTC with milliseconds
/// (`2024-01-01T00:01:00.000Z`), and start times read in the forms people type.
package enum CronTimestamp {
    /// `2024-01-01T00:01:00.000Z`: the instant rounded to the nearest millisecond, as JSON values
    /// write dates (`ISO8601Timestamp`).
    ///
    /// Not truncated: an instant read from text (`…:01.530`) is the `Date` nearest to it, which
    /// may lie just below the millisecond (`Date` holds seconds since 2001 in a `Double`, whose
    /// step is about 120 ns in 1970 and 4 µs in 2520), and truncating wrote it one millisecond
    /// earlier. Rounded, a timestamp written and read again is written the same.
    package static func format(_ date: Date) -> String {
        let totalMilliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        let milliseconds = Int64(totalMilliseconds)
        var seconds = milliseconds / 1000
        var fraction = milliseconds % 1000
        if fraction < 0 {
            fraction += 1000
            seconds -= 1
        }
        let c = CivilDate.components(seconds)
        return
            "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2)).\(pad(Int(fraction), 3))Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// Reads `2024-01-01`, `2024-01-01T09:30`, `2024-01-01T09:30:15.250`, each optionally followed
    /// by `Z` or an offset (`+02:00`, `-0500`). Without one, the time is a wall-clock time in
    /// `timeZone` (mapped as schedules map it). Returns nil for anything else.
    package static func parse(_ text: String, timeZone: TimeZone) -> Date? {
        var reader = ASCIIReader(bytes: Array(text.utf8))
        guard let year = reader.number(4), reader.take("-"), let month = reader.number(2), reader.take("-"),
            let day = reader.number(2), (1...12).contains(month), year >= 1, day >= 1,
            day <= CivilDate.daysInMonth(year: year, month: month)
        else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        // The fraction in nanoseconds, from its first nine digits (further digits are read and
        // dropped): one division at the end, not a sum of inexact tenths.
        var nanoseconds = 0
        if reader.take("T") || reader.take("t") || reader.take(" ") {
            guard let h = reader.number(2), reader.take(":"), let m = reader.number(2), h < 24, m < 60 else { return nil }
            (hour, minute) = (h, m)
            if reader.take(":") {
                guard let s = reader.number(2), s < 60 else { return nil }
                second = s
                if reader.take(".") || reader.take(",") {
                    var digits = 0
                    while let digit = reader.peek, digit >= 0x30, digit <= 0x39 {
                        if digits < 9 { nanoseconds = nanoseconds * 10 + Int(digit - 0x30) }
                        reader.index += 1
                        digits += 1
                    }
                    guard digits > 0 else { return nil }
                    for _ in digits..<max(digits, 9) { nanoseconds *= 10 }
                }
            }
        }
        let wall = CivilDate.seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        let instant: Int64
        if reader.isAtEnd {
            instant = ZoneRules.rules(for: timeZone).instant(atWallTime: wall)
        } else if reader.take("Z") || reader.take("z") {
            instant = wall
        } else if let signByte = reader.peek, signByte == UInt8(ascii: "+") || signByte == UInt8(ascii: "-") {
            let sign: Int64 = signByte == UInt8(ascii: "-") ? -1 : 1
            reader.index += 1
            guard let hours = reader.number(2), hours <= 14 else { return nil }
            var minutes = 0
            if !reader.isAtEnd {
                _ = reader.take(":")
                guard let m = reader.number(2), m < 60 else { return nil }
                minutes = m
            }
            instant = wall - sign * Int64(hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        guard reader.isAtEnd else { return nil }
        return Date(timeIntervalSince1970: Double(instant) + Double(nanoseconds) / 1e9)
    }
}
