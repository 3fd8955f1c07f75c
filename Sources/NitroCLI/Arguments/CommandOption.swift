/// One option of a command: how `nitro help COMMAND` lists it and what the command may read.
///
/// A command's options are one table (``Command/options``): its help's OPTIONS section is printed
/// from it, and the command reads its options through ``Arguments``, which stops at once on a
/// name the table does not declare. So the help cannot list an option the command ignores, nor
/// miss one it reads.
package struct CommandOption: Sendable, Equatable {
    /// The spelling (`--root`).
    package let name: String
    /// The placeholder of its value (`DIR`), or `nil` for a flag.
    package let placeholder: String?
    /// What it does, for the help; each `\n` starts a new line under the first.
    package let summary: String

    /// An option that takes a value: `--root DIR`.
    package static func value(_ name: String, _ placeholder: String, _ summary: String) -> CommandOption {
        CommandOption(name: name, placeholder: placeholder, summary: summary)
    }

    /// A flag: `--check`.
    package static func flag(_ name: String, _ summary: String) -> CommandOption {
        CommandOption(name: name, placeholder: nil, summary: summary)
    }

    /// `--root DIR`, or the flag's name.
    var spelled: String { placeholder.map { "\(name) \($0)" } ?? name }

    /// The help's OPTIONS section: one option a row, its summary in a column after the longest
    /// spelling of at most `widest` characters (a longer one has its summary start on the next line).
    package static func section(_ options: [CommandOption], widest: Int = 18) -> String {
        let fitting = options.map(\.spelled.count).filter { $0 <= widest }
        let column = 2 + (fitting.max() ?? 0) + 2
        var lines = ["OPTIONS:"]
        for option in options {
            let summary = option.summary.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let indent = String(repeating: " ", count: column)
            let head = "  " + option.spelled
            if head.count + 2 <= column {
                lines.append(head + String(repeating: " ", count: column - head.count) + summary[0])
            } else {
                lines.append(head)
                lines.append(indent + summary[0])
            }
            lines += summary.dropFirst().map { indent + $0 }
        }
        return lines.joined(separator: "\n")
    }
}
