/// One `nitro` subcommand: its name, its help, and what it does.
package protocol Command: Sendable {
    /// The word that selects it (`build`).
    static var name: String { get }
    /// One line for `nitro --help`.
    static var summary: String { get }
    /// The usage line (`nitro build [--root DIR] [--check] …`).
    static var usage: String { get }
    /// Options and examples, printed by `nitro help NAME` and `nitro NAME --help`.
    static var details: String { get }
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
    /// The full help text.
    static var helpText: String {
        "OVERVIEW: \(summary)\n\nUSAGE: \(usage)\n\n\(details)"
    }
}
