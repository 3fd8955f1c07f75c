/// Which `tasks/` folders exist among the places looked at when the config names none.
package struct ProjectLayout: Sendable {
    /// Root-relative folders matching ``TaskFolderLocator/discoveryPatterns`` that exist.
    package var taskFolders: [String]

    package init(taskFolders: [String]) {
        self.taskFolders = taskFolders
    }
}

/// Where the tasks are and where the registry goes.
package struct TaskLocation: Sendable {
    /// The `tasks/` folders to scan (root-relative; they may not exist).
    package var folders: [String]
    /// The Swift registry's root-relative path; `nil` when it cannot be decided (an error says why).
    package var registryPath: String?
    package var diagnostics: [Diagnostic]
}

/// Finds the `tasks/` folders: from `scanDirs` or `srcDir` (each holds a `tasks/` folder), or
/// else `./tasks`, else the single `Sources/*/tasks`.
package enum TaskFolderLocator {
    /// The places looked at without `srcDir`/`scanDirs`; `*` is one folder level.
    package static let discoveryPatterns = ["tasks", "Sources/*/tasks"]

    /// The registry's file name inside the tasks' target.
    package static let registryFileName = "NitroTasks.generated.swift"

    package static func locate(_ config: NitroConfig, layout: ProjectLayout) -> TaskLocation {
        var location = TaskLocation(folders: [], registryPath: config.outputRegistry?.value, diagnostics: [])
        if let scanDirs = config.scanDirs, !scanDirs.isEmpty {
            location.folders = scanDirs.map { ProjectPath.join($0.value, "tasks") }
        } else if let srcDir = config.srcDir {
            location.folders = [ProjectPath.join(srcDir.value, "tasks")]
        } else {
            let found = layout.taskFolders.sorted(by: utf8Less)
            if found.contains("tasks") {
                location.folders = ["tasks"]
            } else if found.count == 1 {
                location.folders = found
            } else if found.isEmpty {
                if location.registryPath == nil {
                    location.diagnostics.append(
                        .error(
                            config.fileLocation,
                            "found no tasks/ folder (looked for ./tasks and Sources/*/tasks); create Sources/<Target>/tasks/, "
                                + "or set `srcDir` in the config to the folder that holds tasks/"))
                }
            } else {
                let example = ProjectPath.parent(found[0])
                location.diagnostics.append(
                    .error(
                        config.fileLocation,
                        "found several tasks/ folders (\(found.joined(separator: ", "))); the registry goes into one target: "
                            + "set `srcDir` in the config to the folder that holds the right one, for example `srcDir: \"\(example)\"`"
                    ))
            }
        }
        if location.registryPath == nil, let first = location.folders.first {
            location.registryPath = ProjectPath.join(ProjectPath.parent(first), registryFileName)
        }
        if let registry = location.registryPath {
            // The registry refers to internal symbols: it must compile in the tasks' target.
            let target = targetFolder(of: registry)
            for folder in location.folders where targetFolder(of: ProjectPath.join(folder, "x.swift")) != target {
                let place = config.outputRegistry?.location ?? config.scanDirs?.first?.location ?? config.fileLocation
                location.diagnostics.append(
                    .error(
                        place,
                        "the tasks in \(folder) are not in the registry's target (\(ProjectPath.display(target)), "
                            + "registry \(registry)); the registry can only refer to tasks of its own target: keep every "
                            + "scanned tasks/ folder and `output.registry` in one target"))
            }
        }
        return location
    }

    /// The SwiftPM target folder of a file: `Sources/<Name>` for files under `Sources/`,
    /// otherwise the file's own folder.
    package static func targetFolder(of path: String) -> String {
        let segments = path.split(separator: "/")
        if segments.count >= 3, segments[0] == "Sources" { return "Sources/\(segments[1])" }
        return ProjectPath.parent(path)
    }
}
