/// Merging (MISSION section 5, Nitro's behaviour): config tasks take precedence over scanned
/// ones; a config task without a handler takes the scanned file of the same name, or stays
/// without one (501 at run time); a file used as a config handler is not registered again
/// under its path name; a task's own `meta.description` wins over the config's.
package enum TaskMerger {
    package struct Result: Sendable {
        package var tasks: PlannedTasks
        package var schedules: [PlannedSchedule]
        package var diagnostics: [Diagnostic]
        /// The `TaskName` constant of each task (``TaskNameConstants/plan(_:)``).
        package var taskConstants: [String?] = []
    }

    /// The handler files the edge must read (root-relative).
    package static func handlerFiles(of config: NitroConfig) -> [String] {
        config.tasks.compactMap { task in
            guard let handler = task.handler, case .success(.file(let path)) = HandlerReference.parse(handler.value)
            else { return nil }
            return path
        }
    }

    package static func merge(
        config: NitroConfig, scan: TaskScan, handlerFiles: [String: SourceFile], registryPath: String,
        target registryTarget: RegistryTarget? = nil
    ) -> Result {
        var result = mergeTasks(
            config: config, scan: scan, handlerFiles: handlerFiles, registryPath: registryPath, target: registryTarget)
        result.diagnostics += featureFlag(config: config, tasks: result.tasks)
        let (schedules, scheduleDiagnostics) = mergeSchedules(config.scheduledTasks, known: result.tasks)
        result.schedules = schedules
        result.diagnostics += scheduleDiagnostics
        return result
    }

    /// The tasks of one registry (config tasks and scanned ones), without the schedules and the
    /// feature-flag check, which look at every registry of the build at once.
    package static func mergeTasks(
        config: NitroConfig, scan: TaskScan, handlerFiles: [String: SourceFile], registryPath: String,
        target registryTarget: RegistryTarget? = nil
    ) -> Result {
        var diagnostics: [Diagnostic] = []
        // The config's tasks by name (a later entry of the same name replaces an earlier one).
        var configPlanned: [String: PlannedTask] = [:]
        var configOrder: [String] = []
        var consumed: Set<String> = []
        var metaWarnings: [Diagnostic] = []
        var outsideDeclarations: [(file: String, declaration: TaskDeclaration)] = []
        var inspected: [String: TaskFileInspection] = [:]
        // Scanned tasks by file, for config handlers given as files: built only when one is (a
        // project of 100,000 tasks and a config without such handlers needs no such table).
        var scannedByFile: [String: Int]?
        let targetFolder = TaskFolderLocator.targetFolder(of: registryPath)
        let registryTarget =
            registryTarget ?? RegistryTarget(name: ProjectPath.fileName(targetFolder), folder: targetFolder)
        let target = registryTarget.folder

        for task in config.tasks {
            let name = task.name.value
            var entry = PlannedTask(name: name, description: nil, reference: nil, origin: task.name.location)
            var declaration: TaskDeclaration?
            if let handler = task.handler {
                switch HandlerReference.parse(handler.value) {
                case .failure(let error):
                    diagnostics.append(.error(handler.location, error.message))
                case .success(.symbol(let module, _)) where module == registryTarget.name:
                    // The module is the registry's own target: nitro build cannot check such a
                    // symbol (and `import` of its own module does nothing), but it can check a file.
                    diagnostics.append(
                        .error(
                            handler.location,
                            "the handler `\(handler.value)` names `\(module)`, the registry's own target: give the path of "
                                + "the task's `.swift` file instead (`./\(ProjectPath.display(target))/…/name.swift`), so nitro "
                                + "build can check that it declares a task"))
                case .success(.symbol(let module, let path)):
                    entry.reference = .qualified(module: module, path: path)
                case .success(.file(let path)):
                    if !registryTarget.contains(path) {
                        diagnostics.append(
                            .error(
                                handler.location,
                                "the handler `\(path)` is outside the registry's target (\(ProjectPath.display(target))), so the registry "
                                    + "cannot see its symbol; move it into \(ProjectPath.display(target)), or reference a task of another "
                                    + "module as `Module.symbol`"))
                    } else if let scanned = {
                        if scannedByFile == nil {
                            scannedByFile = Dictionary(
                                scan.tasks.indices.map { (scan.tasks[$0].file, $0) }, uniquingKeysWith: { first, _ in first })
                        }
                        return scannedByFile![path].map { scan.tasks[$0] }
                    }() {
                        declaration = scanned.declaration
                        consumed.insert(path)
                    } else if let file = handlerFiles[path] {
                        let inspection = inspected[path] ?? TaskFileInspector.inspect(file)
                        if inspected[path] == nil {
                            inspected[path] = inspection
                            diagnostics += inspection.diagnostics
                            if let found = inspection.declaration { outsideDeclarations.append((path, found)) }
                        }
                        declaration = inspection.declaration
                    } else {
                        diagnostics.append(
                            .error(
                                handler.location,
                                "the handler file `\(path)` does not exist (paths are relative to the project root)"))
                    }
                    if let declaration { entry.reference = .symbol(declaration.symbol) }
                }
            } else if let scanned = scan.tasks.first(named: name) {
                declaration = scanned.declaration
                entry.reference = .symbol(scanned.declaration.symbol)
            }
            entry.description = declaration?.description?.value ?? task.description?.value
            if let declaration {
                metaWarnings += metaNameCheck(declaration, registeredAs: name)
                entry.origin = declaration.location
            }
            if configPlanned.updateValue(entry, forKey: name) == nil { configOrder.append(name) }
        }

        // The result in name order, built in one pass: the scanned tasks come sorted, and the
        // config's (few) are merged in between (no table of 100,000 planned tasks, no re-sort).
        let configSorted = configOrder.sorted(by: utf8Less).map { configPlanned[$0]! }
        // Scanned tasks are appended as their index: they stay in their digests (``PlannedTasks``).
        var tasks = PlannedTasks(scanned: scan.tasks)
        tasks.reserveCapacity(configSorted.count + scan.tasks.count)
        var nextConfig = 0

        let configByName = Dictionary(config.tasks.map { ($0.name.value, $0) }, uniquingKeysWith: { _, last in last })
        for index in scan.tasks.indices {
            let scanned = scan.tasks[index]
            if consumed.contains(scanned.file) { continue }
            if let configTask = configByName[scanned.name] {
                if let handler = configTask.handler {
                    diagnostics.append(
                        .warning(
                            SourceLocation(path: scanned.file),
                            "this task is not registered: the config's `\(scanned.name)` (\(handler.location)) takes precedence "
                                + "with its own handler; remove this file or the config entry"))
                }
                continue
            }
            let declaration = scanned.declaration
            while nextConfig < configSorted.count && utf8Less(configSorted[nextConfig].name, scanned.name) {
                tasks.append(configSorted[nextConfig])
                nextConfig += 1
            }
            tasks.appendScanned(index)
            metaWarnings += metaNameCheck(declaration, registeredAs: scanned.name)
        }
        for task in configSorted[nextConfig...] { tasks.append(task) }

        diagnostics += metaWarnings
        diagnostics += clashesWithHandlerFiles(outsideDeclarations, scan: scan)

        let constants = TaskNameConstants.plan(tasks)
        diagnostics += constants.warnings
        return Result(tasks: tasks, schedules: [], diagnostics: diagnostics, taskConstants: constants.constants)
    }

    /// A warning when the task's `meta.name` differs from the name it is registered under.
    static func metaNameCheck(_ declaration: TaskDeclaration, registeredAs registered: String) -> [Diagnostic] {
        guard let metaName = declaration.metaName, metaName.value != registered else { return [] }
        return [
            .warning(
                metaName.location,
                "`meta.name` is \"\(metaName.value)\" but the task is registered as \"\(registered)\"; the registered "
                    + "name (from the file path or the config key) is the one runTask uses: make them agree")
        ]
    }

    /// Handler files outside `tasks/` compile in the same target: their names and symbols must
    /// not clash with the task files'.
    static func clashesWithHandlerFiles(_ outside: [(file: String, declaration: TaskDeclaration)], scan: TaskScan)
        -> [Diagnostic]
    {
        var diagnostics: [Diagnostic] = []
        for (file, declaration) in outside {
            if let other = scan.tasks.first(where: { $0.declaration.plainSymbol == declaration.plainSymbol }) {
                diagnostics.append(
                    .error(
                        declaration.location,
                        "the task symbol `\(declaration.plainSymbol)` is also declared at \(other.declaration.location); top-level names "
                            + "must be unique in a target: rename one of them"))
            }
            let name = ProjectPath.fileName(file)
            if let other = scan.swiftFiles.first(where: { ProjectPath.fileName($0) == name }) {
                diagnostics.append(
                    .error(
                        SourceLocation(path: file),
                        "the file name `\(name)` is also used by \(other):1:1; Swift cannot compile two files with one name in a "
                            + "target: rename one of them"))
            }
        }
        return diagnostics
    }

    /// Nitro ignores tasks unless `experimental.tasks` is on; say so instead of staying silent.
    static func featureFlag(config: NitroConfig, tasks: PlannedTasks) -> [Diagnostic] {
        guard config.experimentalTasks?.value != true, !tasks.isEmpty || !config.scheduledTasks.isEmpty else {
            return []
        }
        let location = config.experimentalTasks?.location ?? config.fileLocation ?? tasks.first?.origin
        let start =
            config.experimentalTasks == nil ? "`experimental.tasks` is not enabled" : "`experimental.tasks` is false"
        let fix =
            config.path == nil
            ? "create nitro.config.ts with `export default defineNitroConfig({ experimental: { tasks: true } })`"
            : "add `experimental: { tasks: true }` to the config"
        return [
            .warning(
                location,
                "\(start), but the project has \(tasks.count) task(s) and \(config.scheduledTasks.count) schedule(s); Nitro "
                    + "needs the flag for tasks: \(fix)")
        ]
    }

    /// The schedules with the tasks they name; `known` are the planned tasks in plain name order
    /// (looked up by binary search: no second table of every task name).
    static func mergeSchedules(_ schedules: [ConfigSchedule], known: PlannedTasks) -> (
        [PlannedSchedule], [Diagnostic]
    ) {
        var diagnostics: [Diagnostic] = []
        var result: [PlannedSchedule] = []
        for schedule in schedules {
            var seen: Set<String> = []
            var names: [String] = []
            for name in schedule.tasks {
                if seen.contains(name.value) {
                    diagnostics.append(
                        .warning(
                            name.location,
                            "`\(name.value)` is listed twice in the schedule `\(schedule.cron.value)`; it runs once"))
                    continue
                }
                seen.insert(name.value)
                guard known.contains(named: name.value) else {
                    let knownNames = known.map(\.name)
                    var message = "the schedule `\(schedule.cron.value)` names the unknown task `\(name.value)`"
                    if let near = Suggestions.closest(to: name.value, in: knownNames) {
                        message += "; did you mean `\(near)`?"
                    } else if knownNames.isEmpty {
                        message += "; the project has no tasks"
                    } else {
                        message +=
                            "; the tasks are \(knownNames.prefix(10).joined(separator: ", "))\(knownNames.count > 10 ? ", …" : "")"
                    }
                    diagnostics.append(.error(name.location, message))
                    continue
                }
                names.append(name.value)
            }
            if schedule.tasks.isEmpty {
                diagnostics.append(
                    .warning(
                        schedule.cron.location, "the schedule `\(schedule.cron.value)` runs no task; it is left out"))
                continue
            }
            result.append(PlannedSchedule(cron: schedule.cron, tasks: names))
        }
        return (result, diagnostics)
    }
}
