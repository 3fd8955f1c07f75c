import NitroBuild

/// Runs one `nitro build`: reads the project, plans, then writes, checks or shows the plan.
/// The three modes share the one plan; only what happens to it differs.
struct BuildRunner {
    enum Mode {
        /// Write the files whose bytes differ (atomically).
        case write
        /// `--check`: write nothing; fail when a file is missing or stale.
        case check
        /// `--dry-run`: print what would be written.
        case dryRun
        /// `--dry-run --json`: the same, as one JSON document on stdout (``BuildPlanJSON``).
        case dryRunJSON
        /// `--registry-output FILE [--registry-target NAME]`: write only the registry (of target
        /// `NAME` when several targets have tasks), to this absolute path (the build plugin).
        case registryOnly(String, target: String?)
    }

    let root: String
    let mode: Mode
    let options: BuildOptions
    let console: Console
    /// `--verbose`: print the plan's notes.
    var verbose = false
    var planner: BuildPlanner = .standard

    /// Reads the project at `root` and plans the build (no writes).
    static func plan(
        root: String, options: BuildOptions, planner: BuildPlanner = .standard, progress: ScanProgress? = nil
    ) -> BuildPlan {
        prepare(root: root, options: options, planner: planner, progress: progress).plan
    }

    /// ``plan(root:options:planner:progress:)``, the boundary its paths were checked against (for
    /// the files to write, known only once planned) and the inputs already reported as leading
    /// outside (a file both read and written is reported once). Nothing outside the root is read:
    /// a task folder or input file leading outside is an error (``RootBoundary``) and is not read.
    static func prepare(
        root: String, options: BuildOptions, planner: BuildPlanner = .standard, progress: ScanProgress? = nil
    ) -> (plan: BuildPlan, boundary: RootBoundary, reported: Set<String>) {
        defer { progress?.finish() }
        let reader = ProjectReader(root: root, progress: progress)
        let session = planner.start(configFiles: reader.configFiles(), layout: reader.layout(), options: options)
        let boundary = RootBoundary(root: reader.projectRoot, config: session.config)
        let outsideFolders = boundary.taskFolders(session.taskFolders)
        let outsideInputs = boundary.inputs(session.filesToRead)
        let (folders, walkDiagnostics) = reader.taskFolders(session.taskFolders, skipping: outsideFolders.escaping)
        var plan = session.plan(
            folders: consume folders, files: reader.files(session.filesToRead.filter { !outsideInputs.escaping.contains($0) }),
            walkDiagnostics: reader.unreadableConfigFiles() + outsideFolders.diagnostics + outsideInputs.diagnostics
                + walkDiagnostics)
        // A handler not read because it leads outside is not also "missing" (TaskMerger's message,
        // at the same place; PathSafetyTests.handlerOutside expects exactly one error).
        let unread = Set(outsideInputs.diagnostics.compactMap(\.location))
        plan.diagnostics.removeAll { diagnostic in
            guard let location = diagnostic.location, unread.contains(location) else { return false }
            return diagnostic.message.hasPrefix("the handler file `")
                && diagnostic.message.hasSuffix(
                    "` does not exist "
                        + "(paths are relative to the project root)")
        }
        return (plan, boundary, outsideInputs.escaping)
    }

    func run() -> Int32 {
        let progress = console.showsProgress ? ScanProgress(console: console) : nil
        var (plan, boundary, reported) = Self.prepare(root: root, options: options, planner: planner, progress: progress)
        // The files to write (or compare) must stay inside the root too; `--registry-output`
        // writes to the path it is given and reads no generated file of the project.
        var outside: Set<String> = []
        if case .registryOnly = mode {
        } else {
            let outputs = boundary.outputs(plan.files.map(\.path), skipping: reported)
            outside = outputs.escaping
            if !outputs.diagnostics.isEmpty {
                plan.diagnostics = (plan.diagnostics + outputs.diagnostics).sorted(by: Diagnostic.printOrder)
            }
        }
        let printer = DiagnosticPrinter(console: console)
        if verbose {
            for note in plan.notes { console.err("note: " + PrintableText.escape(note)) }
        }
        printer.print(plan.diagnostics)
        if case .dryRunJSON = mode {
            let json = BuildPlanJSON.render(
                plan, existing: { outside.contains($0) ? nil : FileSystem.read(absolute($0)) })
            console.out(json, terminator: "")
            return plan.hasErrors ? ExitCode.failure : ExitCode.success
        }
        if plan.hasErrors {
            console.err("nitro build: \(DiagnosticPrinter.summary(plan.diagnostics)); nothing written")
            return ExitCode.failure
        }
        let outcome: Int32
        switch mode {
        case .write: outcome = write(plan)
        case .check: outcome = check(plan)
        case .dryRun: outcome = dryRun(plan)
        case .dryRunJSON: outcome = ExitCode.success
        case .registryOnly(let output, let target): return writeRegistry(plan, to: output, target: target)
        }
        if outcome == ExitCode.success, let model = plan.model {
            var summary =
                "nitro build: \(DiagnosticPrinter.count(model.tasks.count, "task")), "
                + "\(DiagnosticPrinter.count(model.schedules.count, "schedule")), preset \(model.preset.rawValue)"
            if !plan.diagnostics.isEmpty { summary += ", \(DiagnosticPrinter.summary(plan.diagnostics))" }
            console.out(summary)
        }
        return outcome
    }

    func absolute(_ path: String) -> String { root + "/" + path }

    func write(_ plan: BuildPlan) -> Int32 {
        let confinement = ProjectRoot(root).real
        for file in plan.files {
            FileSystem.removeStaleTemporaries(for: absolute(file.path))
            if FileSystem.hasContents(absolute(file.path), file.content) {
                console.out("unchanged \(PrintableText.escape(file.path))")
                continue
            }
            do {
                try FileSystem.writeAtomically(file.content, to: absolute(file.path), confinedTo: confinement)
                console.out("wrote \(PrintableText.escape(file.path))")
            } catch {
                console.err("\(console.style("error:", "1;31")) \(PrintableText.escape(error.description))")
                return ExitCode.failure
            }
        }
        return ExitCode.success
    }

    /// `--registry-output`: the registry alone, at `output`; quiet on success (it runs inside
    /// `swift build`). A registry also present at its place in the project would be compiled twice
    /// (`TaskRegistry.generated` declared twice), so that is an error naming the file.
    func writeRegistry(_ plan: BuildPlan, to output: String, target: String?) -> Int32 {
        var chosen = plan.files.first
        if !plan.registries.isEmpty {
            let names = plan.registries.map(\.target).joined(separator: ", ")
            guard let target else {
                console.err(
                    "\(console.style("error:", "1;31")) several targets have tasks (\(PrintableText.escape(names))): "
                        + "--registry-output needs --registry-target NAME")
                return ExitCode.failure
            }
            guard let entry = plan.registries.first(where: { $0.target == target }) else {
                console.err(
                    "\(console.style("error:", "1;31")) the target \(PrintableText.escape(target)) has no tasks/ folder; "
                        + "the targets with tasks are \(PrintableText.escape(names)): apply NitroBuildPlugin to those")
                return ExitCode.failure
            }
            chosen = plan.files.first { $0.path == entry.path }
        }
        guard let registry = chosen else { return ExitCode.success }
        if FileSystem.status(absolute(registry.path))?.kind == .file {
            DiagnosticPrinter(console: console).print([
                .error(
                    SourceLocation(path: registry.path),
                    "this committed registry would be compiled next to the one generated at build time "
                        + "(--registry-output, used by NitroBuildPlugin); delete this file, or stop applying the plugin")
            ])
            console.err("nitro build: 1 error; nothing written")
            return ExitCode.failure
        }
        if FileSystem.hasContents(output, registry.content) { return ExitCode.success }
        do {
            try FileSystem.writeAtomically(registry.content, to: output)
        } catch {
            console.err("\(console.style("error:", "1;31")) \(PrintableText.escape(error.description))")
            return ExitCode.failure
        }
        return ExitCode.success
    }

    func check(_ plan: BuildPlan) -> Int32 {
        var drifted = 0
        let printer = DiagnosticPrinter(console: console)
        for file in plan.files {
            if FileSystem.hasContents(absolute(file.path), file.content) {
                console.out("up to date \(PrintableText.escape(file.path))")
                continue
            }
            let existing = FileSystem.read(absolute(file.path))
            drifted += 1
            let state = existing == nil ? "is missing" : "is out of date"
            printer.print([.error(SourceLocation(path: file.path), "this generated file \(state); run 'nitro build'")])
            console.err(UnifiedDiff.render(old: existing, new: file.bytes, path: file.path))
        }
        if drifted > 0 {
            console.err(
                "nitro build --check: \(DiagnosticPrinter.count(drifted, "generated file")) to update; run 'nitro build'"
            )
            return ExitCode.failure
        }
        return ExitCode.success
    }

    func dryRun(_ plan: BuildPlan) -> Int32 {
        for file in plan.files {
            let existing = FileSystem.read(absolute(file.path))
            let bytes = file.bytes
            if existing == bytes {
                console.out("unchanged \(PrintableText.escape(file.path))")
                continue
            }
            console.out("would write \(PrintableText.escape(file.path))")
            console.out(UnifiedDiff.render(old: existing, new: bytes, path: file.path))
        }
        return ExitCode.success
    }
}
