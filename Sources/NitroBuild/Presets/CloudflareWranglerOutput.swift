import NitroCron
import NitroJSON

/// `cloudflare_module` / `cloudflare_durable`: writes `<output.dir>/server/wrangler.json` with
/// `triggers.crons` and `.wrangler/deploy/config.json` (`{"configPath": …}`) so that a plain
/// `wrangler deploy` at the root uses the generated file (wrangler's "redirected configuration").
/// With `cloudflare.container`, also the Worker module (`index.mjs`, ``CloudflareWorkerModule``)
/// and the container entries (``CloudflareContainerEntries``).
package struct CloudflareWranglerOutput: PresetOutput {
    /// The Workers Free plan's Cron Triggers per account (Paid: 250).
    package static let freePlanCronLimit = 5
    package static let paidPlanCronLimit = 250
    package static let deployConfigPath = ".wrangler/deploy/config.json"
    /// The keys `wrangler deploy` refuses to deploy without (a warning, an error under `--strict`).
    package static let requiredKeys = ["name", "main", "compatibility_date"]

    package init() {}

    package func applies(to preset: Preset) -> Bool {
        preset == .cloudflareModule || preset == .cloudflareDurable
    }

    /// The user's wrangler files, and the config (to place errors in `cloudflare.wrangler`'s crons).
    package func inputPaths(config: NitroConfig, preset: Preset) -> [String] {
        WranglerFile.names + (config.cloudflareWrangler != nil ? config.path.map { [$0] } ?? [] : [])
    }

    /// Where the generated file goes for this config.
    package static func wranglerPath(_ config: NitroConfig) -> String {
        ProjectPath.join(config.outputDir?.value ?? ".output", "server/wrangler.json")
    }

    package func render(_ context: PresetContext) -> PresetRendering {
        let model = context.model
        let config = model.config
        let wranglerPath = Self.wranglerPath(config)
        let prefix = WranglerMerge.upward(from: ProjectPath.parent(wranglerPath))
        var diagnostics: [Diagnostic] = []

        // The user's file: the first of wrangler's names that exists.
        let present = WranglerFile.names.compactMap { context.inputs[$0] }
        var user: WranglerFile?
        if let file = present.first {
            let read = WranglerFile.read(file)
            if let error = read.error { return PresetRendering(diagnostics: [error]) }
            user = read.file
            for ignored in present.dropFirst() {
                diagnostics.append(
                    .warning(
                        SourceLocation(path: ignored.path),
                        "ignored: \(file.path) is used, as wrangler prefers wrangler.json, then wrangler.jsonc, then wrangler.toml; remove one of them"
                    ))
            }
        }
        var fromConfig: [String: JSONValue] = [:]
        if let wrangler = config.cloudflareWrangler, case .object(let members) = wrangler.value { fromConfig = members }

        // A redirected configuration may not hold environments (wrangler refuses it).
        let envAdvice =
            "the generated wrangler.json is a redirected configuration, which wrangler refuses when it contains `env`; move the settings of the environment you deploy to the top level"
        if let user, user.members["env"] != nil {
            diagnostics.append(.error(user.location(of: "env"), "\(user.path) has `env`: \(envAdvice) (or into `cloudflare.wrangler`)"))
        }
        if fromConfig["env"] != nil, let wrangler = config.cloudflareWrangler {
            diagnostics.append(.error(wrangler.location, "`cloudflare.wrangler` has `env`: \(envAdvice)"))
        }

        // `pages_build_output_dir` makes wrangler treat the file as a Pages project, and `wrangler
        // deploy` then refuses it: under a Workers preset it is left out, with a warning.
        let pagesKey = "pages_build_output_dir"
        let pagesAdvice =
            "is a Cloudflare Pages setting: wrangler deploy refuses a configuration holding it (\"It looks like you've run a Workers-specific command in a Pages project\"), so it is left out of the generated wrangler.json; remove it, or use the preset cloudflare_pages"
        if let user, user.members[pagesKey] != nil {
            diagnostics.append(.warning(user.location(of: pagesKey), "`\(pagesKey)` in \(user.path) \(pagesAdvice)"))
        }
        if fromConfig[pagesKey] != nil, let wrangler = config.cloudflareWrangler {
            let file = config.path.flatMap { context.inputs[$0] }
            let place =
                file.flatMap { file in
                    WranglerCronCheck.location(
                        ofKey: pagesKey, in: file, after: WranglerCronCheck.offset(of: wrangler.location, in: file))
                } ?? wrangler.location
            diagnostics.append(.warning(place, "`cloudflare.wrangler.\(pagesKey)` \(pagesAdvice)"))
        }

        // Crons the user lists themselves come first, then the schedules.
        var crons: [String] = []
        var origins: [SourceLocation?] = []
        func add(_ cron: String, _ origin: SourceLocation?) {
            guard !crons.contains(cron) else { return }
            crons.append(cron)
            origins.append(origin)
        }
        let sources: [(members: [String: JSONValue], location: SourceLocation?, name: String)] = [
            (fromConfig, config.cloudflareWrangler?.location, "`cloudflare.wrangler`"),
            (user?.members ?? [:], user?.location(of: "triggers"), user?.path ?? ""),
        ]
        for source in sources {
            let listed = WranglerMerge.crons(in: source.members)
            if let problem = listed.problem { diagnostics.append(.error(source.location, "\(source.name): \(problem)")) }
            // Copied verbatim into the generated file: checked in Cloudflare's dialect first.
            let file = source.name == "`cloudflare.wrangler`" ? config.path.flatMap { context.inputs[$0] } : present.first
            let after = file.flatMap { file in source.location.map { WranglerCronCheck.offset(of: $0, in: file) } } ?? 0
            diagnostics += WranglerCronCheck.check(
                listed.crons, file: file, after: source.name == "`cloudflare.wrangler`" ? after : 0,
                fallback: source.location,
                source: source.name == "`cloudflare.wrangler`" ? "`cloudflare.wrangler.triggers.crons`" : "`triggers.crons`")
            for cron in listed.crons { add(cron, source.location) }
        }
        for schedule in model.schedules {
            for cron in schedule.platformCrons[CronScheduleValidator.platform(for: model.preset)?.rawValue ?? ""] ?? [] {
                add(cron, schedule.cron.location)
            }
        }
        if diagnostics.hasErrors { return PresetRendering(diagnostics: diagnostics) }

        var merged = WranglerMerge.merge([
            WranglerMerge.rebasePaths(fromConfig, prefix: prefix),
            WranglerMerge.rebasePaths(user?.members ?? [:], prefix: prefix),
        ])
        merged[pagesKey] = nil
        if let container = config.cloudflareContainer {
            let mainLocation = fromConfig["main"] != nil ? config.cloudflareWrangler?.location : user?.location(of: "main")
            diagnostics += CloudflareContainerEntries.apply(container, to: &merged, prefix: prefix, mainLocation: mainLocation)
            if diagnostics.hasErrors { return PresetRendering(diagnostics: diagnostics) }
        }
        var triggers: [String: JSONValue] = [:]
        if case .object(let existing)? = merged["triggers"] { triggers = existing }
        triggers["crons"] = .array(crons.map { .string($0) })
        merged["triggers"] = .object(triggers)

        // What `wrangler deploy` needs before it deploys anything.
        let missing = Self.requiredKeys.filter { merged[$0] == nil }
        if !missing.isEmpty {
            let place = config.cloudflareWrangler?.location ?? user.map { SourceLocation(path: $0.path) } ?? config.fileLocation
            let keys = missing.map { "`\($0)`" }.joined(separator: ", ")
            let whereToSet =
                user.map { "in \($0.path) or in `cloudflare.wrangler`" } ?? "in `cloudflare.wrangler` (or a wrangler.json at the root)"
            diagnostics.append(
                .warning(
                    place,
                    "the generated \(wranglerPath) has no \(keys), which wrangler deploy requires; set \(missing.count == 1 ? "it" : "them") \(whereToSet)"
                ))
        }
        if crons.count > Self.freePlanCronLimit {
            let place = origins[Self.freePlanCronLimit] ?? config.fileLocation
            diagnostics.append(
                .warning(
                    place,
                    "\(crons.count) Cron Triggers: the Workers Free plan allows \(Self.freePlanCronLimit) per account (Paid: \(Self.paidPlanCronLimit)); combine schedules or upgrade"
                ))
        }
        let configPath = WranglerMerge.upward(from: ProjectPath.parent(Self.deployConfigPath)) + wranglerPath
        var files = [
            GeneratedFile(path: wranglerPath, text: JSONWriter.pretty(.object(merged))),
            GeneratedFile(path: Self.deployConfigPath, text: JSONWriter.pretty(["configPath": .string(configPath)])),
        ]
        if let container = config.cloudflareContainer {
            files.append(
                GeneratedFile(
                    path: ProjectPath.join(ProjectPath.parent(wranglerPath), CloudflareWorkerModule.fileName),
                    text: CloudflareWorkerModule.render(container, configPath: config.path)))
        }
        return PresetRendering(files: files, diagnostics: diagnostics)
    }
}
