import Foundation
import NitroBuild

/// The `nitro` command line: dispatches to the subcommands and maps failures to exit codes.
package enum NitroCLI {
    /// The tool's version, printed by `nitro --version`.
    package static let version = "0.1.0"

    /// Every subcommand, in the order `nitro --help` lists them.
    package static let commands: [any Command.Type] = [
        BuildCommand.self,
        DevCommand.self,
        TaskCommand.self,
        ScheduleCommand.self,
        CronCommand.self,
    ]

    /// The options `nitro` reads before the command (anywhere on the line), as its help lists them.
    static let globalOptions: [CommandOption] = [
        .value("--color", "auto|always|never", "Colour diagnostics (default auto: only on a terminal, never with NO_COLOR)"),
        .flag("--version", "Print the version"),
        .flag("-h, --help", "Print this help"),
    ]

    static let overview = """
        OVERVIEW: Build, run and schedule the tasks of a Swift server (NitroTasks).

        USAGE: nitro <command> [options]
        """

    /// Runs the tool with `arguments` (without the program name); returns the exit code.
    package static func main(
        _ arguments: [String], environment: [String: String] = ProcessState.environment,
        currentDirectory: String = ProcessState.currentDirectory
    ) async -> Int32 {
        switch resolve(arguments, environment: environment, currentDirectory: currentDirectory) {
        case .finished(let status):
            return status
        case .command(let command, var arguments, let context):
            do {
                return try await command.run(&arguments, context: context)
            } catch {
                return failure(error, of: command, console: context.console)
            }
        }
    }

    /// ``main(_:environment:currentDirectory:)`` on the calling thread, for everything but an
    /// async command (`dev`, `task`): then `nil`, having printed nothing. `nitro` tries this first,
    /// so that `build`, `cron`, `schedule`, help and usage errors never start a thread of the
    /// concurrency runtime (``SynchronousCommand``).
    package static func mainSynchronously(
        _ arguments: [String], environment: [String: String] = ProcessState.environment,
        currentDirectory: String = ProcessState.currentDirectory
    ) -> Int32? {
        switch resolve(arguments, environment: environment, currentDirectory: currentDirectory) {
        case .finished(let status):
            return status
        case .command(let command, var arguments, let context):
            guard let synchronous = command as? any SynchronousCommand.Type else { return nil }
            do {
                return try synchronous.runSynchronously(&arguments, context: context)
            } catch {
                return failure(error, of: command, console: context.console)
            }
        }
    }

    /// What the arguments ask for: an exit status already decided (version, help, a usage
    /// error, all printed), or a command to run with the arguments it has not read yet.
    enum Invocation {
        case finished(Int32)
        case command(any Command.Type, Arguments, CommandContext)
    }

    static func resolve(_ arguments: [String], environment: [String: String], currentDirectory: String) -> Invocation {
        var arguments = Arguments(arguments)
        let colorMode: Console.ColorMode
        do {
            let text = try arguments.option("--color")
            guard let mode = Console.ColorMode(rawValue: text ?? "auto") else {
                throw UsageError("The value '\(text ?? "")' for '--color' is not one of auto, always, never")
            }
            colorMode = mode
        } catch {
            let console = Console(colorMode: .never, environment: environment)
            return .finished(usageFailure(error, usage: "nitro <command> [options]", console: console))
        }
        let console = Console(colorMode: colorMode, environment: environment)
        let context = CommandContext(
            console: console, environment: environment, currentDirectory: currentDirectory)

        if arguments.flag("--version") {
            console.out(version)
            return .finished(ExitCode.success)
        }
        let wantsHelp = arguments.flag("--help", "-h")
        let word: String?
        do { word = try arguments.positional() } catch {
            return .finished(usageFailure(error, usage: "nitro <command>", console: console))
        }
        guard let word else {
            console.out(mainHelp())
            return .finished(wantsHelp ? ExitCode.success : ExitCode.usage)
        }
        if word == "help" {
            let topic = try? arguments.positional()
            guard let topic else {
                console.out(mainHelp())
                return .finished(ExitCode.success)
            }
            guard let command = commands.first(where: { $0.name == topic }) else {
                return .finished(usageFailure(unknownCommand(topic), usage: "nitro help <command>", console: console))
            }
            console.out(command.helpText)
            return .finished(ExitCode.success)
        }
        guard let command = commands.first(where: { $0.name == word }) else {
            return .finished(usageFailure(unknownCommand(word), usage: "nitro <command> [options]", console: console))
        }
        if wantsHelp {
            console.out(command.helpText)
            return .finished(ExitCode.success)
        }
        arguments.declare(command.options)
        return .command(command, arguments, context)
    }

    /// The exit status of a command that threw: a usage error with the command's usage, anything
    /// else as an error.
    static func failure(_ error: any Error, of command: any Command.Type, console: Console) -> Int32 {
        if let error = error as? UsageError {
            return usageFailure(error, usage: command.usage, console: console, command: command.name)
        }
        console.err("\(console.style("error:", "1;31")) \(error)")
        return ExitCode.failure
    }

    static func mainHelp() -> String {
        let width = commands.map { $0.name.count }.max() ?? 0
        var lines = [overview, "", "COMMANDS:"]
        for command in commands {
            lines.append("  " + command.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + command.summary)
        }
        lines.append("")
        lines.append(CommandOption.section(globalOptions, widest: 25))
        lines.append("")
        lines.append("See 'nitro help <command>' for the options of a command.")
        return lines.joined(separator: "\n")
    }

    static func unknownCommand(_ word: String) -> UsageError {
        UsageError.unknown("command", word, among: commands.map { $0.name })
    }

    static func usageFailure(_ error: any Error, usage: String, console: Console, command: String? = nil) -> Int32 {
        let usageError = error as? UsageError ?? UsageError("\(error)")
        console.err(usageError.report(usage: usage, help: "nitro \(command.map { "help \($0)" } ?? "--help")"))
        return ExitCode.usage
    }
}
