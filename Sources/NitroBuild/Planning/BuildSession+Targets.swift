/// Several targets with tasks (`scanDirs` in two targets, two `Sources/*/tasks`): one registry per
/// target, each listing only its target's tasks and the schedules' share of them; one set of
/// platform files for the whole project.
///
/// Task names are one namespace across the targets (schedules, platform crons and `nitro task
/// run` name tasks, not targets), so a name defined in two targets is an error. A schedule may
/// name tasks of any target: each registry gets the schedule with the tasks of its own target (and
/// not at all when it has none of them), with the same platform crons, so whichever process a
/// trigger reaches runs its share. A task registered in the config goes into the target of its
/// handler file, else of the scanned file of its name, else into the primary target (the one
/// holding `output.registry`, else the first named).
extension BuildSession {
    func planTargets(folders: [TaskFolder], files: [SourceFile], diagnostics: [Diagnostic]) -> BuildPlan {
        var diagnostics = diagnostics
        let groups = location.groups
        let ignore = config.ignore.map { GlobPattern($0.value) }
        let byPath = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let folderByPath = Dictionary(folders.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })

        let scans = groups.map { group in
            TaskScanner.scan(
                group.folders.compactMap { folderByPath[$0] }, ignore: ignore, registryPath: group.registryPath)
        }
        for scan in scans { diagnostics += scan.diagnostics }

        // Which registry each config task goes into.
        var configTasks = [[ConfigTask]](repeating: [], count: groups.count)
        for task in config.tasks {
            var index = 0
            if let handler = task.handler {
                if case .success(.file(let path)) = HandlerReference.parse(handler.value),
                    let found = groups.firstIndex(where: { $0.target.contains(path) })
                {
                    index = found
                }
            } else if let found = scans.firstIndex(where: { $0.tasks.contains { $0.name == task.name.value } }) {
                index = found
            }
            configTasks[index].append(task)
        }

        var perTarget: [[PlannedTask]] = []
        var owner: [String: Int] = [:]
        for (index, group) in groups.enumerated() {
            var subset = config
            subset.tasks = configTasks[index]
            subset.scheduledTasks = []
            let merged = TaskMerger.mergeTasks(
                config: subset, scan: scans[index], handlerFiles: byPath, registryPath: group.registryPath,
                target: group.target)
            diagnostics += merged.diagnostics
            var kept: [PlannedTask] = []
            for task in merged.tasks {
                if let first = owner[task.name] {
                    let other = groups[first]
                    let earlier = perTarget[first].first { $0.name == task.name }?.origin
                    diagnostics.append(
                        .error(
                            task.origin,
                            "the task `\(task.name)` is also defined in the target \(other.target.name)"
                                + (earlier.map { " (\($0))" } ?? "")
                                + "; task names are one namespace across the project's targets (schedules, platform crons "
                                + "and `nitro task run` name tasks, not targets): rename one of them"))
                    continue
                }
                owner[task.name] = index
                kept.append(task)
            }
            perTarget.append(kept)
        }

        let allTasks = PlannedTasks(perTarget.flatMap { $0 }.sorted { utf8Less($0.name, $1.name) })
        diagnostics += TaskMerger.featureFlag(config: config, tasks: allTasks)
        var (schedules, scheduleDiagnostics) = TaskMerger.mergeSchedules(config.scheduledTasks, known: allTasks)
        diagnostics += scheduleDiagnostics

        let timeZone = config.schedulerTimeZone?.value ?? "UTC"
        let context = ScheduleValidationContext(preset: preset, timeZone: timeZone, config: config)
        for index in schedules.indices {
            let validation = planner.scheduleValidator.validate(schedules[index], context: context)
            diagnostics += validation.diagnostics
            schedules[index].platformCrons = validation.platformCrons
        }

        var generated: [GeneratedFile] = []
        for (index, group) in groups.enumerated() {
            let names = Set(perTarget[index].map(\.name))
            let own = schedules.compactMap { schedule -> PlannedSchedule? in
                var share = schedule
                share.tasks = schedule.tasks.filter { names.contains($0) }
                return share.tasks.isEmpty ? nil : share
            }
            let model = BuildModel(
                config: config, preset: preset, tasks: PlannedTasks(perTarget[index]), schedules: own, timeZone: timeZone,
                registryPath: group.registryPath)
            generated.append(GeneratedFile(path: group.registryPath, content: RegistryRenderer.content(model)))
        }
        // The platform files cover every target: one deployment, every schedule.
        let model = BuildModel(
            config: config, preset: preset, tasks: allTasks, schedules: schedules, timeZone: timeZone,
            registryPath: groups[0].registryPath)
        for output in planner.presetOutputs where output.applies(to: preset) {
            let rendering = output.render(PresetContext(model: model, inputs: byPath))
            generated += rendering.files
            diagnostics += rendering.diagnostics
        }
        var plan = BuildPlan(files: generated, diagnostics: diagnostics, model: model)
        plan.registries = groups.map { ($0.target.name, $0.registryPath) }
        return plan
    }
}
