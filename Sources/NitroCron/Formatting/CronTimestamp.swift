import Foundation

/// ISO-8601 timestamps for tools: instants written as UTC with milliseconds
/// (`2024-01-01T00:01:00.000Z`), and start times read in the forms people type.
package enum CronTimestamp {
    /// `2024-01-01T00:01:00.000Z`.
    package static func format(_ date: Date) -> String {
        let totalMilliseconds = (date.timeIntervalSince1970 * 1000).rounded(.down)
        let milliseconds = Int64(totalMilliseconds)
        var seconds = milliseconds / 1000
        var fraction = milliseconds % 1000
        if fraction < 0 {
            fraction += 1000
            seconds -= 1
        }
        let c = CivilDate.components(seconds)
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2)).\(pad(Int(fraction), 3))Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// Reads `2024-01-01`, `2024-01-01T09:30`, `2024-01-01T09:30:15.250`, each optionally followed
    /// by `Z` or an offset (`+02:00`, `-0500`). Without one, the time is a wall-clock time in
    /// `timeZone` (mapped as schedules map it). Returns nil for anything else.
    package static func parse(_ text: String, timeZone: TimeZone) -> Date? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<(index + digits)] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += digits
            return value
        }
        func expect(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
            (1...12).contains(month), year >= 1, day >= 1, day <= CivilDate.daysInMonth(year: year, month: month)
        else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        var fraction = 0.0
        if index < bytes.count, bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: "t") || bytes[index] == 0x20 {
            index += 1
            guard let h = number(2), expect(":"), let m = number(2), h < 24, m < 60 else { return nil }
            (hour, minute) = (h, m)
            if expect(":") {
                guard let s = number(2), s < 60 else { return nil }
                second = s
                if expect(".") || expect(",") {
                    var scale = 0.1
                    var digits = 0
                    while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                        fraction += Double(bytes[index] - 0x30) * scale
                        scale /= 10
                        index += 1
                        digits += 1
                    }
                    guard digits > 0 else { return nil }
                }
            }
        }
        let wall = CivilDate.seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        let instant: Int64
        if index == bytes.count {
            instant = ZoneRules.rules(for: timeZone).instant(atWallTime: wall)
        } else if expect("Z") || expect("z") {
            instant = wall
        } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign: Int64 = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let hours = number(2), hours <= 14 else { return nil }
            var minutes = 0
            if index < bytes.count {
                _ = expect(":")
                guard let m = number(2), m < 60 else { return nil }
                minutes = m
            }
            instant = wall - sign * Int64(hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        return Date(timeIntervalSince1970: Double(instant) + fraction)
    }
}
