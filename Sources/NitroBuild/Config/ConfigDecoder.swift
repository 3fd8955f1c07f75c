import Foundation
import NitroJSON

/// Turns the config object into ``NitroConfig``: type checks, static-only checks on the keys
/// this tool reads, unknown-key warnings with the closest known key.
struct ConfigDecoder {
    let path: String
    var diagnostics: [Diagnostic] = []

    init(path: String) {
        self.path = path
    }

    mutating func decode(_ root: ConfigValue) -> NitroConfig {
        var config = NitroConfig(path: path)
        guard case .object(let rawMembers) = root.kind else {
            diagnostics.append(.error(root.location, "the config must be an object, found \(root.typeDescription)"))
            return config
        }
        for member in rawMembers where member.key == nil {
            diagnostics.append(
                .warning(
                    member.keyLocation,
                    "`\(dynamicText(member.value))` is not read (only static values are); keys it sets, such as `tasks` or "
                        + "`scheduledTasks`, are ignored by nitro build: write them in this object"))
        }
        for member in unique(rawMembers, in: "") {
            guard let key = member.key else { continue }
            let value = member.value
            if case .undefined = value.kind { continue }
            switch key {
            case "experimental":
                for inner in object(value, "experimental") ?? [] {
                    if inner.key == "tasks" {
                        config.experimentalTasks = bool(inner.value, "experimental.tasks")
                    } else if let innerKey = inner.key, !KnownConfigKeys.experimental.contains(innerKey) {
                        unknown(
                            innerKey, at: inner.keyLocation, in: "experimental", known: KnownConfigKeys.experimental)
                    }
                }
            case "tasks":
                config.tasks = tasks(value)
            case "scheduledTasks":
                config.scheduledTasks = schedules(value)
            case "preset":
                config.preset = string(value, "preset")
            case "srcDir":
                config.srcDir = folder(value, "srcDir")
            case "serverDir":
                // Nitro v3 accepts `false` (no server folder): the same as leaving it out.
                if case .bool(false) = value.kind { continue }
                config.serverDir = folder(value, "serverDir")
            case "scanDirs":
                config.scanDirs = strings(value, "scanDirs")?.compactMap { folder($0, "scanDirs") }
            case "ignore":
                config.ignore = strings(value, "ignore")?.compactMap { string($0, "ignore") } ?? []
            case "output":
                for inner in object(value, "output") ?? [] {
                    guard let innerKey = inner.key else { continue }
                    switch innerKey {
                    case "dir": config.outputDir = folder(inner.value, "output.dir")
                    case "registry": config.outputRegistry = registryPath(inner.value)
                    case "serverDir", "publicDir": break
                    default: unknown(innerKey, at: inner.keyLocation, in: "output", known: KnownConfigKeys.output)
                    }
                }
            case "cloudflare":
                for inner in object(value, "cloudflare") ?? [] where inner.key == "container" {
                    config.cloudflareContainer = cloudflareContainer(inner.value)
                }
                for inner in object(value, "cloudflare") ?? [] where inner.key == "wrangler" {
                    if let json = staticJSON(inner.value, "cloudflare.wrangler") {
                        guard case .object = json else {
                            typeError("cloudflare.wrangler", "an object", inner.value)
                            continue
                        }
                        config.cloudflareWrangler = Located(json, at: inner.value.location)
                    }
                }
            case "vercel":
                for inner in object(value, "vercel") ?? [] {
                    if inner.key == "origin" {
                        config.vercelOrigin = origin(inner.value)
                    } else if inner.key == "cronHandlerRoute" {
                        config.vercelCronHandlerRoute = string(inner.value, "vercel.cronHandlerRoute")
                    } else if inner.key == "config" {
                        for configMember in object(inner.value, "vercel.config") ?? [] where configMember.key == "crons" {
                            config.vercelCrons = vercelCrons(configMember.value)
                        }
                    }
                }
            case "scheduler":
                for inner in object(value, "scheduler") ?? [] {
                    guard let innerKey = inner.key else { continue }
                    switch innerKey {
                    case "timezone": config.schedulerTimeZone = timeZone(inner.value)
                    case "enabled": config.schedulerEnabled = bool(inner.value, "scheduler.enabled")
                    default: unknown(innerKey, at: inner.keyLocation, in: "scheduler", known: KnownConfigKeys.scheduler)
                    }
                }
            default:
                if KnownConfigKeys.environmentOverrides.contains(key) {
                    environmentOverride(key, value)
                } else if !KnownConfigKeys.skipped.contains(key) {
                    unknown(
                        key, at: member.keyLocation, in: "", known: KnownConfigKeys.read.union(KnownConfigKeys.skipped))
                }
            }
        }
        return config
    }

    // MARK: Keys

    mutating func tasks(_ value: ConfigValue) -> [ConfigTask] {
        var result: [ConfigTask] = []
        for member in object(value, "tasks") ?? [] {
            guard let name = member.key else { continue }
            let keyPath = "tasks[\"\(name)\"]"
            if let problem = TaskNaming.problem(with: name) {
                diagnostics.append(.error(member.keyLocation, "\(problem)"))
                continue
            }
            var task = ConfigTask(name: Located(name, at: member.keyLocation))
            for inner in object(member.value, keyPath) ?? [] {
                guard let innerKey = inner.key else { continue }
                switch innerKey {
                case "handler": task.handler = string(inner.value, keyPath + ".handler")
                case "description": task.description = string(inner.value, keyPath + ".description")
                default: unknown(innerKey, at: inner.keyLocation, in: keyPath, known: KnownConfigKeys.task)
                }
            }
            result.append(task)
        }
        return result
    }

    mutating func schedules(_ value: ConfigValue) -> [ConfigSchedule] {
        var result: [ConfigSchedule] = []
        for member in object(value, "scheduledTasks") ?? [] {
            guard let cron = member.key else { continue }
            let keyPath = "scheduledTasks[\"\(cron)\"]"
            let names: [Located<String>]
            switch member.value.kind {
            case .string(let name):
                names = [Located(name, at: member.value.location)]
            case .array:
                names = strings(member.value, keyPath)?.compactMap { string($0, keyPath) } ?? []
            case .undefined:
                continue
            default:
                typeError(keyPath, "a task name or an array of task names", member.value)
                continue
            }
            result.append(ConfigSchedule(cron: Located(cron, at: member.keyLocation), tasks: names))
        }
        return result
    }

    mutating func vercelCrons(_ value: ConfigValue) -> [VercelCron]? {
        guard let elements = array(value, "vercel.config.crons") else { return nil }
        var result: [VercelCron] = []
        for element in elements {
            guard let members = object(element, "vercel.config.crons[]") else { continue }
            var cronPath: Located<String>?
            var schedule: Located<String>?
            for member in members {
                guard let key = member.key else { continue }
                switch key {
                case "path": cronPath = string(member.value, "vercel.config.crons[].path")
                case "schedule": schedule = string(member.value, "vercel.config.crons[].schedule")
                default:
                    unknown(key, at: member.keyLocation, in: "vercel.config.crons[]", known: KnownConfigKeys.vercelCron)
                }
            }
            guard let cronPath, let schedule else {
                diagnostics.append(.error(element.location, "a Vercel cron needs both `path` and `schedule`"))
                continue
            }
            result.append(VercelCron(path: cronPath, schedule: schedule, location: element.location))
        }
        return result
    }

    mutating func timeZone(_ value: ConfigValue) -> Located<String>? {
        guard let name = string(value, "scheduler.timezone") else { return nil }
        if TimeZone(identifier: name.value) != nil { return name }
        var message = "unknown time zone `\(name.value)`; use an IANA name such as `UTC` or `Europe/Paris`"
        if let near = Suggestions.closest(to: name.value, in: TimeZone.knownTimeZoneIdentifiers) {
            message += "; did you mean `\(near)`?"
        }
        diagnostics.append(.error(name.location, message))
        return nil
    }

    mutating func folder(_ value: ConfigValue, _ keyPath: String) -> Located<String>? {
        guard let text = string(value, keyPath) else { return nil }
        guard let normalized = ProjectPath.normalize(text.value) else {
            diagnostics.append(
                .error(
                    text.location,
                    "`\(keyPath)` must be a path inside the project root (relative, no `..` above it); found `\(text.value)`"
                ))
            return nil
        }
        return Located(normalized, at: text.location)
    }

    mutating func registryPath(_ value: ConfigValue) -> Located<String>? {
        guard let file = folder(value, "output.registry") else { return nil }
        guard file.value.hasSuffix(".swift"), ProjectPath.fileName(file.value).count > ".swift".count else {
            diagnostics.append(
                .error(
                    file.location,
                    "`output.registry` must name a `.swift` file in the tasks' target, such as `Sources/App/NitroTasks.generated.swift`"
                ))
            return nil
        }
        return file
    }

    mutating func environmentOverride(_ key: String, _ value: ConfigValue) {
        guard case .object(let members) = value.kind else { return }
        let nested =
            key == "$env"
            ? members.flatMap { member -> [ConfigMember] in
                if case .object(let inner) = member.value.kind { return inner }
                return []
            } : members
        for member in nested {
            if let inner = member.key, KnownConfigKeys.read.contains(inner) {
                diagnostics.append(
                    .warning(
                        member.keyLocation,
                        "`\(key)` overrides are not read by nitro build, so this `\(inner)` is ignored; set it at the top level"
                    ))
            }
        }
    }

    // MARK: Typed access

    /// The members of an object, duplicates resolved (the last wins, as in JavaScript).
    mutating func object(_ value: ConfigValue, _ keyPath: String) -> [ConfigMember]? {
        switch value.kind {
        case .object(let members):
            for member in members where member.key == nil {
                dynamicError(keyPath, member.value)
            }
            return unique(members, in: keyPath)
        case .undefined:
            return nil
        default:
            typeError(keyPath, "an object", value)
            return nil
        }
    }

    mutating func array(_ value: ConfigValue, _ keyPath: String) -> [ConfigValue]? {
        switch value.kind {
        case .array(let elements):
            for element in elements {
                if case .dynamic = element.kind { dynamicError(keyPath, element) }
            }
            return elements.filter { if case .dynamic = $0.kind { false } else { true } }
        case .undefined:
            return nil
        default:
            typeError(keyPath, "an array", value)
            return nil
        }
    }

    mutating func strings(_ value: ConfigValue, _ keyPath: String) -> [ConfigValue]? {
        array(value, keyPath)
    }

    mutating func string(_ value: ConfigValue, _ keyPath: String) -> Located<String>? {
        switch value.kind {
        case .string(let text): return Located(text, at: value.location)
        case .undefined: return nil
        default:
            typeError(keyPath, "a string", value)
            return nil
        }
    }

    /// A whole number in `range`.
    mutating func integer(_ value: ConfigValue, _ keyPath: String, in range: ClosedRange<Int>) -> Located<Int>? {
        switch value.kind {
        case .number(let number)
        where number.rounded() == number && Double(range.lowerBound) <= number && number <= Double(range.upperBound):
            return Located(Int(number), at: value.location)
        case .number:
            diagnostics.append(
                .error(value.location, "`\(keyPath)` must be a whole number from \(range.lowerBound) to \(range.upperBound)"))
            return nil
        case .undefined: return nil
        default:
            typeError(keyPath, "a number", value)
            return nil
        }
    }

    mutating func bool(_ value: ConfigValue, _ keyPath: String) -> Located<Bool>? {
        switch value.kind {
        case .bool(let flag): return Located(flag, at: value.location)
        case .undefined: return nil
        default:
            typeError(keyPath, "true or false", value)
            return nil
        }
    }

    /// A fully static value as JSON (for `cloudflare.wrangler`).
    mutating func staticJSON(_ value: ConfigValue, _ keyPath: String) -> JSONValue? {
        if let dynamic = value.firstDynamic {
            dynamicError(keyPath, dynamic)
            return nil
        }
        return Self.json(value)
    }

    static func json(_ value: ConfigValue) -> JSONValue {
        switch value.kind {
        case .null, .undefined, .dynamic: return .null
        case .bool(let flag): return .bool(flag)
        case .number(let number): return .number(number)
        case .string(let text): return .string(text)
        case .array(let elements): return .array(elements.map(json))
        case .object(let members):
            var result: [String: JSONValue] = [:]
            for member in members {
                guard let key = member.key else { continue }
                if case .undefined = member.value.kind { continue }
                result[key] = json(member.value)
            }
            return .object(result)
        }
    }

    // MARK: Findings

    mutating func unique(_ members: [ConfigMember], in keyPath: String) -> [ConfigMember] {
        var lastIndex: [String: Int] = [:]
        for (index, member) in members.enumerated() {
            if let key = member.key { lastIndex[key] = index }
        }
        var result: [ConfigMember] = []
        for (index, member) in members.enumerated() {
            guard let key = member.key else { continue }
            if lastIndex[key] == index {
                result.append(member)
            } else {
                let later = members[lastIndex[key]!].keyLocation
                let name = keyPath.isEmpty ? key : "\(keyPath).\(key)"
                diagnostics.append(
                    .warning(
                        member.keyLocation,
                        "`\(name)` is set again at line \(later.line); the later value wins, this one is ignored"))
            }
        }
        return result
    }

    mutating func typeError(_ keyPath: String, _ expected: String, _ value: ConfigValue) {
        if case .dynamic = value.kind {
            dynamicError(keyPath, value)
            return
        }
        diagnostics.append(.error(value.location, "`\(keyPath)` must be \(expected), found \(value.typeDescription)"))
    }

    mutating func dynamicError(_ keyPath: String, _ value: ConfigValue) {
        diagnostics.append(
            .error(
                value.location,
                "`\(keyPath)` must be written as a static value, but `\(dynamicText(value))` is computed when the config "
                    + "runs; nitro build reads the config without running it: write the value itself"))
    }

    func dynamicText(_ value: ConfigValue) -> String {
        if case .dynamic(let text) = value.kind { return text }
        return "…"
    }

    mutating func unknown(_ key: String, at location: SourceLocation, in parent: String, known: Set<String>) {
        let name = parent.isEmpty ? key : "\(parent).\(key)"
        var message = "unknown config key `\(name)`"
        if let near = Suggestions.closest(to: key, in: known.sorted(by: utf8Less)) {
            message += "; did you mean `\(parent.isEmpty ? near : "\(parent).\(near)")`?"
        } else {
            message += "; it is not a Nitro option and nitro build ignores it"
        }
        diagnostics.append(.warning(location, message))
    }
}
