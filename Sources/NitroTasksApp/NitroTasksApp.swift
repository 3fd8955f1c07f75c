import Foundation
import NitroTasks
import NitroTasksRoutes

#if DEBUG
    import NitroTasksDevServer
#endif

/// The entry point of an app whose tasks NitroTasks runs: one line in `main.swift` (or an
/// `@main` type) instead of the argument handling every app would copy.
///
/// ```swift
/// import NitroTasksApp
///
/// await NitroTasksApp.main(registry: .generated)
/// ```
///
/// Commands (the first argument):
/// - `serve` (also with no argument): runs the schedules until SIGTERM or SIGINT, then shuts down
///   gracefully; the production command.
/// - `run NAME [--payload JSON]`: runs one task and prints its result as JSON
///   (`{"result":…}`) on standard output; on failure prints `error STATUS: MESSAGE` on standard
///   error and exits with status 1. `--payload` must be a JSON object (else exit 64).
/// - `list [--json]`: the tasks with their descriptions, then the schedules (`--json`: the
///   document of `GET /_nitro/tasks`).
/// - `dev`: development mode (see below); `help`: the usage.
///
/// Development mode, when `nitro dev` starts the app (`NITRO_DEV=1` and no command) or with `dev`:
/// the development server (`DevServer.serve`) and the schedules, until Ctrl-C or SIGTERM or until
/// `nitro dev` goes away. It exists only in debug builds (`#if DEBUG`): a release build answers
/// `dev` and `NITRO_DEV=1` with an error instead of serving tasks over HTTP.
///
/// `NITRO_SCHEDULER=off` keeps the schedules from running in `serve` and development mode.
public enum NitroTasksApp {
    /// Installs `registry` (``NitroTasks/TaskRunner/bootstrap(_:observers:)``), runs the command of
    /// the process's arguments and exits with its status.
    public static func main(
        registry: TaskRegistry, arguments: [String] = Array(CommandLine.arguments.dropFirst()),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async -> Never {
        let runner = TaskRunner.bootstrap(registry)
        let status = await run(runner: runner, arguments: arguments, environment: environment)
        exit(status)
    }

    /// Runs one command with `runner` and returns the exit status (what ``main(registry:arguments:environment:)``
    /// exits with), writing to standard output and standard error.
    public static func run(runner: TaskRunner, arguments: [String], environment: [String: String]) async -> Int32 {
        await AppCommand(runner: runner, environment: environment).run(arguments)
    }

    /// The usage text of the commands.
    public static let usage = """
        usage: APP [serve]                      run the schedules until SIGTERM (production)
               APP run NAME [--payload JSON]    run one task; print its result as JSON
               APP list [--json]                the tasks and the schedules
               APP dev                          development mode (what `nitro dev` starts)
        Environment: NITRO_DEV=1 (set by `nitro dev`) selects development mode when no command is
        given; NITRO_SCHEDULER=off keeps the schedules from running.
        """
}

/// One command of ``NitroTasksApp``.
struct AppCommand {
    let runner: TaskRunner
    let environment: [String: String]
    /// Where whole lines go (standard output and standard error; tests collect them).
    var out: @Sendable (String) -> Void = AppOutput.out
    var err: @Sendable (String) -> Void = AppOutput.err

    func run(_ arguments: [String]) async -> Int32 {
        var rest = arguments[...]
        let command = rest.popFirst()
        switch command {
        case nil:
            return environment["NITRO_DEV"] == "1" ? await development() : await serve()
        case "serve":
            guard rest.isEmpty else { return usageError("`serve` takes no arguments") }
            return await serve()
        case "dev":
            guard rest.isEmpty else { return usageError("`dev` takes no arguments") }
            return await development()
        case "run":
            return await runTask(Array(rest))
        case "list":
            switch Array(rest) {
            case []: return list(json: false)
            case ["--json"]: return list(json: true)
            default: return usageError("`list` takes only --json")
            }
        case "help", "--help", "-h":
            out(NitroTasksApp.usage)
            return 0
        case let other?:
            return usageError("unknown command `\(other)`")
        }
    }

    private func usageError(_ message: String) -> Int32 {
        err("error: \(message)\n\(NitroTasksApp.usage)")
        return 64
    }

    /// `serve`: the schedules until a signal.
    private func serve() async -> Int32 {
        let scheduler = TaskScheduler(runner: runner)
        let schedules = runner.registry.scheduledTasks.count
        let state =
            TaskScheduler.isDisabled(environment: environment)
            ? " (NITRO_SCHEDULER=off: not running them)"
            : (runner.registry.schedulerEnabled ? "" : " (the config's scheduler.enabled is false: not running them)")
        err("Scheduling \(schedules) schedule\(schedules == 1 ? "" : "s")\(state); SIGTERM or Ctrl-C stops")
        do {
            let say = err
            try await runUntilSignal(onSignal: { say("Stopping…") }) {
                try await scheduler.run(environment: environment)
            }
        } catch {
            err("error: \(error)")
            return 1
        }
        err("Stopped")
        return 0
    }

    /// Development mode: the development server and the schedules.
    private func development() async -> Int32 {
        #if DEBUG
            let scheduler = TaskScheduler(runner: runner)
            let environment = environment
            let runner = runner
            do {
                let say = err
                try await runUntilSignal(onSignal: { say("[dev server] Stopping…") }) {
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask { try await scheduler.run(environment: environment) }
                        group.addTask { try await DevServer.serve(runner: runner, environment: environment) }
                        // Whichever ends first (the server when `nitro dev` went away) ends both.
                        try await group.next()
                        group.cancelAll()
                        try await group.waitForAll()
                    }
                }
            } catch {
                err("error: \(error)")
                return 1
            }
            return 0
        #else
            err(
                "error: development mode (`dev`, NITRO_DEV=1) is only compiled into debug builds; this is a release "
                    + "build, which does not serve tasks over HTTP. Use `serve`, or `swift build` (debug) for development.")
            return 64
        #endif
    }

    /// `run NAME [--payload JSON]`.
    private func runTask(_ arguments: [String]) async -> Int32 {
        var name: String?
        var payloadText: String?
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--payload" {
                guard index + 1 < arguments.count else { return usageError("missing value for --payload") }
                guard payloadText == nil else { return usageError("--payload is given twice") }
                payloadText = arguments[index + 1]
                index += 2
                continue
            }
            if argument.hasPrefix("--payload=") {
                payloadText = String(argument.dropFirst("--payload=".count))
            } else if name == nil {
                name = argument
            } else {
                return usageError("`run` takes one task name (got `\(name!)` and `\(argument)`)")
            }
            index += 1
        }
        guard let name else { return usageError("`run` needs a task name") }
        var payload: TaskPayload = [:]
        if let payloadText {
            let value: JSONValue
            do {
                value = try JSONReader.parse(payloadText)
            } catch {
                err("error: --payload is not valid JSON: \(error)")
                return 64
            }
            guard case .object(let members) = value else {
                err("error: --payload must be a JSON object such as {\"dryRun\": true}, not \(value.kindDescription)")
                return 64
            }
            payload = TaskPayload(members)
        }
        let work = WorkTracker()
        do {
            let outcome = try await runner.run(name, payload: payload, context: TaskContext(waitUntil: work.waitUntil), trigger: .code)
            _ = await work.waitForAll(within: .seconds(30))
            out(JSONWriter.compact(outcome.json))
            return 0
        } catch let error as TaskError {
            _ = await work.waitForAll(within: .seconds(30))
            err("error \(error.statusCode): \(error.message)")
            return 1
        } catch {
            _ = await work.waitForAll(within: .seconds(30))
            err("error 500: \(error)")
            return 1
        }
    }

    /// `list [--json]`.
    private func list(json: Bool) -> Int32 {
        let registry = runner.registry
        if json {
            out(JSONWriter.compact(TaskRoutes.listing(registry)))
            return 0
        }
        let width = registry.entries.map(\.name.count).max() ?? 0
        var lines: [String] = []
        for entry in registry.entries {
            let padding = String(repeating: " ", count: width - entry.name.count)
            lines.append(entry.description.map { "\(entry.name)\(padding)  \($0)" } ?? entry.name)
        }
        if !registry.scheduledTasks.isEmpty {
            lines.append("Scheduled tasks (\(registry.timeZone)):")
            for schedule in registry.scheduledTasks {
                lines.append("  \(schedule.cron)  \(schedule.tasks.joined(separator: ", "))")
            }
        }
        out(lines.joined(separator: "\n"))
        return 0
    }
}

/// Whole lines to standard output and standard error.
enum AppOutput {
    /// Through the C `stdout` stream that tasks' `print` uses too, so the result comes after
    /// what the task printed (the stream is flushed when the process exits).
    static func out(_ text: String) {
        print(text)
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
