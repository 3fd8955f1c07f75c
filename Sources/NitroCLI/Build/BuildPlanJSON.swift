import NitroBuild
import NitroJSON

/// `nitro build --dry-run --json`: the plan as one JSON document (sorted keys, two-space indent,
/// trailing newline), the same bytes for the same project:
///
/// ```json
/// {
///   "diagnostics": [{"column": 5, "line": 3, "message": "…", "path": "…", "severity": "warning"}],
///   "files": [{"diff": "--- a/…", "path": "Sources/App/NitroTasks.generated.swift", "status": "update"}],
///   "preset": "node_server",
///   "schedules": [{"cron": "* * * * *", "tasks": ["cms:update"]}],
///   "tasks": [{"description": "Run database migrations", "handler": true, "name": "db:migrate"}]
/// }
/// ```
///
/// `status` is `create`, `update` or `unchanged` (no `diff`). With errors, `files` is empty (nothing
/// would be written) and `preset`, `tasks`, `schedules` are present only when the config was read.
enum BuildPlanJSON {
    static func render(_ plan: BuildPlan, existing: (String) -> [UInt8]?) -> String {
        var document: [String: JSONValue] = ["diagnostics": .array(plan.diagnostics.map(diagnostic))]
        var files: [JSONValue] = []
        if !plan.hasErrors {
            for file in plan.files {
                let old = existing(file.path)
                let bytes = file.bytes
                var entry: [String: JSONValue] = ["path": .string(file.path)]
                if old == bytes {
                    entry["status"] = "unchanged"
                } else {
                    entry["status"] = old == nil ? "create" : "update"
                    entry["diff"] = .string(UnifiedDiff.render(old: old, new: bytes, path: file.path))
                }
                files.append(.object(entry))
            }
        }
        document["files"] = .array(files)
        if let model = plan.model {
            document["preset"] = .string(model.preset.rawValue)
            document["tasks"] = .array(
                model.tasks.map { task in
                    var entry: [String: JSONValue] = ["name": .string(task.name), "handler": .bool(task.reference != nil)]
                    if let description = task.description { entry["description"] = .string(description) }
                    return .object(entry)
                })
            document["schedules"] = .array(
                model.schedules.map { schedule in
                    ["cron": .string(schedule.cron.value), "tasks": .array(schedule.tasks.map { .string($0) })]
                })
        }
        return JSONWriter.pretty(.object(document))
    }

    static func diagnostic(_ diagnostic: Diagnostic) -> JSONValue {
        var entry: [String: JSONValue] = [
            "severity": .string(diagnostic.severity.rawValue), "message": .string(diagnostic.message),
        ]
        if let location = diagnostic.location {
            entry["path"] = .string(location.path)
            entry["line"] = .number(Double(location.line))
            entry["column"] = .number(Double(location.column))
        }
        return .object(entry)
    }
}
