import Foundation
import NitroCron

/// Checks the crons the user lists themselves (their wrangler file's `triggers.crons`,
/// `cloudflare.wrangler.triggers.crons`) in Cloudflare's dialect, as the schedules are: they are
/// copied into the generated `wrangler.json` verbatim, so one that `wrangler deploy` refuses (six
/// fields with seconds, a bad field) is an error at its place in that file.
enum WranglerCronCheck {
    /// The problem with `cron` in Cloudflare's dialect and its 1-based column in the expression,
    /// or `nil` when Cloudflare accepts it.
    static func problem(_ cron: String) -> (message: String, column: Int)? {
        let fields = cron.split(whereSeparator: { $0 == " " || $0 == "\t" })
        if fields.count != 5 {
            let count = ["no", "one", "two", "three", "four", "five", "six", "seven"]
            let written = fields.count < count.count ? count[fields.count] : "\(fields.count)"
            let seconds = fields.count == 6 ? " and no seconds" : ""
            let column = fields.count > 5 ? columnOf(field: fields.count == 6 ? 0 : 5, in: cron) : 1
            return (
                "it has \(written) fields, but a Cloudflare Cron Trigger has five (minute hour day-of-month month "
                    + "day-of-week)\(seconds), so wrangler deploy refuses it: write it with five fields", column
            )
        }
        // Cloudflare numbers weekdays 1-7 with 1 = Sunday; 0 is not a weekday there.
        let weekdays = fields[4]
        for part in weekdays.split(separator: ",") {
            let start = part.split(separator: "/").first.map { $0.split(separator: "-") } ?? []
            if start.contains(where: { $0 == "0" }) {
                return (
                    "Cloudflare numbers weekdays 1-7 with 1 = Sunday, so `0` is not a weekday: write `1` or `SUN`",
                    columnOf(field: 4, in: cron)
                )
            }
        }
        // The rest of the syntax is croner's for five fields (names, ranges, steps, `L`, `W`, `#`).
        do {
            _ = try CronExpression(cron, timeZone: TimeZone(identifier: "UTC")!)
        } catch {
            return (error.message, error.column ?? 1)
        }
        return nil
    }

    /// The column of the field numbered `index` (0-based).
    static func columnOf(field index: Int, in cron: String) -> Int {
        var column = 1
        var field = -1
        var inField = false
        for byte in cron.utf8 {
            let blank = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
            if !blank && !inField {
                field += 1
                if field == index { return column }
            }
            inField = !blank
            column += 1
        }
        return 1
    }

    /// Where `cron` is written in `file` at or after `offset`: the byte after its opening quote.
    static func location(of cron: String, in file: SourceFile, after offset: Int) -> SourceLocation? {
        let needleBytes = Array(cron.utf8)
        let bytes = file.bytes
        guard !needleBytes.isEmpty, bytes.count > needleBytes.count else { return nil }
        var index = max(offset, 0)
        while index + needleBytes.count < bytes.count {
            let quote = bytes[index]
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"),
                bytes[(index + 1)..<(index + 1 + needleBytes.count)].elementsEqual(needleBytes),
                index + 1 + needleBytes.count < bytes.count, bytes[index + 1 + needleBytes.count] == quote
            {
                return LineIndex(bytes).location(of: index + 1, in: file.path)
            }
            index += 1
        }
        return nil
    }

    /// Where the key `key` is written in `file` at or after `offset` (bare or quoted, followed by
    /// `:`, `=` or a closing quote): the key's first byte.
    static func location(ofKey key: String, in file: SourceFile, after offset: Int) -> SourceLocation? {
        let needle = Array(key.utf8)
        let bytes = file.bytes
        var index = max(offset, 0)
        func isNameByte(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$") || (byte >= 0x30 && byte <= 0x39)
                || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
        }
        while index + needle.count <= bytes.count {
            if bytes[index..<(index + needle.count)].elementsEqual(needle),
                index == 0 || !isNameByte(bytes[index - 1]),
                index + needle.count == bytes.count || !isNameByte(bytes[index + needle.count])
            {
                return LineIndex(bytes).location(of: index, in: file.path)
            }
            index += 1
        }
        return nil
    }

    /// The byte offset of a location in `file` (its line and column).
    static func offset(of location: SourceLocation, in file: SourceFile) -> Int {
        var line = 1
        var index = 0
        while line < location.line, index < file.bytes.count {
            if file.bytes[index] == 0x0A { line += 1 }
            index += 1
        }
        return index + location.column - 1
    }

    /// The errors for `crons` listed in `file` (searched from `offset`), or at `fallback`.
    static func check(
        _ crons: [String], file: SourceFile?, after offset: Int, fallback: SourceLocation?, source: String
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for cron in crons {
            guard let (message, column) = problem(cron) else { continue }
            var place = file.flatMap { location(of: cron, in: $0, after: offset) }
            if place != nil { place!.column += column - 1 }
            diagnostics.append(.error(place ?? fallback, "\(source) `\(cron)`: \(message)"))
        }
        return diagnostics
    }
}
