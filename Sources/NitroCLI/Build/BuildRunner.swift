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
        /// `--registry-output FILE`: write only the registry, to this absolute path (the build plugin).
        case registryOnly(String)
    }

    let root: String
    let mode: Mode
    let options: BuildOptions
    let console: Console
    var planner: BuildPlanner = .standard

    /// Reads the project at `root` and plans the build (no writes).
    static func plan(
        root: String, options: BuildOptions, planner: BuildPlanner = .standard, progress: ScanProgress? = nil
    ) -> BuildPlan {
        defer { progress?.finish() }
        let reader = ProjectReader(root: root, progress: progress)
        let session = planner.start(configFiles: reader.configFiles(), layout: reader.layout(), options: options)
        let (folders, walkDiagnostics) = reader.taskFolders(session.taskFolders)
        return session.plan(
            folders: folders, files: reader.files(session.filesToRead),
            walkDiagnostics: reader.unreadableConfigFiles() + walkDiagnostics)
    }

    func run() -> Int32 {
        let progress = console.showsProgress ? ScanProgress(console: console) : nil
        let plan = Self.plan(root: root, options: options, planner: planner, progress: progress)
        let printer = DiagnosticPrinter(console: console)
        printer.print(plan.diagnostics)
        if case .dryRunJSON = mode {
            console.out(BuildPlanJSON.render(plan, existing: { FileSystem.read(absolute($0)) }), terminator: "")
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
        case .registryOnly(let output): return writeRegistry(plan, to: output)
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
        for file in plan.files {
            FileSystem.removeStaleTemporaries(for: absolute(file.path))
            if FileSystem.read(absolute(file.path)) == file.bytes {
                console.out("unchanged \(file.path)")
                continue
            }
            do {
                try FileSystem.writeAtomically(file.bytes, to: absolute(file.path))
                console.out("wrote \(file.path)")
            } catch {
                console.err("\(console.style("error:", "1;31")) \(error)")
                return ExitCode.failure
            }
        }
        return ExitCode.success
    }

    /// `--registry-output`: the registry alone, at `output`; quiet on success (it runs inside
    /// `swift build`). A registry also present at its place in the project would be compiled twice
    /// (`TaskRegistry.generated` declared twice), so that is an error naming the file.
    func writeRegistry(_ plan: BuildPlan, to output: String) -> Int32 {
        guard let registry = plan.files.first else { return ExitCode.success }
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
        if FileSystem.read(output) == registry.bytes { return ExitCode.success }
        do {
            try FileSystem.writeAtomically(registry.bytes, to: output)
        } catch {
            console.err("\(console.style("error:", "1;31")) \(error)")
            return ExitCode.failure
        }
        return ExitCode.success
    }

    func check(_ plan: BuildPlan) -> Int32 {
        var drifted = 0
        let printer = DiagnosticPrinter(console: console)
        for file in plan.files {
            let existing = FileSystem.read(absolute(file.path))
            if existing == file.bytes {
                console.out("up to date \(file.path)")
                continue
            }
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
            if existing == file.bytes {
                console.out("unchanged \(file.path)")
                continue
            }
            console.out("would write \(file.path)")
            console.out(UnifiedDiff.render(old: existing, new: file.bytes, path: file.path))
        }
        return ExitCode.success
    }
}
