/// How the registry reaches a task's definition.
package enum TaskReference: Sendable, Hashable {
    /// A global in the registry's own target: `{ migrate }`.
    case symbol(String)
    /// A public global in another module: `{ Jobs.migrate }`; the registry imports `module`.
    case qualified(module: String, path: String)
}

/// One task as the registry lists it.
package struct PlannedTask: Sendable, Hashable {
    package var name: String
    /// Its own `meta.description`, else the config's `description`.
    package var description: String?
    /// `nil`: registered in the config without a handler (runs answer 501).
    package var reference: TaskReference?
    /// Where it comes from: the task's declaration, or its config entry.
    package var origin: SourceLocation?
}

/// One schedule: its expression, where it was written, its tasks (duplicates removed), and the
/// strings each platform sends back for it (filled by the schedule validator).
package struct PlannedSchedule: Sendable {
    package var cron: Located<String>
    package var tasks: [String]
    package var platformCrons: [String: [String]] = [:]
}

/// Everything merged: what the registry and the platform manifests are rendered from.
package struct BuildModel: Sendable {
    package var config: NitroConfig
    package var preset: Preset
    /// Tasks in plain Unicode scalar order of their names.
    package var tasks: PlannedTasks
    /// Schedules in config order.
    package var schedules: [PlannedSchedule]
    /// `scheduler.timezone` or `UTC`.
    package var timeZone: String
    /// The registry's root-relative path.
    package var registryPath: String
    /// The `TaskName` constant of each task (``TaskNameConstants/plan(_:)``), when merging worked
    /// them out for these very tasks; `nil`: the renderer works them out.
    package var taskConstants: [String?]? = nil
}
