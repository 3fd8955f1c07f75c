/// The one top-level task a task file declares, as the inspector found it.
package struct TaskDeclaration: Sendable, Hashable {
    /// The symbol as written, backticks included (`` `default` ``): what the registry refers to.
    package var symbol: String
    /// Where the symbol is written.
    package var location: SourceLocation
    /// `meta.name` when it is a string literal: informational, checked against the registered name.
    package var metaName: Located<String>?
    /// `meta.description` when it is a string literal.
    package var description: Located<String>?

    /// The symbol without backticks, as the compiler compares names.
    package var plainSymbol: String {
        symbol.hasPrefix("`") ? String(symbol.dropFirst().dropLast()) : symbol
    }
}

/// What the inspector found in one task file: its declaration (when there is exactly one
/// usable one) and the findings to report.
package struct TaskFileInspection: Sendable {
    package var declaration: TaskDeclaration?
    package var diagnostics: [Diagnostic]
}
