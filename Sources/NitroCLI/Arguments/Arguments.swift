import NitroBuild

/// A small, strict command-line reader: `--name value`, `--name=value`, flags, positionals, `--`.
///
/// Every option a command reads is declared by reading it; ``finish()`` rejects anything left
/// over, so a typo (`--chek`) is a usage error rather than silently ignored, and names the option
/// read that is closest to it (`did you mean '--check'?`).
package struct Arguments: Sendable {
    private var items: [String]
    private var consumed: [Bool]
    private var positionalOnlyFrom: Int
    /// Every option and flag name read so far, in the order read: what ``finish()`` suggests from.
    private var read: [String] = []
    /// The options of the command reading the rest (``declare(_:)``); `nil` before one is chosen.
    private var declared: [CommandOption]?

    package init(_ items: [String]) {
        self.items = items
        self.consumed = Array(repeating: false, count: items.count)
        self.positionalOnlyFrom = items.firstIndex(of: "--") ?? items.count
        if positionalOnlyFrom < items.count { consumed[positionalOnlyFrom] = true }
    }

    /// From now on, only `options` may be read: the command that reads the rest declares its
    /// table (``Command/options``). Reading a name it lacks, or a flag as a value or the reverse,
    /// stops the program, so a command cannot read an option its help does not list.
    package mutating func declare(_ options: [CommandOption]) {
        declared = options
    }

    private func checkDeclared(_ names: [String], takesValue: Bool) {
        guard let declared else { return }
        for name in names {
            precondition(
                declared.contains { $0.name == name && ($0.placeholder != nil) == takesValue },
                "\(name) is read as a \(takesValue ? "value" : "flag") but not declared so in the command's options")
        }
    }

    /// Whether the flag is present (`--check`). Repeats are allowed.
    package mutating func flag(_ names: String...) -> Bool {
        checkDeclared(names, takesValue: false)
        read += names
        var found = false
        for index in 0..<positionalOnlyFrom where !consumed[index] && names.contains(items[index]) {
            consumed[index] = true
            found = true
        }
        return found
    }

    /// The value of an option (`--root DIR` or `--root=DIR`); the last one wins.
    package mutating func option(_ names: String...) throws(UsageError) -> String? {
        checkDeclared(names, takesValue: true)
        read += names
        var value: String?
        var index = 0
        while index < positionalOnlyFrom {
            defer { index += 1 }
            guard !consumed[index] else { continue }
            let item = items[index]
            for name in names {
                if item == name {
                    guard index + 1 < positionalOnlyFrom, !consumed[index + 1] else {
                        throw UsageError("Missing value for '\(name)'")
                    }
                    consumed[index] = true
                    consumed[index + 1] = true
                    value = items[index + 1]
                    index += 1
                    break
                } else if item.hasPrefix(name + "=") {
                    consumed[index] = true
                    value = String(item.dropFirst(name.count + 1))
                    break
                }
            }
        }
        return value
    }

    /// An integer option, checked against a range.
    package mutating func intOption(_ name: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
        guard let text = try option(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw UsageError("The value '\(text)' for '\(name)' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A count option: a whole number of `range.lowerBound` or more.
    package mutating func intOption(_ name: String, in range: PartialRangeFrom<Int>) throws(UsageError) -> Int? {
        guard let text = try option(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw UsageError("The value '\(text)' for '\(name)' is not a whole number of \(range.lowerBound) or more")
        }
        return value
    }

    /// The next positional argument, if any.
    package mutating func positional() throws(UsageError) -> String? {
        for index in 0..<items.count where !consumed[index] {
            let item = items[index]
            if index < positionalOnlyFrom, item.hasPrefix("-"), item != "-" {
                continue
            }
            consumed[index] = true
            return item
        }
        return nil
    }

    /// Fails with a usage error when anything was not read.
    package func finish() throws(UsageError) {
        for index in 0..<items.count where !consumed[index] {
            let item = items[index]
            if item.hasPrefix("-") && index < positionalOnlyFrom {
                var message = "Unknown option '\(item)'"
                let name = item.split(separator: "=", maxSplits: 1).first.map(String.init) ?? item
                if let near = Suggestions.closest(to: name, in: read.filter { $0.hasPrefix("--") }) {
                    message += "; did you mean '\(near)'?"
                }
                throw UsageError(message)
            }
            throw UsageError("Unexpected argument '\(item)'")
        }
    }
}

/// Bad usage: printed as `Error: …`, then the usage line and a pointer to `--help`; exit 64.
package struct UsageError: Error, Sendable, Equatable {
    package let message: String
    package init(_ message: String) { self.message = message }

    /// What a tool prints for it on stderr: `Error: …`, the usage line, and where to find help
    /// (`help` is the command that prints it: `nitro help build`, `nitro-bench --help`).
    package func report(usage: String, help: String) -> String {
        "Error: \(message)\nUsage: \(usage)\n  See '\(help)' for more information."
    }

    /// `Unknown command 'buidl'; did you mean 'build'?`, or, when no name is close,
    /// `…; the commands are build, dev, …` (`kind` is the singular: "command", "suite").
    package static func unknown(_ kind: String, _ word: String, among names: [String]) -> UsageError {
        var message = "Unknown \(kind) '\(word)'"
        if let near = Suggestions.closest(to: word, in: names) {
            message += "; did you mean '\(near)'?"
        } else {
            message += "; the \(kind)s are \(names.joined(separator: ", "))"
        }
        return UsageError(message)
    }
}
