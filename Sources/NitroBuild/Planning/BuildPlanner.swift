/// The build pipeline as a function of values: config text and the task files in, a plan out.
///
/// The edge drives it in two rounds, because which files to read depends on the config:
/// ```swift
/// let session = planner.start(configFiles: …, layout: …, options: …)
/// // read session.taskFolders and session.filesToRead from disk
/// let plan = session.plan(folders: …, files: …)
/// ```
package struct BuildPlanner: Sendable {
    /// Steps adding deployment files, in order (issue 6 adds Cloudflare and Vercel here).
    package var presetOutputs: [any PresetOutput]
    /// Validates every schedule for the target (the cron engine plugs in here).
    package var scheduleValidator: any ScheduleValidator

    package init(
        presetOutputs: [any PresetOutput] = [], scheduleValidator: any ScheduleValidator = BasicScheduleValidator()
    ) {
        self.presetOutputs = presetOutputs
        self.scheduleValidator = scheduleValidator
    }

    /// Reads the config, picks the preset and finds the task folders.
    package func start(configFiles: [SourceFile], layout: ProjectLayout, options: BuildOptions) -> BuildSession {
        let reading = ConfigReader.read(configFiles)
        var diagnostics = reading.diagnostics
        var preset = Preset.default
        if let override = options.presetOverride {
            if let chosen = Preset(name: override.name) {
                preset = chosen
            } else {
                diagnostics.append(.error(nil, "\(override.origin): \(Preset.unknownMessage(override.name))"))
            }
        } else if let written = reading.config.preset {
            if let chosen = Preset(name: written.value) {
                preset = chosen
            } else {
                diagnostics.append(.error(written.location, Preset.unknownMessage(written.value)))
            }
        }
        let location = TaskFolderLocator.locate(reading.config, layout: layout)
        diagnostics += location.diagnostics
        var inputs = TaskMerger.handlerFiles(of: reading.config)
        for output in presetOutputs where output.applies(to: preset) {
            inputs += output.inputPaths(config: reading.config, preset: preset)
        }
        return BuildSession(
            planner: self, config: reading.config, preset: preset, location: location, filesToRead: inputs,
            diagnostics: diagnostics, options: options)
    }
}

/// A build between its two rounds: the config is read; the task folders and the other files it
/// names are still to be read by the edge.
package struct BuildSession: Sendable {
    let planner: BuildPlanner
    package let config: NitroConfig
    package let preset: Preset
    package let location: TaskLocation
    /// Other root-relative files to read if they exist (config handlers, preset inputs).
    package let filesToRead: [String]
    let diagnostics: [Diagnostic]
    let options: BuildOptions

    /// The `tasks/` folders to read (root-relative).
    package var taskFolders: [String] { location.folders }

    /// Scans, merges, validates and renders.
    ///
    /// It takes the folders over (`consuming`): the scan keeps their digested files (its tasks are
    /// read from them) and releases them once merged, before rendering allocates.
    package func plan(folders: consuming [TaskFolder], files: [SourceFile], walkDiagnostics: [Diagnostic] = []) -> BuildPlan {
        var diagnostics = self.diagnostics + walkDiagnostics
        guard let registryPath = location.registryPath else {
            return finish(BuildPlan(files: [], diagnostics: diagnostics, model: nil))
        }
        if location.groups.count > 1 {
            return finish(planTargets(folders: folders, files: files, diagnostics: diagnostics))
        }
        let ignore = config.ignore.map { GlobPattern($0.value) }
        let scan = TaskScanner.scan(consume folders, ignore: ignore, registryPath: registryPath)
        diagnostics += scan.diagnostics
        let byPath = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let merged = TaskMerger.merge(
            config: config, scan: scan, handlerFiles: byPath, registryPath: registryPath,
            target: location.target)
        diagnostics += merged.diagnostics
        _ = consume scan  // the digests are not needed past merging: rendering reuses their memory

        let timeZone = config.schedulerTimeZone?.value ?? "UTC"
        let context = ScheduleValidationContext(preset: preset, timeZone: timeZone, config: config)
        var schedules = merged.schedules
        for index in schedules.indices {
            let validation = planner.scheduleValidator.validate(schedules[index], context: context)
            diagnostics += validation.diagnostics
            schedules[index].platformCrons = validation.platformCrons
        }
        let model = BuildModel(
            config: config, preset: preset, tasks: merged.tasks, schedules: schedules, timeZone: timeZone,
            registryPath: registryPath, taskConstants: merged.taskConstants)
        var generated = [GeneratedFile(path: registryPath, content: RegistryRenderer.content(model))]
        for output in planner.presetOutputs where output.applies(to: preset) {
            let rendering = output.render(PresetContext(model: model, inputs: byPath))
            generated += rendering.files
            diagnostics += rendering.diagnostics
        }
        return finish(BuildPlan(files: generated, diagnostics: diagnostics, model: model))
    }

    func finish(_ plan: BuildPlan) -> BuildPlan {
        var plan = plan
        plan.notes = location.notes
        var seen: Set<Diagnostic> = []
        plan.diagnostics = plan.diagnostics.filter { seen.insert($0).inserted }.sorted(by: Diagnostic.printOrder)
        if options.strict { plan.diagnostics = plan.diagnostics.strict() }
        return plan
    }
}

extension BuildPlanner {
    /// The planner `nitro build` uses: every preset output and the schedule validator.
    package static let standard = BuildPlanner(
        presetOutputs: [CloudflareWranglerOutput(), CloudflarePagesNotice(), VercelConfigOutput(), PlatformKeyNotice()],
        scheduleValidator: CronScheduleValidator())
}
