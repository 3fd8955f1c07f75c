/// One `nitro` subcommand: its name, its help, and what it does.
package protocol Command: Sendable {
    /// The word that selects it (`build`).
    static var name: String { get }
    /// One line for `nitro --help`.
    static var summary: String { get }
    /// The usage line (`nitro build [--root DIR] [--check] …`).
    static var usage: String { get }
    /// What the help says before OPTIONS (what it does, its arguments or subcommands); may be empty.
    static var introduction: String { get }
    /// Every option it reads, in the order its help lists them (``CommandOption``).
    static var options: [CommandOption] { get }
    /// What the help says after OPTIONS: notes, exit status, examples.
    static var epilogue: String { get }
    /// Runs the command; returns the exit code. Throws ``UsageError`` for bad arguments.
    static func run(_ arguments: inout Arguments, context: CommandContext) async throws -> Int32
}

/// A command that needs no concurrency: `nitro` runs it on the main thread, before anything
/// starts the concurrency runtime's threads (``NitroCLI/mainSynchronously(_:environment:currentDirectory:)``).
///
/// An async command's body runs on a thread the runtime starts for it; that hop costs a short
/// command like `nitro build --check` about 2 ms, a fifth of its time as a whole process.
package protocol SynchronousCommand: Command {
    /// Runs the command on the calling thread; returns the exit code. Throws ``UsageError`` for bad arguments.
    static func runSynchronously(_ arguments: inout Arguments, context: CommandContext) throws -> Int32
}

extension SynchronousCommand {
    package static func run(_ arguments: inout Arguments, context: CommandContext) async throws -> Int32 {
        try runSynchronously(&arguments, context: context)
    }
}

/// What a command may touch: the console, the environment and the working directory.
package struct CommandContext: Sendable {
    package let console: Console
    package let environment: [String: String]
    package let currentDirectory: String

    package init(console: Console, environment: [String: String], currentDirectory: String) {
        self.console = console
        self.environment = environment
        self.currentDirectory = currentDirectory
    }
}

extension Command {
    /// The full help text, printed by `nitro help NAME` and `nitro NAME --help`; its OPTIONS
    /// section comes from ``options``.
    static var helpText: String {
        var parts = ["OVERVIEW: \(summary)", "USAGE: \(usage)"]
        if !introduction.isEmpty { parts.append(introduction) }
        if !options.isEmpty { parts.append(CommandOption.section(options)) }
        if !epilogue.isEmpty { parts.append(epilogue) }
        return parts.joined(separator: "\n\n")
    }
}
