import NitroTasks
import NitroTasksDevServer
import NitroTasksRoutes
import NitroBuild
import NitroJSON

/// `nitro task list`: the server's listing, or the one planned from the sources when no server
/// runs, printed as text or as the JSON of `GET /_nitro/tasks`.
struct TaskListing {
    let root: String
    let json: Bool
    let console: Console

    func run(_ location: DevServerLocator.Outcome) async -> Int32 {
        var fallbackReason: String
        switch location {
        case .found(let endpoint):
            do {
                let response = try await DevServerClient(endpoint: endpoint).listTasks()
                let body = try? JSONReader.parse(response.body)
                guard response.status == 200, let body, body["tasks"]?.objectValue != nil else {
                    let message = body?["message"]?.stringValue ?? "an unexpected answer"
                    console.err("\(console.style("error:", "1;31")) \(endpoint) answered \(response.status): \(message)")
                    return ExitCode.failure
                }
                print(body)
                return ExitCode.success
            } catch .cannotConnect(_, let reason) {
                fallbackReason = "nothing answers at \(endpoint): \(reason)"
            } catch {
                console.err("\(console.style("error:", "1;31")) \(error)")
                return ExitCode.failure
            }
        case .notRunning(let reason):
            fallbackReason = reason
        case .refused(let reason):
            console.err("\(console.style("error:", "1;31")) \(reason)")
            return ExitCode.failure
        }
        return listFromSources(reason: fallbackReason)
    }

    /// Plans the build (preset `dev`, nothing written) and lists its tasks and schedules.
    private func listFromSources(reason: String) -> Int32 {
        console.err("note: no development server is running (\(reason)); listing the tasks from the project's sources")
        let plan = BuildRunner.plan(
            root: root, options: BuildOptions(presetOverride: ("dev", "nitro task list")),
            progress: console.showsProgress ? ScanProgress(console: console) : nil)
        DiagnosticPrinter(console: console).print(plan.diagnostics)
        guard !plan.hasErrors, let model = plan.model else {
            console.err("nitro task list: \(DiagnosticPrinter.summary(plan.diagnostics)); fix them or start `nitro dev`")
            return ExitCode.failure
        }
        print(Self.listing(model))
        return ExitCode.success
    }

    /// The planned model in the shape of `GET /_nitro/tasks`.
    static func listing(_ model: BuildModel) -> JSONValue {
        var tasks: [String: JSONValue] = [:]
        for task in model.tasks {
            tasks[task.name] = task.description.map { ["description": .string($0)] } ?? .object([:])
        }
        let schedules = model.schedules.map { schedule -> JSONValue in
            ["cron": .string(schedule.cron.value), "tasks": .array(schedule.tasks.map(JSONValue.string))]
        }
        return ["tasks": .object(tasks), "scheduledTasks": .array(schedules)]
    }

    private func print(_ listing: JSONValue) {
        if json {
            console.out(JSONWriter.pretty(listing), terminator: "")
        } else {
            console.out(Self.text(listing), terminator: "")
        }
    }

    /// The text form: one line per task (name, description), then one per schedule.
    static func text(_ listing: JSONValue) -> String {
        let tasks = listing["tasks"]?.objectValue ?? [:]
        let names = JSONWriter.sortedKeys(tasks)
        var output = ""
        if names.isEmpty {
            output += "No tasks.\n"
        } else {
            let width = names.map(\.count).max() ?? 0
            for name in names {
                let description = tasks[name]?["description"]?.stringValue ?? ""
                output += description.isEmpty ? "\(name)\n" : "\(name.padding(width))  \(description)\n"
            }
        }
        let schedules = listing["scheduledTasks"]?.arrayValue ?? []
        if !schedules.isEmpty {
            output += "\nScheduled tasks:\n"
            let crons = schedules.map { $0["cron"]?.stringValue ?? "" }
            let width = crons.map(\.count).max() ?? 0
            for (cron, schedule) in zip(crons, schedules) {
                let names = (schedule["tasks"]?.arrayValue ?? []).compactMap(\.stringValue)
                output += "  \(cron.padding(width))  \(names.joined(separator: ", "))\n"
            }
        }
        return output
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
