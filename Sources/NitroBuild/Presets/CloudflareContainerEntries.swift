import NitroJSON

/// The `wrangler.json` entries a Cloudflare Container needs (`cloudflare.container`), added to
/// the merged configuration without replacing the user's own: `main` (the generated Worker), a
/// `containers` entry, a Durable Object binding and a `migrations` step creating the class as a
/// SQLite-backed Durable Object (wrangler's container fixtures: `containers[].class_name`,
/// `durable_objects.bindings`, `migrations[].new_sqlite_classes`; Docs/Presets.md).
package enum CloudflareContainerEntries {
    /// Adds the entries to `members` (the merged configuration, its paths already rebased onto
    /// the generated file's folder with `prefix`); returns the errors that stop the build.
    ///
    /// - A `main` of the user's is an error: the Worker is generated.
    /// - A `containers` entry with the same `class_name` is the user's and is kept as written.
    /// - A binding of the same name must name the same class; an existing migration that already
    ///   creates the class stands for ours.
    package static func apply(
        _ container: CloudflareContainerConfig, to members: inout [String: JSONValue], prefix: String,
        mainLocation: SourceLocation?
    ) -> [Diagnostic] {
        let className = container.classNameValue
        var diagnostics: [Diagnostic] = []
        if members["main"] != nil {
            diagnostics.append(
                .error(
                    mainLocation ?? container.location,
                    "`main` is set, but with `cloudflare.container` nitro build writes the Worker (\(CloudflareWorkerModule.fileName) next to the generated wrangler.json); remove `main`, or remove `cloudflare.container` to keep your own Worker"
                ))
        }
        members["main"] = .string(CloudflareWorkerModule.fileName)

        // containers: ours, unless the user describes this class already.
        var containers: [JSONValue] = []
        if let existing = members["containers"] {
            guard case .array(let items) = existing else {
                return diagnostics + [.error(mainLocation ?? container.location, "`containers` must be an array of container entries")]
            }
            containers = items
        }
        if !containers.contains(where: { $0["class_name"]?.stringValue == className }) {
            var entry: [String: JSONValue] = [
                "class_name": .string(className), "image": .string(container.imageValue),
                "max_instances": .number(Double(container.maxInstancesValue)),
            ]
            if let type = container.instanceType { entry["instance_type"] = .string(type.value) }
            entry =
                WranglerMerge.rebasePaths(["containers": [.object(entry)]], prefix: prefix)["containers"]?.arrayValue?
                .first?.objectValue ?? entry
            containers.append(.object(entry))
        }
        members["containers"] = .array(containers)

        // durable_objects.bindings: ours, unless a binding of that name exists.
        var durableObjects: [String: JSONValue] = [:]
        if case .object(let existing)? = members["durable_objects"] { durableObjects = existing }
        var bindings = durableObjects["bindings"]?.arrayValue ?? []
        let binding = container.bindingValue
        if let same = bindings.first(where: { $0["name"]?.stringValue == binding }) {
            if same["class_name"]?.stringValue != className {
                diagnostics.append(
                    .error(
                        container.binding?.location ?? container.location,
                        "the Durable Object binding `\(binding)` already names the class `\(same["class_name"]?.stringValue ?? "?")`, not `\(className)`; set `cloudflare.container.binding` to another name"
                    ))
            }
        } else {
            bindings.append(["name": .string(binding), "class_name": .string(className)])
        }
        durableObjects["bindings"] = .array(bindings)
        members["durable_objects"] = .object(durableObjects)

        // migrations: a step creating the class, unless one exists.
        var migrations = members["migrations"]?.arrayValue ?? []
        let created = migrations.contains { step in
            ["new_sqlite_classes", "new_classes"].contains { key in
                (step[key]?.arrayValue ?? []).contains { $0.stringValue == className }
            } || (step["renamed_classes"]?.arrayValue ?? []).contains { $0["to"]?.stringValue == className }
        }
        if !created {
            migrations.append(["tag": .string("nitro-\(className)"), "new_sqlite_classes": [.string(className)]])
        }
        members["migrations"] = .array(migrations)
        return diagnostics
    }
}
