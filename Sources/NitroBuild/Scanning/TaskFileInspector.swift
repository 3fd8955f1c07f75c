/// Finds the one top-level task declaration of a task file, with a small lexer instead of a
/// parser: `[modifiers] let NAME [: TaskDefinition] = defineTask(…)` (also
/// `NitroTasks.defineTask`, the trailing-closure form `defineTask { … }` and
/// `TaskDefinition(…)`), at brace depth 0, in or out of `#if` blocks.
package enum TaskFileInspector {
    /// What the registry file can reach: an internal (or wider) global `let`.
    static let blockedModifiers: Set<String> = ["private", "fileprivate"]
    static let modifiers: [StaticString] = [
        "public", "internal", "package", "private", "fileprivate", "nonisolated", "open", "final",
    ]

    /// Whether `token` is one of ``modifiers`` (compared on bytes: this runs for every word of
    /// every task file).
    static func isModifier(_ token: SwiftToken, in bytes: [UInt8]) -> Bool {
        guard token.kind == .identifier else { return false }
        for modifier in modifiers where token.is(modifier, in: bytes) { return true }
        return false
    }

    package static func inspect(_ file: SourceFile) -> TaskFileInspection {
        let bytes = file.bytes
        if let offset = UTF8Validation.firstInvalidOffset(bytes) {
            return TaskFileInspection(declaration: nil, diagnostics: [UTF8Validation.diagnostic(file, offset: offset)])
        }
        let (tokens, interpolationTooDeep) = SwiftLexer.lex(bytes)
        var scan = Scan(bytes: bytes, tokens: tokens)
        scan.run()
        var inspection = scan.finish(path: file.path)
        // Nesting limits: the file could not be read to its end, so it yields no task.
        var limits: [Diagnostic] = []
        if let offset = interpolationTooDeep {
            limits.append(
                .error(
                    LineIndex(bytes).location(of: offset, in: file.path),
                    "string interpolations nest deeper than \(SwiftLexer.maximumInterpolationDepth) levels here; the rest "
                        + "of the file cannot be read: split the expression"))
        }
        if let index = scan.directiveTooDeep {
            limits.append(
                .error(
                    LineIndex(bytes).location(of: tokens[index].start, in: file.path),
                    "`#if` blocks nest deeper than \(maximumConditionDepth) levels here; nitro build stops reading this "
                        + "file: move the task out of the nested blocks"))
        }
        if !limits.isEmpty {
            inspection.declaration = nil
            inspection.diagnostics = limits + inspection.diagnostics
        }
        return inspection
    }

    /// How deeply `#if` blocks may nest: the coverage check below recurses per level, and every
    /// candidate keeps its path of conditions, so the depth bounds both stack and memory.
    static let maximumConditionDepth = 128

    /// One candidate declaration found at the top level.
    struct Candidate {
        var keywordIndex: Int
        var symbolIndex: Int
        var isVar: Bool
        var blockedModifier: String?
        var callParen: Int?
        var conditions: [Branch]
    }

    /// A branch of an `#if` group: which group, which branch (0 = `#if`, 1… = `#elseif`/`#else`).
    struct Branch: Hashable {
        var group: Int
        var branch: Int
    }

    struct Group {
        var branches = 1
        var hasElse = false
        var condition: String
    }

    static func plain(_ symbol: String) -> String {
        symbol.hasPrefix("`") ? String(symbol.dropFirst().dropLast()) : symbol
    }
}
