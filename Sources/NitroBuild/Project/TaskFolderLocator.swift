/// What the edge saw of the project's shape: which discovery places exist, and the manifest.
package struct ProjectLayout: Sendable {
    /// Root-relative folders matching ``TaskFolderLocator/discoveryPatterns`` that exist.
    package var taskFolders: [String]
    /// `Package.swift` at the root, if there is one.
    package var manifest: SourceFile?
    /// Which of SwiftPM's predefined folders (``PackageManifestReader/testFolders``) exist at the root.
    package var predefinedFolders: Set<String>

    package init(taskFolders: [String], manifest: SourceFile? = nil, predefinedFolders: Set<String> = []) {
        self.taskFolders = taskFolders
        self.manifest = manifest
        self.predefinedFolders = predefinedFolders
    }
}

/// The target the registry compiles in.
package struct RegistryTarget: Sendable, Hashable {
    /// The module name (`App`): a `Module.symbol` handler may not name it.
    package var name: String
    /// Root-relative folder (`""` for the root).
    package var folder: String
    /// The manifest's target, when `Package.swift` was read (its `exclude:`/`sources:` apply).
    package var manifestTarget: PackageTarget?

    package init(name: String, folder: String, manifestTarget: PackageTarget? = nil) {
        self.name = name
        self.folder = folder
        self.manifestTarget = manifestTarget
    }

    /// Whether a file at `path` is compiled in this target.
    package func contains(_ path: String) -> Bool {
        manifestTarget?.compiles(path) ?? ProjectPath.isInside(path, folder)
    }
}

/// One target holding tasks: its `tasks/` folders and its registry.
package struct RegistryGroup: Sendable {
    /// The `tasks/` folders in this target (root-relative).
    package var folders: [String]
    /// The registry's root-relative path, inside the target.
    package var registryPath: String
    package var target: RegistryTarget
}

/// Where the tasks are and where the registries go.
package struct TaskLocation: Sendable {
    /// The `tasks/` folders to scan (root-relative; they may not exist).
    package var folders: [String]
    /// The primary registry's root-relative path (the first group's, or `output.registry`'s);
    /// `nil` when it cannot be decided (an error says why).
    package var registryPath: String?
    /// The primary registry's target; `nil` when it cannot be decided.
    package var target: RegistryTarget?
    /// One per target holding tasks, the primary first; empty when it cannot be decided. Tasks
    /// registered in the config that no file places in a target go into the primary one.
    package var groups: [RegistryGroup] = []
    package var diagnostics: [Diagnostic]
    /// How the targets were found (`--verbose`).
    package var notes: [String] = []
}

/// Finds the `tasks/` folders: from `scanDirs`, `serverDir` or `srcDir` (each holds a `tasks/`
/// folder), or else `./tasks`, else the single `Sources/*/tasks`; and the target they belong to:
/// the `Package.swift` target whose folder holds them, or (without a readable manifest) the
/// folder holding `tasks/`.
package enum TaskFolderLocator {
    /// The places looked at without `srcDir`/`scanDirs`; `*` is one folder level.
    package static let discoveryPatterns = ["tasks", "Sources/*/tasks"]

    /// The registry's file name inside the tasks' target.
    package static let registryFileName = "NitroTasks.generated.swift"

    package static func locate(_ config: NitroConfig, layout: ProjectLayout) -> TaskLocation {
        var location = TaskLocation(folders: [], registryPath: config.outputRegistry?.value, diagnostics: [])
        /// Each folder with the config key that named it (for errors).
        var named: [(folder: String, key: String, place: SourceLocation?)] = []
        if let scanDirs = config.scanDirs, !scanDirs.isEmpty {
            for (index, dir) in scanDirs.enumerated() {
                named.append((ProjectPath.join(dir.value, "tasks"), "scanDirs[\(index)]", dir.location))
            }
        } else if let serverDir = config.serverDir {
            named = [(ProjectPath.join(serverDir.value, "tasks"), "serverDir", serverDir.location)]
        } else if let srcDir = config.srcDir {
            named = [(ProjectPath.join(srcDir.value, "tasks"), "srcDir", srcDir.location)]
        } else {
            let found = layout.taskFolders.sorted(by: utf8Less)
            if found.contains("tasks") {
                named = [("tasks", "./tasks", config.fileLocation)]
            } else if !found.isEmpty {
                // Each `Sources/<Name>/tasks` is its target's: one registry per target.
                named = found.map { ($0, $0, config.fileLocation) }
            } else {
                if location.registryPath == nil {
                    location.diagnostics.append(
                        .error(
                            config.fileLocation,
                            "found no tasks/ folder (looked for ./tasks and Sources/*/tasks); create Sources/<Target>/tasks/, "
                                + "or set `srcDir` in the config to the folder that holds tasks/"))
                }
            }
        }
        if config.serverDir != nil, let srcDir = config.srcDir, config.scanDirs?.isEmpty ?? true {
            location.diagnostics.append(
                .warning(
                    srcDir.location,
                    "both `serverDir` and `srcDir` are set; `serverDir` wins (Nitro v3 scans `serverDir` and deprecates "
                        + "`srcDir`): remove `srcDir`"))
        }
        location.folders = named.map(\.folder)

        // The targets of Package.swift, when it can be read statically.
        var targets: [PackageTarget]?
        if let manifest = layout.manifest {
            switch PackageManifestReader.read(manifest, existingFolders: layout.predefinedFolders) {
            case .targets(let found) where !found.isEmpty:
                targets = found
                location.notes.append(
                    "Package.swift: targets "
                        + found.map { "\($0.name) (\(ProjectPath.display($0.path)))" }
                        .joined(separator: ", "))
            case .targets:
                location.notes.append(
                    "Package.swift declares no target statically; the folder holding tasks/ is taken as the target")
            case .unreadable(let reason):
                location.notes.append(
                    "Package.swift cannot be read statically (\(reason)); the folder holding tasks/ is taken as the target")
            }
        }
        func manifestTarget(of path: String) -> PackageTarget? {
            // The deepest target folder holding the path (SwiftPM rejects overlapping targets anyway).
            targets?.filter { ProjectPath.isInside(path, $0.path) }.max { $0.path.utf8.count < $1.path.utf8.count }
        }
        func target(of folder: String, holding: String) -> RegistryTarget {
            if let found = manifestTarget(of: folder) {
                return RegistryTarget(name: found.name, folder: found.path, manifestTarget: found)
            }
            let folderOfTarget = fallbackTargetFolder(holding: holding)
            return RegistryTarget(name: ProjectPath.fileName(folderOfTarget), folder: folderOfTarget, manifestTarget: nil)
        }

        var resolved: [(folder: String, key: String, place: SourceLocation?, target: RegistryTarget)] = []
        for entry in named {
            if let targets, manifestTarget(of: entry.folder) == nil {
                let key = entry.key.hasPrefix("scanDirs") ? "scanDirs" : entry.key == "serverDir" ? "serverDir" : "srcDir"
                location.diagnostics.append(
                    .error(
                        entry.place,
                        "`\(entry.key)`: \(entry.folder) is in no target of Package.swift, so SwiftPM would not compile "
                            + "its tasks; the targets are \(list(targets)): move tasks/ into one of them, or point `\(key)` "
                            + "at a target's folder"))
                continue
            }
            let found = target(of: entry.folder, holding: ProjectPath.parent(entry.folder))
            if let manifest = found.manifestTarget, !manifest.compiles(ProjectPath.join(entry.folder, "x.swift")) {
                location.diagnostics.append(
                    .error(
                        entry.place,
                        "`\(entry.key)`: \(entry.folder) is left out of the target \(manifest.name) by its `exclude:` or "
                            + "`sources:` in Package.swift, so SwiftPM does not compile its tasks"))
                continue
            }
            resolved.append((entry.folder, entry.key, entry.place, found))
        }
        guard location.diagnostics.allSatisfy({ !$0.isError }) else {
            location.registryPath = nil
            return location
        }

        // One group per target, in the order the folders were named.
        var groups: [(target: RegistryTarget, entries: [(folder: String, key: String, place: SourceLocation?)])] = []
        for entry in resolved {
            if let index = groups.firstIndex(where: { $0.target.folder == entry.target.folder }) {
                groups[index].entries.append((entry.folder, entry.key, entry.place))
            } else {
                groups.append((entry.target, [(entry.folder, entry.key, entry.place)]))
            }
        }
        func defaultRegistry(_ group: (target: RegistryTarget, entries: [(folder: String, key: String, place: SourceLocation?)])) -> String
        {
            let holder = ProjectPath.parent(group.entries[0].folder)
            let folder = ProjectPath.isInside(holder, group.target.folder) ? holder : group.target.folder
            return ProjectPath.join(folder, registryFileName)
        }
        var registries = groups.map(defaultRegistry)
        var primary = 0
        if let written = config.outputRegistry {
            // `output.registry` is the registry of the target that holds it, which becomes the primary one.
            let registry = written.value
            let registryTarget = target(of: registry, holding: ProjectPath.parent(registry))
            if let targets, registryTarget.manifestTarget == nil {
                location.diagnostics.append(
                    .error(
                        written.location,
                        "`output.registry`: \(registry) is in no target of Package.swift; the targets are \(list(targets))"))
            } else if !registryTarget.contains(registry) {
                location.diagnostics.append(
                    .error(
                        written.location,
                        "the registry \(registry) is left out of the target \(registryTarget.name) by its `exclude:` or "
                            + "`sources:` in Package.swift; write it where the target compiles it (`output.registry`)"))
            } else if let index = groups.firstIndex(where: { $0.target.folder == registryTarget.folder }) {
                registries[index] = registry
                primary = index
            } else if !groups.isEmpty {
                let entry = groups[0].entries[0]
                let also = groups.count > 1 ? " (or of another target that has tasks)" : ""
                location.diagnostics.append(
                    .error(
                        written.location,
                        "the tasks of `\(entry.key)` (\(entry.folder)) are in the target \(describe(groups[0].target)), but the "
                            + "registry \(registry) is in \(describe(registryTarget)); the registry can only refer to tasks of "
                            + "its own target: put `output.registry` in the folder of the tasks' target\(also)"))
            }
        }
        if location.diagnostics.contains(where: \.isError) {
            location.registryPath = nil
            return location
        }
        var ordered = Array(groups.indices)
        if primary != 0 { ordered.swapAt(0, primary); ordered = [ordered[0]] + ordered.dropFirst().sorted() }
        location.groups = ordered.map { index in
            RegistryGroup(folders: groups[index].entries.map(\.folder), registryPath: registries[index], target: groups[index].target)
        }
        if let first = location.groups.first {
            location.registryPath = first.registryPath
            location.target = first.target
        } else if let registry = location.registryPath {
            // No tasks/ folder, but `output.registry` says where the registry goes.
            location.target = target(of: registry, holding: ProjectPath.parent(registry))
        }
        if location.groups.count > 1 {
            location.notes.append(
                "one registry per target: "
                    + location.groups.map { "\($0.target.name) (\($0.registryPath))" }.joined(separator: ", "))
        }
        return location
    }

    static func list(_ targets: [PackageTarget]) -> String {
        targets.map { "\($0.name) (\(ProjectPath.display($0.path)))" }.joined(separator: ", ")
    }

    static func describe(_ target: RegistryTarget) -> String {
        target.manifestTarget != nil
            ? "\(target.name) (\(ProjectPath.display(target.folder)))" : ProjectPath.display(target.folder)
    }

    /// Without a readable manifest: `Sources/<Name>` for folders under `Sources/`, otherwise the
    /// folder holding `tasks/` itself.
    static func fallbackTargetFolder(holding folder: String) -> String {
        let segments = folder.split(separator: "/")
        if segments.count >= 2, segments[0] == "Sources" { return "Sources/\(segments[1])" }
        return folder
    }

    /// The SwiftPM target folder of a file without a manifest: `Sources/<Name>` for files under
    /// `Sources/`, otherwise the file's own folder.
    package static func targetFolder(of path: String) -> String {
        fallbackTargetFolder(holding: ProjectPath.parent(path))
    }
}
