import Foundation
import NitroCLI
import NitroTestSupport
import Testing

/// A command's options are one table: its help is printed from it, reading a name it lacks stops
/// the program (``Arguments/declare(_:)``), and, checked here against the real binary, every
/// option it declares is one it reads.
@Suite struct CommandOptionTests {
    /// The words that exercise `command` up to its check of what is left over: its subcommands
    /// (each option must be read by one of them) and a positional it requires.
    static func invocations(of command: String) -> [[String]] {
        switch command {
        case "task": [["task", "list"], ["task", "run", "t"]]
        case "cron": [["cron", "* * * * *"]]
        default: [[command]]
        }
    }

    @Test(arguments: NitroCLI.commands.map { $0.name })
    func everyDeclaredOptionIsRead(_ name: String) async throws {
        let command = try #require(NitroCLI.commands.first { $0.name == name })
        for option in command.options {
            var outcomes: [String] = []
            for words in Self.invocations(of: name) {
                // The option, then one that no command has: a command that read the option
                // complains about the second one; one that did not, about the option itself.
                let value = option.placeholder == nil ? [] : ["1"]
                let output = try await NitroBinary.run(words + [option.name] + value + ["--zz-no-such-option"])
                #expect(output.status == 64, "\(words) \(option.name): \(output.stderr)")
                outcomes.append(output.stderr.components(separatedBy: "\n").first ?? "")
            }
            #expect(
                outcomes.contains { $0.hasPrefix("Error: Unknown option '--zz-no-such-option'") },
                "nitro \(name) declares \(option.name) but does not read it: \(outcomes)")
        }
    }

    @Test func theHelpListsEveryOptionWithItsPlaceholderInOneColumn() async throws {
        for command in NitroCLI.commands {
            let output = try await NitroBinary.run(["help", command.name])
            #expect(output.status == 0)
            let lines = output.stdout.components(separatedBy: "\n")
            let start = try #require(lines.firstIndex(of: "OPTIONS:"), "\(command.name)")
            var spelled: [String] = []
            var columns: Set<Int> = []
            for row in lines[(start + 1)...].prefix(while: { !$0.isEmpty }).map(Array.init) {
                var index = 0
                if row.starts(with: Array("  -")) {
                    // `  --name VALUE  summary`: the spelling ends at the first two spaces.
                    var end = 2
                    while end < row.count, !(row[end] == " " && end + 1 < row.count && row[end + 1] == " ") { end += 1 }
                    spelled.append(String(row[2..<end]))
                    index = end
                }
                while index < row.count, row[index] == " " { index += 1 }
                if index < row.count { columns.insert(index) }
            }
            let declared = command.options.map { option in option.placeholder.map { "\(option.name) \($0)" } ?? option.name }
            #expect(spelled == declared, "\(command.name)")
            // Every summary, and every continuation line, starts in one column.
            #expect(columns.count == 1, "\(command.name): summaries start in columns \(columns.sorted())")
        }
    }
}
