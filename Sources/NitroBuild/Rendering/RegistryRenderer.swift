/// Renders the Swift registry: `extension TaskRegistry { static let generated = … }`.
///
/// Byte-deterministic: tasks in plain Unicode scalar order of their names, schedules in config
/// order, platform crons by key, imports sorted, `\n` line ends, one trailing newline.
package enum RegistryRenderer {
    package static func render(_ model: BuildModel) -> String {
        var lines = GeneratedHeader.swiftLines
        lines.append("")
        var modules: Set<String> = ["NitroTasks"]
        for task in model.tasks {
            if case .qualified(let module, _) = task.reference { modules.insert(module) }
        }
        for module in modules.sorted(by: utf8Less) { lines.append("import \(module)") }
        lines.append("")
        lines.append("extension TaskRegistry {")
        lines.append("    /// Every task and schedule of this app, as `nitro build` found them.")
        lines.append("    static let generated = TaskRegistry(")
        if model.tasks.isEmpty {
            lines.append("        tasks: [],")
        } else {
            lines.append("        tasks: [")
            for task in model.tasks { lines.append("            \(entry(task)),") }
            lines.append("        ],")
        }
        if model.schedules.isEmpty {
            lines.append("        scheduledTasks: [],")
        } else {
            lines.append("        scheduledTasks: [")
            for schedule in model.schedules { lines.append("            \(scheduleEntry(schedule)),") }
            lines.append("        ],")
        }
        if model.config.schedulerEnabled?.value == false {
            // Only when the config turns the in-process scheduler off: other registries stay as they were.
            lines.append("        timeZone: \(SwiftLiteral.string(model.timeZone)),")
            lines.append("        schedulerEnabled: false")
        } else {
            lines.append("        timeZone: \(SwiftLiteral.string(model.timeZone))")
        }
        lines.append("    )")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    static func entry(_ task: PlannedTask) -> String {
        var text = ".init(\(SwiftLiteral.string(task.name))"
        if let description = task.description {
            text += ", description: \(SwiftLiteral.string(description))"
        }
        switch task.reference {
        case .symbol(let symbol)?: text += ", definition: { \(symbol) }"
        case .qualified(_, let path)?: text += ", definition: { \(path) }"
        case nil: text += ", definition: nil"
        }
        return text + ")"
    }

    static func scheduleEntry(_ schedule: PlannedSchedule) -> String {
        var text =
            ".init(cron: \(SwiftLiteral.string(schedule.cron.value)), tasks: \(SwiftLiteral.stringArray(schedule.tasks))"
        if !schedule.platformCrons.isEmpty {
            let pairs = schedule.platformCrons.keys.sorted(by: utf8Less).map {
                "\(SwiftLiteral.string($0)): \(SwiftLiteral.string(schedule.platformCrons[$0]!))"
            }
            text += ", platformCrons: [\(pairs.joined(separator: ", "))]"
        }
        return text + ")"
    }
}
