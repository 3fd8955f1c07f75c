import Foundation
import NitroTasks
import NitroTasksRoutes

/// One command of ``NitroTasksApp``.
struct AppCommand {
    let runner: TaskRunner
    let environment: [String: String]
    /// What development mode serves; without one, `dev` and `NITRO_DEV=1` are an error.
    var developmentServer: DevelopmentServer? = nil
    /// What `serve` runs next to the schedules in production, if anything.
    var server: AppServer? = nil
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
            let environment = environment
            let runner = runner
            try await runUntilSignal(onSignal: { say("Stopping…") }) { [server] in
                guard let server else { return try await scheduler.run(environment: environment) }
                try await Self.alongside(scheduler, environment: environment) { try await server.serve(runner, environment) }
            }
        } catch {
            err("error: \(error)")
            return 1
        }
        err("Stopped")
        return 0
    }

    /// Runs the scheduler and `serve` side by side; whichever ends first ends both.
    private static func alongside(
        _ scheduler: TaskScheduler, environment: [String: String], _ serve: @escaping @Sendable () async throws -> Void
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await scheduler.run(environment: environment) }
            group.addTask { try await serve() }
            try await group.next()
            group.cancelAll()
            try await group.waitForAll()
        }
    }

    /// Development mode: the development server and the schedules.
    private func development() async -> Int32 {
        guard let developmentServer else {
            err(Self.noDevelopmentServer)
            return 64
        }
        let scheduler = TaskScheduler(runner: runner)
        let environment = environment
        let runner = runner
        do {
            let say = err
            try await runUntilSignal(onSignal: { say("[dev server] Stopping…") }) {
                // Whichever ends first (the server when `nitro dev` went away) ends both.
                try await Self.alongside(scheduler, environment: environment) {
                    try await developmentServer.serve(runner, environment)
                }
            }
        } catch {
            err("error: \(error)")
            return 1
        }
        return 0
    }

    /// Why `dev` (or `NITRO_DEV=1`) cannot run in a binary without a development server.
    static let noDevelopmentServer = """
        error: this binary has no development mode (`dev`, NITRO_DEV=1): it was built without a \
        development server, so it serves no tasks over HTTP. For `nitro dev`, link the product \
        NitroTasksAppDev in development builds and call NitroTasksAppDev.main(registry:) there \
        (the NitroDev trait, which `nitro dev` enables: Docs/Runtime.md, "The app entry point"). \
        Use `serve` to run the schedules.
        """

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
