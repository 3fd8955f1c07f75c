import Foundation
import NitroBuild
import NitroJSON
import NitroTasks
import NitroTasksDevServer
import NitroTasksRoutes
import NitroSync

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One `nitro dev` run: generate the registry (as `nitro build` would, see ``DevRegistry``), build,
/// start the app in development mode, watch the sources, and on a change regenerate, rebuild and
/// restart, until SIGINT or SIGTERM.
final class DevSession: Sendable {
    struct Options: Sendable {
        /// The absolute project root.
        var root: String
        /// `--product`.
        var product: String?
        /// `--port`: the port to serve on (otherwise the first start picks one and restarts keep it).
        var port: Int?
        /// Arguments after `--`, passed to the app.
        var appArguments: [String] = []
        /// How often to look for changes.
        var pollInterval: Duration = .milliseconds(250)
    }

    private struct State {
        var stopping = false
        var build: ChildProcess?
        var app: ChildProcess?
        var port: Int?
    }

    let options: Options
    let console: Console
    let environment: [String: String]
    private let state = Locked(State())

    init(options: Options, console: Console, environment: [String: String]) {
        self.options = options
        self.console = console
        self.environment = environment
        state.withLock { $0.port = options.port }
    }

    private var stopping: Bool { state.withLock { $0.stopping } }
    private var infoPath: String { options.root + "/" + DevServerLocator.infoFile }

    func say(_ message: String) {
        console.err(console.style("nitro dev:", "1;36") + " " + message)
    }

    /// Runs until a signal; returns the exit status (0 after a clean stop).
    func run() async -> Int32 {
        let trap = SignalTrap { [self] count in signalled(count) }
        defer { trap.cancel() }
        let executable: String
        do {
            executable = try await resolveExecutable()
        } catch {
            console.err("\(console.style("error:", "1;31")) \(error)")
            return ExitCode.failure
        }
        removeStaleInfoFile()
        let watcher = SourceWatcher(root: options.root)
        while !stopping {
            var snapshot = watcher.snapshot()
            if await rebuild(), !stopping {
                await restartApp(executable)
            } else if !stopping {
                say("waiting for changes…")
            }
            var reportedExit = false
            while !stopping {
                try? await Task.sleep(for: options.pollInterval)
                if !reportedExit, let app = state.withLock({ $0.app }), let status = app.exitedStatus {
                    reportedExit = true
                    removeInfoFile(ownedBy: app.pid)
                    say("the app exited with status \(status); waiting for changes…")
                }
                let changes = SourceWatcher.changes(from: snapshot, to: watcher.snapshot())
                guard !changes.isEmpty else { continue }
                snapshot = await settle(watcher)
                let shown =
                    changes.prefix(3).map(PrintableText.escape).joined(separator: ", ")
                    + (changes.count > 3 ? " and \(changes.count - 3) more" : "")
                say("changed: \(shown); rebuilding")
                break
            }
        }
        await shutdown()
        return ExitCode.success
    }

    /// Waits until the sources stop changing (an editor saving several files), up to 2 s.
    private func settle(_ watcher: SourceWatcher) async -> SourceWatcher.Snapshot {
        var last = watcher.snapshot()
        for _ in 0..<10 {
            try? await Task.sleep(for: .milliseconds(200))
            let next = watcher.snapshot()
            if next == last { break }
            last = next
        }
        return last
    }

    // MARK: Steps

    private func resolveExecutable() async throws -> String {
        let described = try await CapturedCommand.run(
            "swift", ["package", "dump-package", "--package-path", options.root], environment: environment)
        guard described.status == 0, let json = try? JSONReader.parse(described.stdout) else {
            throw ProductResolver.Failure(
                description: "cannot read the package at \(options.root) (swift package dump-package failed):\n\(described.stderr)")
        }
        let product = try ProductResolver.choose(options.product, among: ProductResolver.executables(inPackageDescription: json))
        usesBuildPlugin.withLock { $0 = DevRegistry.usesBuildPlugin(packageDescription: json) }
        traitArguments.withLock { $0 = DevelopmentTrait.buildArguments(packageDescription: json) }
        let binPath = try await CapturedCommand.run(
            "swift", ["build", "--package-path", options.root, "--show-bin-path"], environment: environment)
        let folder = String(decoding: binPath.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard binPath.status == 0, !folder.isEmpty else {
            throw ProductResolver.Failure(description: "swift build --show-bin-path failed:\n\(binPath.stderr)")
        }
        productName.withLock { $0 = product }
        return folder + "/" + product
    }

    private let productName = Locked("")
    /// Whether a target applies NitroBuildPlugin (then the plugin generates the registry).
    private let usesBuildPlugin = Locked(false)
    /// `--traits default,NitroDev` when the package declares that trait (``DevelopmentTrait``).
    private let traitArguments = Locked<[String]>([])

    /// Regenerates the registry as `nitro build` would (``DevRegistry``) and builds the product;
    /// false on failure.
    private func rebuild() async -> Bool {
        if !usesBuildPlugin.withLock({ $0 }) {
            guard DevRegistry.generate(root: options.root, environment: environment, console: console) else {
                say("the registry could not be generated; fix the errors above")
                return false
            }
        }
        let product = productName.withLock { $0 }
        say("building \(product)…")
        let started = ContinuousClock.now
        let build: ChildProcess
        do {
            build = try ChildProcess(
                "swift",
                ["build", "--package-path", options.root, "--product", product] + traitArguments.withLock { $0 }
                    + Self.buildFlags(console),
                environment: environment, directory: options.root)
        } catch {
            console.err("\(console.style("error:", "1;31")) \(error)")
            return false
        }
        state.withLock { $0.build = build }
        if stopping { build.signal(SIGTERM) }
        let status = await build.wait()
        state.withLock { $0.build = nil }
        guard status == 0 else {
            if !stopping { say("the build failed (exit status \(status)); fix the errors above") }
            return false
        }
        let elapsed = ContinuousClock.now - started
        say("built \(product) in \(Self.seconds(elapsed))")
        return true
    }

    /// Stops the running app (if any) and starts the new build; waits until it is ready.
    private func restartApp(_ executable: String) async {
        if let old = state.withLock({ $0.app }) {
            say("restarting the app")
            _ = await old.stop()
            removeInfoFile(ownedBy: old.pid)
        }
        var childEnvironment = environment
        childEnvironment["NITRO_DEV"] = "1"
        childEnvironment["NITRO_ROOT"] = options.root
        childEnvironment["NITRO_DEV_PORT"] = String(state.withLock { $0.port } ?? 0)
        childEnvironment["NITRO_DEV_PARENT_PID"] = String(getpid())
        let app: ChildProcess
        do {
            app = try ChildProcess(executable, options.appArguments, environment: childEnvironment, directory: options.root)
        } catch {
            console.err("\(console.style("error:", "1;31")) \(error)")
            return
        }
        state.withLock { $0.app = app }
        if stopping { return }
        let deadline = ContinuousClock.now + .seconds(60)
        while !stopping && ContinuousClock.now < deadline && app.exitedStatus == nil {
            if let info = readInfo(), info.pid == Int(app.pid) {
                state.withLock { $0.port = $0.port ?? info.port }
                say("ready: \(info.url)/_nitro/tasks (pid \(app.pid)); watching for changes")
                return
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
        if let status = app.exitedStatus, !stopping {
            let hint =
                traitArguments.withLock { $0.isEmpty }
                ? " (the package declares no \(DevelopmentTrait.name) trait, so it was built without development mode: see Docs/Runtime.md, \"The app entry point\")"
                : ""
            say("the app exited with status \(status) before serving its tasks\(hint); fix it and save a file to rebuild")
        } else if app.exitedStatus == nil && !stopping {
            say(
                "the app did not write \(DevServerLocator.infoFile) within 60 s; does it call NitroTasksAppDev.main (or DevServer.serve) when NITRO_DEV=1?"
            )
        }
    }

    private func shutdown() async {
        say("stopping…")
        let (build, app) = state.withLock { ($0.build, $0.app) }
        if let build { _ = await build.stop() }
        if let app {
            let status = await app.stop()
            removeInfoFile(ownedBy: app.pid)
            say("stopped (the app exited with status \(status))")
        }
    }

    /// First signal: stop cleanly (the main loop notices). Second: stop everything at once.
    private func signalled(_ count: Int) {
        let (build, app) = state.withLock { state in
            state.stopping = true
            return (state.build, state.app)
        }
        build?.signal(SIGTERM)
        if count >= 2 {
            build?.signal(SIGKILL)
            app?.signal(SIGKILL)
            if let app { removeInfoFile(ownedBy: app.pid) }
            _exit(130)
        }
    }

    // MARK: Info file

    private func readInfo() -> DevServerInfo? {
        guard let bytes = FileSystem.read(infoPath), let json = try? JSONReader.parse(bytes) else { return nil }
        return DevServerInfo(json: json)
    }

    private func removeInfoFile(ownedBy pid: pid_t) {
        if let info = readInfo(), info.pid == Int(pid) { unlink(infoPath) }
    }

    private func removeStaleInfoFile() {
        guard let info = readInfo() else { return }
        if kill(pid_t(info.pid), 0) != 0 && errno == ESRCH {
            unlink(infoPath)
        } else {
            say(
                console.style("warning:", "1;33")
                    + " another development server (pid \(info.pid)) is running for this project; this one replaces its info file")
        }
    }

    /// `swift build` follows the console: on a terminal it shows its own live progress; in CI or a
    /// pipe it prints only errors (`--quiet`); its diagnostics are coloured as ours (`--color`).
    static func buildFlags(_ console: Console) -> [String] {
        (console.showsProgress ? [] : ["--quiet"])
            + [console.useColor ? "--color-diagnostics" : "--no-color-diagnostics"]
    }

    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let tenths = (Double(seconds) + Double(attoseconds) / 1e18) * 10
        return "\((tenths.rounded() / 10)) s"
    }
}
