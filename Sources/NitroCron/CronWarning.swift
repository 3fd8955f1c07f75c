/// Something legal in a cron expression that probably does not mean what its author expects,
/// such as croner's rule that `?` in a day field is a restriction (so `0 0 ? * MON` fires daily).
public struct CronWarning: Sendable, Hashable, CustomStringConvertible {
    /// What is surprising and what to write instead.
    public let message: String
    /// The 1-based column within the expression text (UTF-8 bytes), when known.
    public let column: Int?
    /// The field the warning is about, when it is about one.
    public let field: CronField?

    /// Creates a warning.
    public init(_ message: String, column: Int? = nil, field: CronField? = nil) {
        self.message = message
        self.column = column
        self.field = field
    }

    /// The message.
    public var description: String { message }
}
