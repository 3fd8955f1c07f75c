import Foundation
import NitroCron
import NitroJSON

/// `vercel`: writes `.vercel/output/config.json` (Build Output API v3) with one cron job per
/// schedule, `{"path": <vercel.cronHandlerRoute>, "schedule": <Vercel dialect>}`, then the
/// config's `vercel.config.crons`, without duplicates. Every other key of an existing file is
/// kept; `version` is 3. The existing file's cron jobs that another tool wrote are kept, before
/// ours, as Vercel's CLI concatenates the crons of its sources; ours (``isOwn(_:route:config:)``)
/// are rebuilt every build, so a removed schedule disappears (`[]` when none is left). With
/// `vercel.origin` (the app runs elsewhere), `routes` starts with the route that passes the cron
/// route on to the app (``VercelOriginRoute``).
package struct VercelConfigOutput: PresetOutput {
    /// Cron jobs per project on every plan.
    package static let cronLimit = 100
    package static let defaultRoute = "/_vercel/cron"
    /// The limits of Vercel's own config schema for a cron job.
    package static let pathLengths = 1...512
    package static let scheduleLengths = 9...256

    package init() {}

    package func applies(to preset: Preset) -> Bool { preset == .vercel }

    /// `<output.dir>/config.json`; the output folder is `.vercel/output` unless `output.dir` is set.
    package static func configPath(_ config: NitroConfig) -> String {
        ProjectPath.join(config.outputDir?.value ?? ".vercel/output", "config.json")
    }

    package func inputPaths(config: NitroConfig, preset: Preset) -> [String] { [Self.configPath(config)] }

    package func render(_ context: PresetContext) -> PresetRendering {
        let model = context.model
        let config = model.config
        let path = Self.configPath(config)
        var diagnostics: [Diagnostic] = []

        var members: [String: JSONValue] = [:]
        if let existing = context.inputs[path] {
            do {
                guard case .object(let object) = try JSONReader.parse(existing.bytes) else {
                    return PresetRendering(diagnostics: [
                        .error(SourceLocation(path: path), "the Build Output API config must be a JSON object; fix or delete it")
                    ])
                }
                members = object
            } catch {
                return PresetRendering(diagnostics: [
                    .error(
                        SourceLocation(path: path, line: error.line, column: error.column),
                        "\(error.message); this file must be strict JSON: fix or delete it")
                ])
            }
        }

        let route = config.vercelCronHandlerRoute
        let routePath = route?.value ?? Self.defaultRoute
        diagnostics += Self.check(path: routePath, at: route?.location, key: "vercel.cronHandlerRoute")

        var jobs: [(path: String, schedule: String, origin: SourceLocation?)] = []
        func add(_ path: String, _ schedule: String, _ origin: SourceLocation?) {
            guard !jobs.contains(where: { $0.path == path && $0.schedule == schedule }) else { return }
            jobs.append((path, schedule, origin))
        }
        // The cron jobs another tool put in the existing file come first, in their order.
        let kept = Self.foreignCrons(members["crons"], route: routePath, config: config, file: path)
        if let problem = kept.problem { return PresetRendering(diagnostics: diagnostics + [problem]) }
        for job in kept.crons { add(job.path, job.schedule, SourceLocation(path: path)) }
        for schedule in model.schedules {
            for cron in schedule.platformCrons[CronPlatform.vercel.rawValue] ?? [] { add(routePath, cron, schedule.cron.location) }
        }
        for cron in config.vercelCrons ?? [] {
            diagnostics += Self.check(path: cron.path.value, at: cron.path.location, key: "vercel.config.crons[].path")
            let length = cron.schedule.value.utf8.count
            if !Self.scheduleLengths.contains(length) {
                diagnostics.append(
                    .error(
                        cron.schedule.location,
                        "Vercel accepts a cron `schedule` of \(Self.scheduleLengths.lowerBound)-\(Self.scheduleLengths.upperBound) characters; this one has \(length)"
                    ))
            }
            add(cron.path.value, cron.schedule.value, cron.schedule.location)
        }

        if jobs.count > Self.cronLimit {
            diagnostics.append(
                .warning(
                    jobs[Self.cronLimit].origin ?? config.fileLocation,
                    "\(jobs.count) cron jobs: Vercel allows \(Self.cronLimit) per project; combine schedules"))
        }
        for job in jobs where Self.firesMoreThanOnceADay(job.schedule) {
            diagnostics.append(
                .warning(
                    job.origin,
                    "Vercel schedule '\(job.schedule)' fires more than once a day: Hobby plans allow cron jobs at most once a day and reject this one at deploy (Pro and Enterprise allow once a minute)"
                ))
        }

        let routes = VercelOriginRoute.routes(origin: config.vercelOrigin?.value, route: routePath, existing: members["routes"])
        if let problem = routes.problem { return PresetRendering(diagnostics: diagnostics + [.error(SourceLocation(path: path), problem)]) }
        members["routes"] = routes.routes
        if let origin = config.vercelOrigin, (origin.value + routePath).utf8.count > VercelOriginRoute.maxLength {
            diagnostics.append(
                .error(
                    origin.location,
                    "`vercel.origin` plus the cron route is longer than Vercel's \(VercelOriginRoute.maxLength) characters for a route"))
        }
        members["version"] = 3
        members["crons"] = .array(jobs.map { ["path": .string($0.path), "schedule": .string($0.schedule)] })
        return PresetRendering(
            files: [GeneratedFile(path: path, text: JSONWriter.pretty(.object(members)))], diagnostics: diagnostics)
    }

    /// Whether an existing cron job is one this tool wrote: its path is the cron handler route
    /// (`vercel.cronHandlerRoute`, or the default `/_vercel/cron`, which an earlier build may have
    /// used), or it is one of the config's `vercel.config.crons`.
    package static func isOwn(_ job: (path: String, schedule: String), route: String, config: NitroConfig) -> Bool {
        if job.path == route || job.path == defaultRoute { return true }
        return (config.vercelCrons ?? []).contains { $0.path.value == job.path && $0.schedule.value == job.schedule }
    }

    /// The existing file's cron jobs that are not this tool's, in their order, or why `crons`
    /// cannot be read (Vercel's schema: an array of `{path, schedule}` strings).
    static func foreignCrons(_ value: JSONValue?, route: String, config: NitroConfig, file: String) -> (
        crons: [(path: String, schedule: String)], problem: Diagnostic?
    ) {
        guard let value else { return ([], nil) }
        guard case .array(let items) = value else {
            return ([], .error(SourceLocation(path: file), "`crons` must be an array of cron jobs; fix or delete this file"))
        }
        var result: [(path: String, schedule: String)] = []
        for (index, item) in items.enumerated() {
            guard case .object(let job) = item, case .string(let jobPath)? = job["path"],
                case .string(let schedule)? = job["schedule"]
            else {
                return (
                    [],
                    .error(
                        SourceLocation(path: file),
                        "`crons[\(index)]` must be an object with a string `path` and `schedule` (Vercel's cron job); fix or delete this file"
                    )
                )
            }
            if !isOwn((jobPath, schedule), route: route, config: config) { result.append((jobPath, schedule)) }
        }
        return (result, nil)
    }

    /// Vercel's rules for a cron job's `path`: starts with `/`, 1-512 characters.
    static func check(path: String, at location: SourceLocation?, key: String) -> [Diagnostic] {
        let length = path.utf8.count
        if !path.hasPrefix("/") {
            return [.error(location, "`\(key)` must start with `/` (Vercel calls this path on the deployment); found `\(path)`")]
        }
        if !pathLengths.contains(length) {
            return [.error(location, "`\(key)` may have at most \(pathLengths.upperBound) characters; this one has \(length)")]
        }
        return []
    }

    /// Whether a UTC five-field schedule fires twice on one UTC day within a year (2025): what
    /// Vercel's Hobby plan refuses. `false` when the text is not an expression the engine reads.
    package static func firesMoreThanOnceADay(_ schedule: String) -> Bool {
        guard let expression = try? CronExpression(schedule) else { return false }
        let start = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01T00:00:00Z
        let end = start.addingTimeInterval(366 * 86_400)
        var previousDay: Int64?
        var cursor = start.addingTimeInterval(-1)
        while let next = expression.next(after: cursor), next < end {
            let day = Int64((next.timeIntervalSince1970 / 86_400).rounded(.down))
            if day == previousDay { return true }
            previousDay = day
            cursor = next
        }
        return false
    }
}
