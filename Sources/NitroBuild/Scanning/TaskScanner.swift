/// Every `.swift` file the edge found under one `tasks/` folder (helpers and ignored files
/// included: they are compiled too, so they matter for file-name clashes), digested as read.
package struct TaskFolder: Sendable {
    /// Root-relative folder path (`Sources/App/tasks`).
    package var path: String
    /// Files with root-relative paths, digested (``TaskSourceFile``).
    package var files: [TaskSourceFile]

    package init(path: String, files: [TaskSourceFile]) {
        self.path = path
        self.files = files
    }

    /// A folder of files in memory, digested on every core.
    package init(path: String, files: [SourceFile]) {
        self.init(path: path, files: TaskSourceFile.digest(count: files.count) { files[$0] })
    }
}

/// A task found by scanning: its name (from the path), its file and its declaration.
package struct ScannedTask: Sendable, Hashable {
    package var name: String
    package var file: String
    package var declaration: TaskDeclaration
}

/// The tasks a scan found, in plain name order: each is read from the digested file it came
/// from (``TaskSourceFile``) when accessed, so that 100,000 tasks are not copied out of their
/// digests (a name and two indices each instead of a copy of the declaration).
package struct ScannedTasks: RandomAccessCollection, Sendable {
    struct Entry: Sendable {
        var name: String
        var folder: Int
        var file: Int
    }

    var folders: [TaskFolder] = []
    var entries: [Entry] = []

    package var startIndex: Int { entries.startIndex }
    package var endIndex: Int { entries.endIndex }

    /// The task named `name` (binary search: the entries are in plain name order).
    package func first(named name: String) -> ScannedTask? {
        let found = utf8LowerBound(of: name, count: entries.count) { entries[$0].name }
        return found < entries.count && entries[found].name == name ? self[found] : nil
    }

    package subscript(position: Int) -> ScannedTask {
        let entry = entries[position]
        let file = folders[entry.folder].files[entry.file]
        return ScannedTask(name: entry.name, file: file.path, declaration: file.inspection.declaration!)
    }
}

/// The result of scanning the task folders.
package struct TaskScan: Sendable {
    /// Tasks in plain name order.
    package var tasks = ScannedTasks()
    /// Every compiled `.swift` file under the folders (root-relative), for clash checks.
    package var swiftFiles: [String] = []
    package var diagnostics: [Diagnostic] = []

}

/// Scanning: which files are tasks, their names, their declarations, and the clashes Swift
/// would reject (two files with one name in a target, two task symbols with one name).
package enum TaskScanner {
    package static func scan(_ folders: consuming [TaskFolder], ignore: [GlobPattern], registryPath: String?) -> TaskScan {
        var result = TaskScan()
        // Where each candidate's file is (`folders[folder].files[file]`): no copies of digests.
        let fileCount = folders.reduce(0) { $0 + $1.files.count }
        var candidates: [(name: String, folder: Int, file: Int)] = []
        candidates.reserveCapacity(fileCount)
        var compiled: [String] = []
        compiled.reserveCapacity(fileCount)
        for (folderIndex, folder) in folders.enumerated() {
            // The order of the paths (sorting indices moves no digested file).
            let order = folder.files.indices.sorted { utf8Less(folder.files[$0].path, folder.files[$1].path) }
            for fileIndex in order {
                let file = folder.files[fileIndex]
                let relative = ProjectPath.relative(file.path, to: folder.path)
                if file.isGenerated { continue }
                compiled.append(file.path)
                let rootRelativeToScanDir = ProjectPath.relative(file.path, to: ProjectPath.parent(folder.path))
                if GlobPattern.ignores(ignore, [rootRelativeToScanDir, file.path]) { continue }
                if TaskNaming.isHelper(relativePath: relative) { continue }
                let name = TaskNaming.name(forRelativePath: relative)
                if let problem = TaskNaming.problem(with: name) {
                    result.diagnostics.append(
                        .error(
                            SourceLocation(path: file.path), "this file cannot be a task: \(problem); rename the file"))
                    continue
                }
                candidates.append((name, folderIndex, fileIndex))
            }
        }
        result.swiftFiles = compiled

        var entries: [ScannedTasks.Entry] = []
        entries.reserveCapacity(candidates.count)
        for candidate in candidates {
            let file = folders[candidate.folder].files[candidate.file]
            let inspection = file.inspection
            result.diagnostics += inspection.diagnostics
            guard inspection.declaration != nil else { continue }
            entries.append(ScannedTasks.Entry(name: candidate.name, folder: candidate.folder, file: candidate.file))
        }
        // In name order (stable: of two files with one name, the first in path order stays first),
        // then the second and later of each name dropped with an error naming the first.
        entries.sort { utf8Less($0.name, $1.name) }
        var kept = 0
        for index in entries.indices {
            if kept > 0, entries[kept - 1].name == entries[index].name {
                let first = entries[kept - 1]
                result.diagnostics.append(
                    .error(
                        SourceLocation(path: folders[entries[index].folder].files[entries[index].file].path),
                        "the task `\(first.name)` is also defined by \(folders[first.folder].files[first.file].path):1:1; "
                            + "remove or rename one of the two files"))
                continue
            }
            entries[kept] = entries[index]
            kept += 1
        }
        entries.removeSubrange(kept...)
        result.tasks = ScannedTasks(folders: folders, entries: entries)
        result.diagnostics += fileNameClashes(compiled, registryPath: registryPath)
        result.diagnostics += symbolClashes(result.tasks)
        return result
    }

    /// Swift compiles a target's files into one module: two files with one name do not build
    /// ("filename used twice" / SwiftPM "multiple producers"); `main.swift` is the entry point.
    static func fileNameClashes(_ files: [String], registryPath: String?) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (name, indices) in groupsOfEqualKeys(files.map { ProjectPath.fileName($0) }) {
            let others = indices.dropFirst().map { "\(files[$0]):1:1" }.joined(separator: ", ")
            diagnostics.append(
                .error(
                    SourceLocation(path: files[indices[0]]),
                    "the file name `\(name)` is also used by \(others); Swift cannot compile two files with one name in a "
                        + "target (SwiftPM: multiple producers): rename all but one"))
        }
        for file in files where ProjectPath.fileName(file) == "main.swift" {
            diagnostics.append(
                .error(
                    SourceLocation(path: file),
                    "`main.swift` is the file name of a target's entry point; rename this task file"))
        }
        if let registryPath {
            let registryName = ProjectPath.fileName(registryPath)
            for file in files where ProjectPath.fileName(file) == registryName && file != registryPath {
                diagnostics.append(
                    .error(
                        SourceLocation(path: file),
                        "the file name `\(registryName)` is the generated registry's (\(registryPath)); rename this file"
                    ))
            }
        }
        return diagnostics
    }

    /// Two top-level task symbols with one name do not compile ("invalid redeclaration").
    static func symbolClashes(_ tasks: ScannedTasks) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (symbol, indices) in groupsOfEqualKeys(tasks.map { $0.declaration.plainSymbol }) {
            let group = indices.map { tasks[$0] }
            let sorted = group.sorted { $0.declaration.location < $1.declaration.location }
            let places = sorted.map { "\($0.declaration.location) (\($0.name))" }.joined(separator: ", ")
            for task in sorted.dropFirst() {
                diagnostics.append(
                    .error(
                        task.declaration.location,
                        "the task symbol `\(symbol)` is declared \(group.count) times: \(places); top-level names must "
                            + "be unique in a target: rename this one (for example `\(suggestedSymbol(for: task.name))`)"
                    ))
            }
        }
        return diagnostics
    }

    /// `db:migrate` → `dbMigrate`.
    static func suggestedSymbol(for name: String) -> String {
        var result = ""
        var upper = false
        for scalar in name.unicodeScalars {
            if TaskNaming.isNameScalar(scalar) && scalar != "-" && scalar != "_" && scalar != "." {
                result.unicodeScalars.append(
                    contentsOf: (upper ? String(scalar).uppercased() : String(scalar)).unicodeScalars)
                upper = false
            } else {
                upper = !result.isEmpty
            }
        }
        if let first = result.unicodeScalars.first, ("0"..."9").contains(first) { result = "task" + result }
        return result.isEmpty ? "task" : result
    }
}
