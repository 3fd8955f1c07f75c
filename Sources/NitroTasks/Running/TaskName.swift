/// The name of a registered task, for calls checked by the compiler.
///
/// `nitro build` declares a constant for every task of the app in the generated registry, named
/// in lower camel case after the task (`db:migrate` → `.dbMigrate`, `cache:purge.v2` →
/// `.cachePurgeV2`; the rules are in Docs/Defining-Tasks.md), so that a misspelt name does not
/// compile:
/// ```swift
/// let outcome = try await runTask(.dbMigrate)
/// ```
/// A string literal is a `TaskName` too (`runTask("db:migrate")`), and a name known only at run
/// time is `TaskName(text)`.
public struct TaskName: Hashable, Sendable, Comparable, RawRepresentable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The name as registered (`db:migrate`).
    public let rawValue: String

    /// The name `rawValue`.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The name `name`.
    public init(_ name: String) {
        self.rawValue = name
    }

    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    public var description: String { rawValue }

    public static func < (lhs: TaskName, rhs: TaskName) -> Bool {
        lhs.rawValue.unicodeScalars.lexicographicallyPrecedes(rhs.rawValue.unicodeScalars)
    }
}
