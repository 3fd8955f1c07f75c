import NitroSync
import NitroTestSupport
import Foundation
import NitroCLI
import Testing

/// `nitro help COMMAND` and `nitro COMMAND --help` are the same text, with examples that work,
/// and every option they list is in the CLI reference (Docs/CLI.md).
@Suite("nitro help")
struct HelpTests {
    /// `nitro ARGUMENTS` from the repository root, awaited off the cooperative pool.
    static func nitro(_ arguments: [String]) async throws -> ProcessOutput {
        try await offThread { try NitroBinary.run(arguments, currentDirectory: RepositoryPaths.root) }
    }

    static let names = NitroCLI.commands.map { $0.name }

    @Test("nitro help COMMAND, nitro COMMAND --help and -h print the same text, with usage and examples", arguments: names)
    func sameText(_ name: String) async throws {
        let help = try await Self.nitro(["help", name])
        #expect(help.status == 0)
        #expect(help.stderr == "")
        #expect(help.stdout.contains("USAGE: nitro \(name)"))
        #expect(help.stdout.contains("\nEXAMPLES:\n"), "nitro help \(name) has no examples")
        for flag in ["--help", "-h"] {
            let other = try await Self.nitro([name, flag])
            #expect(other.status == 0)
            #expect(other.stdout == help.stdout, "nitro \(name) \(flag) differs from nitro help \(name)")
        }
    }

    /// The example lines of a help text (`  nitro …` after `EXAMPLES:`), as argument lists.
    static func examples(_ help: String) -> [[String]] {
        guard let start = help.range(of: "\nEXAMPLES:\n") else { return [] }
        return help[start.upperBound...].split(separator: "\n").compactMap { line -> [String]? in
            var text = line.trimmingCharacters(in: .whitespaces)
            guard text.hasPrefix("nitro ") else { return nil }
            if let gap = text.range(of: "   ") { text = String(text[..<gap.lowerBound]) }  // a description follows
            guard let (words, _) = ShellWords.split(text) else { return nil }
            return Array(words.dropFirst())
        }
    }

    @Test("every command's examples that only read run successfully from the repository root", arguments: names)
    func examplesRun(_ name: String) async throws {
        let help = try await Self.nitro(["help", name]).stdout
        let examples = Self.examples(help)
        #expect(!examples.isEmpty)
        for arguments in examples where DocsBlock.isSafe(arguments) {
            let run = try await Self.nitro(arguments)
            #expect(run.status == 0, "nitro \(arguments.joined(separator: " ")) exited \(run.status):\n\(run.stderr)")
        }
    }

    @Test("every option of every command is in Docs/CLI.md", arguments: names)
    func optionsAreDocumented(_ name: String) async throws {
        let help = try await Self.nitro(["help", name]).stdout
        let reference = try String(contentsOfFile: RepositoryPaths.root + "/Docs/CLI.md", encoding: .utf8)
        #expect(reference.contains("## `nitro \(name)"), "Docs/CLI.md has no section for nitro \(name)")
        let options = Set(
            help.matches(of: /--[a-z][a-z-]*[a-z]/).map { String($0.output) })
        #expect(!options.isEmpty)
        for option in options.sorted() {
            #expect(reference.contains("`\(option)"), "nitro \(name) \(option) is not in Docs/CLI.md")
        }
    }

    @Test("nitro --help lists every command; an unknown topic is a usage error with a suggestion")
    func mainHelp() async throws {
        let main = try await Self.nitro(["--help"])
        #expect(main.status == 0)
        for name in Self.names { #expect(main.stdout.contains("\n  \(name) ")) }
        let unknown = try await Self.nitro(["help", "buidl"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.hasPrefix("Error: Unknown command 'buidl'; did you mean 'build'?\n"))
    }
}
