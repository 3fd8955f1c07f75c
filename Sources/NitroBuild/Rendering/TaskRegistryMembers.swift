/// The names that mean a member of `TaskRegistry` inside the generated `extension TaskRegistry`:
/// a task symbol (or the module of a `Module.symbol` handler) spelled like one would resolve to
/// the member there, so the renderer reaches it from file scope instead (see
/// ``RegistryRenderer``).
///
/// `RegistryNamesTests.membersMatchTheType` derives the members from the source of
/// `Sources/NitroTasks/Running/TaskRegistry.swift` (and of any `extension TaskRegistry` in
/// NitroTasks) and fails when this list and the type disagree.
package enum TaskRegistryMembers {
    /// Every member `TaskRegistry` declares, whatever its access level (a private one costs only
    /// an accessor, and the compiler's lookup rules for inaccessible members need not be relied on).
    package static let declared: Set<String> = [
        "Entry", "Schedule", "entries", "scheduledTasks", "timeZone", "schedulerEnabled", "index", "names",
    ]

    /// What the generated extension adds, and what names the type itself there.
    package static let implicit: Set<String> = ["generated", "init", "self", "Self"]

    /// Whether `name` (without backticks) means a member inside the generated extension.
    package static func shadows(_ name: String) -> Bool {
        declared.contains(name) || implicit.contains(name)
    }
}
