import NitroTestSupport
import Foundation

/// The fenced code blocks of a Markdown file, with what the docs test needs to know about each.
///
/// The rules (also in Docs/README.md):
/// - ` ```swift ` blocks are type-checked; ` ```swift skip ` blocks are not.
/// - ` ```sh ` / ` ```bash ` blocks: the `nitro …` (or `swift run nitro …`) commands that only read
///   are run from the repository root; other lines are not run.
/// - ` ```json ` right after a shell block is the exact output of that block's last command;
///   any other ` ```json ` must parse (and, when it is a config, build `Fixtures/basic`).
/// - ` ```ts ` / ` ```js ` with `export default` is a config: it must build `Fixtures/basic`.
/// - A block with `file=PATH` (` ```swift file=Fixtures/vapor-app/Sources/App/main.swift `) is that
///   file of the repository, exactly; it is compared with the file, not compiled here (the file
///   is built where it lives).
/// - Anything else that is code carries ` skip `.
/// - `<!-- swift-context … -->` right before a Swift block adds declarations it relies on.
struct DocsBlock: Sendable, CustomStringConvertible {
    let file: String
    let line: Int
    let language: String
    let flags: [String]
    let text: String
    /// Hidden declarations from a `<!-- swift-context … -->` comment just before the block.
    let context: String?
    /// The shell block this one directly follows (only blank lines between), if any.
    var previousShell: Int?

    var skipped: Bool { flags.contains("skip") }
    /// The repository file this block shows (`file=PATH`), if any.
    var includedFile: String? {
        flags.first { $0.hasPrefix("file=") }.map { String($0.dropFirst(5)) }
    }
    var description: String { "\(file):\(line) (\(language))" }

    /// Reads every fenced block of the Markdown text.
    static func parse(_ markdown: String, file: String) -> [DocsBlock] {
        let lines = markdown.components(separatedBy: "\n")
        var blocks: [DocsBlock] = []
        var index = 0
        var lastBlockEnd = -1
        var pendingContext: (text: String, end: Int)?
        while index < lines.count {
            let line = lines[index]
            if line.hasPrefix("<!-- swift-context") {
                var body: [String] = []
                var cursor = index + 1
                while cursor < lines.count, !lines[cursor].hasPrefix("-->") {
                    body.append(lines[cursor])
                    cursor += 1
                }
                pendingContext = (body.joined(separator: "\n"), cursor)
                index = cursor + 1
                continue
            }
            guard line.hasPrefix("```") else {
                index += 1
                continue
            }
            let words = line.dropFirst(3).split(separator: " ").map(String.init)
            var body: [String] = []
            var cursor = index + 1
            while cursor < lines.count, !lines[cursor].hasPrefix("```") {
                body.append(lines[cursor])
                cursor += 1
            }
            let adjacent =
                lastBlockEnd >= 0
                && lines[(lastBlockEnd + 1)..<index].allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
            let context = pendingContext.flatMap { $0.end == index - 1 ? $0.text : nil }
            var block = DocsBlock(
                file: file, line: index + 1, language: words.first ?? "", flags: Array(words.dropFirst()),
                text: body.joined(separator: "\n"), context: context, previousShell: nil)
            if adjacent, let previous = blocks.last, previous.isShell { block.previousShell = blocks.count - 1 }
            blocks.append(block)
            pendingContext = nil
            lastBlockEnd = cursor
            index = cursor + 1
        }
        return blocks
    }

    /// The ATX headings of a Markdown text, outside fenced blocks.
    static func headings(_ markdown: String) -> [String] {
        var inFence = false
        var result: [String] = []
        for line in markdown.components(separatedBy: "\n") {
            if line.hasPrefix("```") { inFence.toggle() }
            guard !inFence, line.hasPrefix("#") else { continue }
            result.append(String(line.drop { $0 == "#" }).trimmingCharacters(in: .whitespaces))
        }
        return result
    }

    /// GitHub's anchor for a heading: lower case, punctuation other than `-` and `_` dropped,
    /// spaces as `-`.
    static func slug(_ heading: String) -> String {
        String(
            heading.lowercased().compactMap { character -> Character? in
                if character == " " { return "-" }
                if character.isLetter || character.isNumber || character == "-" || character == "_" { return character }
                return nil
            })
    }

    var isShell: Bool { ["sh", "bash", "shell"].contains(language) }

    /// The `nitro` command lines of a shell block: arguments after `nitro`, the expected exit
    /// status (`# exits N` in the line's comment, else 0) and the line.
    func nitroCommands() -> [(arguments: [String], status: Int32, line: Int)] {
        var result: [(arguments: [String], status: Int32, line: Int)] = []
        let lines = text.components(separatedBy: "\n")
        for (offset, raw) in lines.enumerated() {
            var source = raw.trimmingCharacters(in: .whitespaces)
            if source.hasPrefix("$ ") { source.removeFirst(2) }
            guard let (words, comment) = ShellWords.split(source), !words.isEmpty else { continue }
            var arguments: [String]
            if words.first == "nitro" {
                arguments = Array(words.dropFirst())
            } else if words.starts(with: ["swift", "run", "nitro"]) {
                arguments = Array(words.dropFirst(3))
            } else {
                continue
            }
            var status: Int32 = 0
            if let range = comment.range(of: #"exits (\d+)"#, options: .regularExpression) {
                status = Int32(comment[range].dropFirst(6)) ?? 0
            }
            arguments.removeAll { $0.isEmpty }
            result.append((arguments, status, line + 1 + offset))
        }
        return result
    }

    /// Whether running `nitro ARGUMENTS` only reads: `cron`, help, `--version`, and `build --check |
    /// --dry-run`, `schedule`, `task list` on a project under `Fixtures/`.
    static func isSafe(_ arguments: [String]) -> Bool {
        guard let command = arguments.first else { return false }
        if arguments.contains("--help") || arguments.contains("-h") || command == "help" || command == "--version" {
            return true
        }
        if command == "cron" { return true }
        guard let rootIndex = arguments.firstIndex(of: "--root"), rootIndex + 1 < arguments.count,
            arguments[rootIndex + 1].hasPrefix("Fixtures/")
        else { return false }
        switch command {
        case "build": return arguments.contains("--check") || arguments.contains("--dry-run")
        case "schedule": return true
        case "task": return arguments.dropFirst().first == "list"
        default: return false
        }
    }
}

/// A small POSIX-shell word splitter for documentation lines: quotes, backslashes, `# comment`.
enum ShellWords {
    /// The words and the trailing comment, or nil for an unterminated quote.
    static func split(_ line: String) -> ([String], String)? {
        var words: [String] = []
        var current = ""
        var inWord = false
        var characters = Array(line)[...]
        while let character = characters.popFirst() {
            switch character {
            case "'":
                inWord = true
                guard let end = characters.firstIndex(of: "'") else { return nil }
                current += String(characters[characters.startIndex..<end])
                characters = characters[(end + 1)...]
            case "\"":
                inWord = true
                while true {
                    guard let next = characters.popFirst() else { return nil }
                    if next == "\"" { break }
                    if next == "\\", let escaped = characters.popFirst() {
                        current.append(escaped)
                    } else {
                        current.append(next)
                    }
                }
            case "\\":
                inWord = true
                if let escaped = characters.popFirst() { current.append(escaped) }
            case " ", "\t":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            case "#" where !inWord:
                return (words, String(characters))
            default:
                inWord = true
                current.append(character)
            }
        }
        if inWord { words.append(current) }
        return (words, "")
    }
}
