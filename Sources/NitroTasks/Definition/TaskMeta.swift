/// Display information of a task: shown by `nitro task list`, `/_nitro/tasks` and the CLI.
///
/// Both fields are optional. `name` never changes the name a task is registered under (that
/// comes from the file path or the config key, as in Nitro); `nitro build` warns when they differ.
public struct TaskMeta: Sendable, Hashable {
    /// A display name; informational only.
    public var name: String?
    /// A one-line description of what the task does.
    public var description: String?

    /// Creates display information.
    public init(name: String? = nil, description: String? = nil) {
        self.name = name
        self.description = description
    }
}
