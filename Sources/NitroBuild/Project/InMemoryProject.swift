/// A whole project as a dictionary of root-relative paths to text: runs the planner's two rounds
/// without a disk, exactly as the edge does with one. Used by tests and benchmarks.
package struct InMemoryProject: Sendable {
    package var files: [String: String]

    package init(_ files: [String: String]) {
        self.files = files
    }

    package func plan(planner: BuildPlanner = .standard, options: BuildOptions = BuildOptions()) -> BuildPlan {
        let configFiles = ConfigReader.fileNames.compactMap { name in
            files[name].map { SourceFile(path: name, text: $0) }
        }
        var folders: Set<String> = []
        for path in files.keys {
            var folder = ProjectPath.parent(path)
            while !folder.isEmpty {
                folders.insert(folder)
                folder = ProjectPath.parent(folder)
            }
        }
        let layout = ProjectLayout(
            taskFolders: folders.filter { folder in
                TaskFolderLocator.discoveryPatterns.contains { GlobPattern($0).matchesWhole(folder) }
            }.sorted(by: utf8Less),
            manifest: files["Package.swift"].map { SourceFile(path: "Package.swift", text: $0) },
            predefinedFolders: Set(PackageManifestReader.testFolders.filter { folders.contains($0) }))
        let session = planner.start(configFiles: configFiles, layout: layout, options: options)
        let taskFolders = session.taskFolders.map { folder in
            TaskFolder(
                path: folder,
                files: files.filter { ProjectPath.isInside($0.key, folder) && $0.key.hasSuffix(".swift") }
                    .map { SourceFile(path: $0.key, text: $0.value) })
        }
        let extra = session.filesToRead.compactMap { path in files[path].map { SourceFile(path: path, text: $0) } }
        return session.plan(folders: taskFolders, files: extra)
    }
}

extension GlobPattern {
    /// Whole-path match, even for a pattern without `/`.
    package func matchesWhole(_ path: String) -> Bool {
        source.contains("/") ? matches(path) : path == source || (!path.contains("/") && matches(path))
    }
}
