/// Renders the Swift registry: `extension TaskRegistry { static let generated = … }`.
///
/// Byte-deterministic: tasks in plain Unicode scalar order of their names, schedules in config
/// order, platform crons by key, imports sorted, `\n` line ends, one trailing newline.
///
/// Inside the extension a name first means a member of `TaskRegistry`, so a task symbol (or a
/// handler's module) spelled like one (`schedulerEnabled`, `Schedule.sync`) is reached through a
/// private accessor at file scope, written after the extension, where the name means the global:
/// any task name compiles (``TaskRegistryMembers``).
///
/// After it, `extension TaskName` declares a constant per task (``TaskNameConstants``), so that
/// `runTask(.dbMigrate)` is checked by the compiler.
package enum RegistryRenderer {
    package static func render(_ model: BuildModel) -> String {
        String(decoding: renderBytes(model), as: UTF8.self)
    }

    /// ``render(_:)`` as the UTF-8 bytes of the file.
    package static func renderBytes(_ model: BuildModel) -> [UInt8] {
        content(model).bytes
    }

    /// The file as ``FileContent``: rendered again each time it is read, in pieces of about
    /// 64 KiB, so that the 22 MB of a 100,000-task registry are compared and written without
    /// ever being in memory at once.
    package static func content(_ model: BuildModel) -> FileContent {
        FileContent { emit in render(model, into: emit) }
    }

    /// Renders the file line by line into a buffer handed to `emit` whenever it holds 64 KiB,
    /// and once more at the end.
    package static func render(_ model: BuildModel, into emit: (UnsafeRawBufferPointer) -> Void) {
        withoutActuallyEscaping(emit) { emit in
            var lines = Lines(emit: emit)
            lines += GeneratedHeader.swiftLines
            lines.append("")
            // One pass over the tasks for the imports and the accessors (each task is read from its
            // digest on access).
            let references = TaskReferences(model.tasks)
            for module in references.modules.sorted(by: utf8Less) { lines.append("import \(SwiftIdentifier.spelled(module))") }
            lines.append("")
            lines.append("extension TaskRegistry {")
            lines.append("    /// Every task and schedule of this app, as `nitro build` found them.")
            lines.append("    static let generated = TaskRegistry(")
            lines.appendArgument("tasks", model.tasks.lazy.map { entry($0, references) })
            lines.appendArgument("scheduledTasks", model.schedules.lazy.map { scheduleEntry($0, timeZone: model.timeZone) })
            if model.config.schedulerEnabled?.value == false {
                // Only when the config turns the in-process scheduler off: other registries stay as they were.
                lines.append("        timeZone: \(SwiftLiteral.string(model.timeZone)),")
                lines.append("        schedulerEnabled: false")
            } else {
                lines.append("        timeZone: \(SwiftLiteral.string(model.timeZone))")
            }
            lines.append("    )")
            lines.append("}")
            constants(model.tasks, model.taskConstants ?? TaskNameConstants.plan(model.tasks).constants, into: &lines)
            if !references.byReference.isEmpty {
                lines.append("")
                lines.append("// Inside the extension these names would mean members of `TaskRegistry`: the tasks are")
                lines.append("// reached from here, where they mean the globals.")
                for (reference, name) in references.byReference.sorted(by: { utf8Less($0.value, $1.value) }) {
                    lines.append("private var \(name): TaskDefinition { \(reference) }")
                }
            }
            lines.flush()
        }
    }

    /// The file's bytes, written line by line into a buffer that is handed on in pieces.
    struct Lines {
        static let pieceSize = 65_536
        private var bytes: [UInt8] = []
        private let emit: (UnsafeRawBufferPointer) -> Void

        init(emit: @escaping (UnsafeRawBufferPointer) -> Void) {
            self.emit = emit
            bytes.reserveCapacity(Self.pieceSize + 1_024)
        }

        mutating func append(_ line: String) {
            bytes.append(contentsOf: line.utf8)
            bytes.append(UInt8(ascii: "\n"))
            if bytes.count >= Self.pieceSize { flush() }
        }

        /// Hands the buffer on and empties it (keeping its capacity).
        mutating func flush() {
            guard !bytes.isEmpty else { return }
            bytes.withUnsafeBytes { emit($0) }
            bytes.removeAll(keepingCapacity: true)
        }

        /// `label: [` and an element a line, then `],`; `label: [],` without elements.
        mutating func appendArgument(_ label: String, _ elements: some Sequence<String>) {
            var none = true
            for element in elements {
                if none { append("        \(label): [") }
                none = false
                append("            \(element),")
            }
            append(none ? "        \(label): []," : "        ],")
        }

        static func += (lines: inout Lines, more: [String]) {
            for line in more { lines.append(line) }
        }
    }

    /// `extension TaskName { static let dbMigrate: TaskName = "db:migrate" … }`, in task order,
    /// for every task that has a constant of its own (``TaskNameConstants``); nothing without one.
    static func constants(_ tasks: PlannedTasks, _ assigned: [String?], into lines: inout Lines) {
        guard assigned.contains(where: { $0 != nil }) else { return }
        lines += ["", "extension TaskName {"]
        for (position, identifier) in zip(tasks.indices, assigned) {
            guard let identifier else { continue }
            let name = tasks.name(at: position)
            lines.append("    /// The task `\(name)`.")
            lines.append("    static let \(TaskNameConstants.declared(identifier)): TaskName = \(SwiftLiteral.string(name))")
        }
        lines.append("}")
    }

    /// What the tasks' references need in the file: the modules to import, and a file-scope
    /// accessor for each reference a `TaskRegistry` member would shadow.
    struct TaskReferences {
        /// Reference as written (`schedulerEnabled`, `Schedule.sync`) → accessor name.
        var byReference: [String: String] = [:]
        /// `NitroTasks` and the module of every handler registered by module (`Jobs.cleanup`).
        var modules: Set<String> = ["NitroTasks"]

        init(_ tasks: PlannedTasks) {
            var taken: Set<String> = []
            for task in tasks {
                let reference: String
                let first: String
                switch task.reference {
                case .symbol(let symbol)?:
                    reference = symbol
                    first = TaskFileInspector.plain(symbol)
                case .qualified(let module, let path)?:
                    reference = path
                    first = module
                    modules.insert(module)
                case nil:
                    continue
                }
                guard TaskRegistryMembers.shadows(first), byReference[reference] == nil else { continue }
                let plain = reference.split(separator: ".").map { TaskFileInspector.plain(String($0)) }
                var name = "nitroTask_" + plain.joined(separator: "_")
                var suffix = 2
                while taken.contains(name) {
                    name = "nitroTask_" + plain.joined(separator: "_") + "_\(suffix)"
                    suffix += 1
                }
                taken.insert(name)
                byReference[reference] = name
            }
        }
    }

    static func entry(_ task: PlannedTask, _ references: TaskReferences) -> String {
        var text = ".init(\(SwiftLiteral.string(task.name))"
        if let description = task.description {
            text += ", description: \(SwiftLiteral.string(description))"
        }
        let reference: String?
        switch task.reference {
        case .symbol(let symbol)?: reference = symbol
        case .qualified(_, let path)?: reference = path
        case nil: reference = nil
        }
        if let reference {
            text += ", definition: { \(references.byReference[reference] ?? reference) }"
        } else {
            text += ", definition: nil"
        }
        return text + ")"
    }

    /// One schedule's initializer. Platform strings are written one per platform when each
    /// platform has one (`["vercel": "0 3 * * *"]`), as lists when any has several; the zone is
    /// written with them when it is not UTC, so the platform entry points filter in the right zone.
    static func scheduleEntry(_ schedule: PlannedSchedule, timeZone: String) -> String {
        var text =
            ".init(cron: \(SwiftLiteral.string(schedule.cron.value)), tasks: \(SwiftLiteral.stringArray(schedule.tasks))"
        if !schedule.platformCrons.isEmpty {
            if timeZone != "UTC" { text += ", timeZone: \(SwiftLiteral.string(timeZone))" }
            let single = schedule.platformCrons.values.allSatisfy { $0.count == 1 }
            let pairs = schedule.platformCrons.keys.sorted(by: utf8Less).map { key in
                let crons = schedule.platformCrons[key]!
                return "\(SwiftLiteral.string(key)): \(single ? SwiftLiteral.string(crons[0]) : SwiftLiteral.stringArray(crons))"
            }
            text += ", platformCrons: [\(pairs.joined(separator: ", "))]"
        }
        return text + ")"
    }
}
