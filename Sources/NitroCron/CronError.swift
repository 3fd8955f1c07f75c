/// Why a cron expression is invalid, can never fire, or cannot be written for a platform.
///
/// The message says what is wrong and what to write instead. ``column`` is 1-based and counts
/// UTF-8 bytes of the expression text, as compilers count columns; a tool that reports the error
/// inside a larger file adds the column where the expression starts.
public struct CronError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong and how to fix it.
    public let message: String
    /// The 1-based column within the expression text, when known.
    public let column: Int?
    /// The field the problem is in, when it is in one.
    public let field: CronField?

    /// Creates an error.
    public init(_ message: String, column: Int? = nil, field: CronField? = nil) {
        self.message = message
        self.column = column
        self.field = field
    }

    /// The message.
    public var description: String { message }
}
