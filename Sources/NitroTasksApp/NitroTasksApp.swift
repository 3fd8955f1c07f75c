import Foundation
import NitroTasks

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
/// a development server and the schedules, until Ctrl-C or SIGTERM or until the server stops
/// (the built-in one stops when `nitro dev` goes away). This module links no HTTP server: the
/// server is the `developmentServer` argument, and without one `dev` and `NITRO_DEV=1` are an
/// error (exit status 64). `NitroTasksAppDev.main(registry:)` (product `NitroTasksAppDev`) passes
/// the built-in development server; an app links that product in development builds only (the
/// `NitroDev` trait, which `nitro dev` enables: Docs/Runtime.md, "The app entry point"), so its
/// production binary contains no task-running HTTP endpoint at all.
///
/// `NITRO_SCHEDULER=off` keeps the schedules from running in `serve` and development mode.
public enum NitroTasksApp {
    /// Installs `registry` (``NitroTasks/TaskRunner/bootstrap(_:observers:)``), runs the command of
    /// the process's arguments and exits with its status.
    ///
    /// - Parameters:
    ///   - developmentServer: what development mode serves, next to the schedules; `nil` (the
    ///     default) leaves this binary without development mode.
    ///   - server: what `serve` runs next to the schedules in production (a platform's HTTP way
    ///     in); `nil` (the default): the schedules only.
    public static func main(
        registry: TaskRegistry, arguments: [String] = Array(CommandLine.arguments.dropFirst()),
        environment: [String: String] = ProcessInfo.processInfo.environment,
        developmentServer: DevelopmentServer? = nil, server: AppServer? = nil
    ) async -> Never {
        let runner = TaskRunner.bootstrap(registry)
        let status = await run(
            runner: runner, arguments: arguments, environment: environment, developmentServer: developmentServer,
            server: server)
        exit(status)
    }

    /// Runs one command with `runner` and returns the exit status (what
    /// ``main(registry:arguments:environment:developmentServer:server:)`` exits with), writing to standard
    /// output and standard error.
    public static func run(
        runner: TaskRunner, arguments: [String], environment: [String: String],
        developmentServer: DevelopmentServer? = nil, server: AppServer? = nil
    ) async -> Int32 {
        await AppCommand(runner: runner, environment: environment, developmentServer: developmentServer, server: server)
            .run(arguments)
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
