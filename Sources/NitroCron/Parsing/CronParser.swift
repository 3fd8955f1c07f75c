/// Reads cron text into a ``ParsedExpression``: splits fields on spaces and tabs, expands
/// nicknames, and hands each field to ``FieldParser``. Errors carry the column of the culprit.
enum CronParser {
    static let nicknames: [(name: String, expansion: String)] = [
        ("@yearly", "0 0 1 1 *"), ("@annually", "0 0 1 1 *"), ("@monthly", "0 0 1 * *"),
        ("@weekly", "0 0 * * 0"), ("@daily", "0 0 * * *"), ("@midnight", "0 0 * * *"),
        ("@hourly", "0 * * * *"),
    ]

    static func parse(_ text: String) throws(CronError) -> ParsedExpression {
        let bytes = Array(text.utf8)
        if OneShotDate.looksLikeDate(bytes) {
            let date = try OneShotDate.parse(bytes)
            return ParsedExpression(schedule: date.schedule, fields: [], nickname: nil, oneShot: date)
        }
        let tokens = try split(bytes)
        guard let first = tokens.first else {
            throw CronError("the cron expression is empty; write five fields, such as '0 * * * *' (every hour)", column: 1)
        }
        if bytes[first.lowerBound] == UInt8(ascii: "@") {
            return try parseNickname(bytes, tokens: tokens)
        }
        let names: [CronField]
        switch tokens.count {
        case 5: names = [.minute, .hour, .dayOfMonth, .month, .dayOfWeek]
        case 6: names = [.second, .minute, .hour, .dayOfMonth, .month, .dayOfWeek]
        case 7: names = [.second, .minute, .hour, .dayOfMonth, .month, .dayOfWeek, .year]
        default:
            let column = tokens.count > 7 ? tokens[7].lowerBound + 1 : bytes.count + 1
            throw CronError(
                "expected 5 fields (minute hour day-of-month month day-of-week), 6 (seconds first) or 7 (and year last), found \(tokens.count)",
                column: column)
        }
        var fields: [FieldText] = []
        for (field, range) in zip(names, tokens) {
            fields.append(FieldText(field: field, text: String(decoding: bytes[range], as: UTF8.self), column: range.lowerBound + 1))
        }
        return try build(fields, nickname: nil)
    }

    /// Splits on runs of spaces and tabs; rejects other characters that are not printable ASCII.
    private static func split(_ bytes: [UInt8]) throws(CronError) -> [Range<Int>] {
        var tokens: [Range<Int>] = []
        var start: Int?
        for (index, byte) in bytes.enumerated() {
            if byte == 0x20 || byte == 0x09 {
                if let s = start { tokens.append(s..<index) }
                start = nil
            } else if byte < 0x21 || byte >= 0x7F {
                if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 {
                    throw CronError("a no-break space separates fields here; use a plain space", column: index + 1)
                }
                let what = byte < 0x80 ? "a control character" : "a non-ASCII character"
                throw CronError("unexpected \(what); a cron expression is fields of ASCII separated by spaces or tabs", column: index + 1)
            } else if start == nil {
                start = index
            }
        }
        if let s = start { tokens.append(s..<bytes.count) }
        return tokens
    }

    private static func parseNickname(_ bytes: [UInt8], tokens: [Range<Int>]) throws(CronError) -> ParsedExpression {
        let token = tokens[0]
        let word = String(decoding: bytes[token], as: UTF8.self)
        let column = token.lowerBound + 1
        guard tokens.count == 1 else {
            throw CronError("a nickname such as '\(word)' stands alone; remove what follows it", column: tokens[1].lowerBound + 1)
        }
        let lower = word.lowercased()
        if lower == "@reboot" {
            throw CronError(
                "@reboot is not supported: a scheduled task runs at times, not at startup; use a time such as '@daily'", column: column)
        }
        guard let expansion = nicknames.first(where: { $0.name == lower })?.expansion else {
            let known = nicknames.map(\.name).joined(separator: ", ")
            throw CronError("unknown nickname '\(word)'; use one of \(known)", column: column)
        }
        let names: [CronField] = [.minute, .hour, .dayOfMonth, .month, .dayOfWeek]
        let parts = expansion.split(separator: " ").map(String.init)
        let fields = zip(names, parts).map { FieldText(field: $0, text: $1, column: column) }
        return try build(fields, nickname: word)
    }

    /// Parses every field into one schedule.
    private static func build(_ fields: [FieldText], nickname: String?) throws(CronError) -> ParsedExpression {
        var schedule = CronSchedule()
        schedule.seconds = 1  // second 0 when the field is absent
        for field in fields {
            let fieldBytes = Array(field.text.utf8)
            // A nickname's expansion has no columns of its own: report the nickname's.
            let base = nickname == nil ? field.column - 1 : nil
            var parser = FieldParser(bytes: fieldBytes, baseColumn: base, fallbackColumn: field.column)
            try parser.parse(field.field, into: &schedule)
        }
        return ParsedExpression(schedule: schedule, fields: fields, nickname: nickname)
    }
}
