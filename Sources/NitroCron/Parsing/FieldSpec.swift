/// The values a cron field accepts, as croner 10 reads them.
struct FieldSpec: Sendable {
    let field: CronField
    /// The smallest and largest value that may be written.
    let range: ClosedRange<Int>
    /// The number of values croner keeps for the field; a step may not exceed it.
    let length: Int
    /// Three-letter names, `names[i]` meaning value `range.lowerBound + i`.
    let names: [String]

    static let second = FieldSpec(field: .second, range: 0...59, length: 60, names: [])
    static let minute = FieldSpec(field: .minute, range: 0...59, length: 60, names: [])
    static let hour = FieldSpec(field: .hour, range: 0...23, length: 24, names: [])
    static let dayOfMonth = FieldSpec(field: .dayOfMonth, range: 1...31, length: 31, names: [])
    static let month = FieldSpec(
        field: .month, range: 1...12, length: 12,
        names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"])
    static let dayOfWeek = FieldSpec(
        field: .dayOfWeek, range: 0...7, length: 7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"])
    static let year = FieldSpec(field: .year, range: 1...9999, length: 10000, names: [])

    /// What the field accepts, for messages.
    var accepted: String {
        switch field {
        case .month: "1-12 or JAN-DEC"
        case .dayOfWeek: "0-7 (0 and 7 are Sunday) or SUN-SAT"
        default: "\(range.lowerBound)-\(range.upperBound)"
        }
    }
}

/// One field of the text as written: where it is and what it says.
struct FieldText: Sendable, Hashable {
    let field: CronField
    let text: String
    /// 1-based column (UTF-8 bytes) where the field starts.
    let column: Int
}

/// A parsed expression: the model plus where each field was written.
struct ParsedExpression: Sendable, Hashable {
    var schedule: CronSchedule
    var fields: [FieldText]
    /// The nickname (`@daily`) the fields were expanded from, if any.
    var nickname: String?
    /// The ISO-8601 date-time of a one-shot pattern, if this is one.
    var oneShot: OneShotDate? = nil

    func text(of field: CronField) -> FieldText? {
        fields.first { $0.field == field }
    }

    func column(of field: CronField) -> Int? {
        text(of: field)?.column
    }
}
