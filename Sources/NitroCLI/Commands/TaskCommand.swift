import NitroBuild
import NitroJSON
import NitroTasks
import NitroTasksDevServer
import NitroTasksRoutes

/// `nitro task list|run`: lists or runs the tasks of the running development server.
enum TaskCommand: Command {
    static let name = "task"
    static let summary = "List or run the tasks of the running development server"
    static let usage = "nitro task list [--root DIR] [--url URL] [--json] | nitro task run NAME [--payload JSON] [--root DIR] [--url URL]"
    static let introduction = """
        Talks to the development server that `nitro dev` runs, found through the info file it writes
        (.nitro/dev.json under the project root) or at --url.

        SUBCOMMANDS:
          list            Every task with its description, then the schedules. With no server
                          running, lists them from the project's sources instead (and says so on stderr).
          run NAME        Runs the task on the server and prints its result JSON ({"result": …}).
                          A failed task prints the server's message on stderr and exits 1.
        """
    static let options: [CommandOption] = [
        .value("--root", "DIR", "The project root (default: the current folder)"),
        .value("--url", "URL", "The server's address (http://127.0.0.1:3000), instead of the info file"),
        .flag(
            "--json",
            """
            (list) Print {"tasks": {NAME: {"description": …}}, "scheduledTasks": [{"cron": …, "tasks": […]}]},
            the shape of GET /_nitro/tasks, pretty-printed with sorted keys
            """),
        .value(
            "--payload", "JSON",
            """
            (run) A JSON object passed as the task's payload. Anything else is ignored
            with a warning and the task runs without a payload.
            """),
    ]
    static let epilogue = """
        EXIT STATUS: 0 success; 1 no server (run), a failed task, or an unreachable server; 64 bad usage.

        EXAMPLES:
          nitro task list
          nitro task run db:migrate
          nitro task run echo:payload --payload '{"user": "ada"}'
          nitro task list --url http://127.0.0.1:3000 --json
        """

    static func run(_ arguments: inout Arguments, context: CommandContext) async throws -> Int32 {
        let rootOption = try arguments.option("--root")
        let url = try arguments.option("--url")
        guard let subcommand = try arguments.positional() else {
            throw UsageError("Missing subcommand: 'list' or 'run NAME'")
        }
        if let rootOption, rootOption.isEmpty { throw UsageError("Missing value for '--root'") }
        let root = FileSystem.absolute(rootOption ?? ".", from: context.currentDirectory)
        switch subcommand {
        case "list":
            let json = arguments.flag("--json")
            try arguments.finish()
            let location = try DevServerLocator.locate(root: root, url: url)
            return await TaskListing(root: root, json: json, console: context.console).run(location)
        case "run":
            let payloadText = try arguments.option("--payload")
            guard let name = try arguments.positional() else { throw UsageError("Missing the name of the task to run") }
            try arguments.finish()
            let location = try DevServerLocator.locate(root: root, url: url)
            return await runTask(name, payloadText: payloadText, location: location, console: context.console)
        default:
            throw UsageError("Unknown subcommand '\(subcommand)'; use 'list' or 'run NAME'")
        }
    }

    /// `nitro task run NAME`.
    static func runTask(_ name: String, payloadText: String?, location: DevServerLocator.Outcome, console: Console) async
        -> Int32
    {
        let payload = payloadText.flatMap { parsePayload($0, task: name, console: console) }
        guard case .found(let endpoint) = location else {
            if case .notRunning(let reason) = location { noServer(reason, console: console) }
            if case .refused(let reason) = location { console.err("\(console.style("error:", "1;31")) \(reason)") }
            return ExitCode.failure
        }
        let response: HTTPClientConnection.Response
        do {
            response = try await DevServerClient(endpoint: endpoint, timeout: 24 * 3600).run(name, payload: payload)
        } catch {
            if case .cannotConnect(_, let reason) = error {
                noServer("nothing answers at \(endpoint) (\(reason))", console: console)
            } else {
                console.err("\(console.style("error:", "1;31")) \(error)")
            }
            return ExitCode.failure
        }
        let json = try? JSONReader.parse(response.body)
        guard response.status == 200 else {
            let message = json?["message"]?.stringValue ?? String(decoding: response.body, as: UTF8.self)
            console.err("\(console.style("error:", "1;31")) \(message) (status \(response.status))")
            return ExitCode.failure
        }
        if let json {
            console.out(JSONWriter.pretty(json), terminator: "")
        } else {
            console.out(String(decoding: response.body, as: UTF8.self))
        }
        return ExitCode.success
    }

    /// The payload, or `nil` with a warning when the text is not a JSON object (Nitro's rule:
    /// the task then runs without a payload).
    static func parsePayload(_ text: String, task: String, console: Console) -> TaskPayload? {
        let reason: String
        do {
            let value = try JSONReader.parse(text)
            if case .object(let members) = value { return TaskPayload(members) }
            reason = "it is \(value.kindDescription), not an object"
        } catch {
            reason = "it is not valid JSON (\(error))"
        }
        console.err(
            "\(console.style("warning:", "1;33")) --payload is ignored: \(reason); running `\(task)` without a payload")
        return nil
    }

    static func noServer(_ reason: String, console: Console) {
        console.err(
            "\(console.style("error:", "1;31")) no development server is running (\(reason)); "
                + "start it with `nitro dev` in another terminal, or pass --url")
    }
}
