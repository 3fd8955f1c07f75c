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
/// digests (16 bytes each: where the name is in ``names``, and two indices).
package struct ScannedTasks: RandomAccessCollection, Sendable {
    struct Entry: Sendable {
        var name: TextRange
        var folder: Int32
        var file: Int32
    }

    var folders: [TaskFolder] = []
    var entries: [Entry] = []
    /// The tasks' names.
    var names = TextArena.empty

    package var startIndex: Int { entries.startIndex }
    package var endIndex: Int { entries.endIndex }

    /// The task named `name` (binary search: the entries are in plain name order).
    package func first(named name: String) -> ScannedTask? {
        let found = utf8LowerBound(of: name, count: entries.count) { self.name(at: $0) }
        return found < entries.count && names.equals(entries[found].name, name) ? self[found] : nil
    }

    /// The name of the task at `position`, without reading its declaration.
    package func name(at position: Int) -> String { names.string(entries[position].name) }

    /// The digested file of the task at `position`.
    func file(at position: Int) -> TaskSourceFile {
        let entry = entries[position]
        return folders[Int(entry.folder)].files[Int(entry.file)]
    }

    package subscript(position: Int) -> ScannedTask {
        let file = file(at: position)
        return ScannedTask(name: name(at: position), file: file.path, declaration: file.inspection.declaration!)
    }
}

/// Every compiled `.swift` file under the scanned folders (root-relative paths), read from the
/// digests when accessed (8 bytes a file instead of a path string).
package struct SwiftFiles: RandomAccessCollection, Sendable {
    var folders: [TaskFolder] = []
    var positions: [(folder: Int32, file: Int32)] = []

    package var startIndex: Int { positions.startIndex }
    package var endIndex: Int { positions.endIndex }

    package subscript(position: Int) -> String {
        let (folder, file) = positions[position]
        return folders[Int(folder)].files[Int(file)].path
    }
}

/// The result of scanning the task folders.
package struct TaskScan: Sendable {
    /// Tasks in plain name order.
    package var tasks = ScannedTasks()
    /// Every compiled `.swift` file under the folders (root-relative), for clash checks.
    package var swiftFiles = SwiftFiles()
    package var diagnostics: [Diagnostic] = []

}

/// Scanning: which files are tasks, their names, their declarations, and the clashes Swift
/// would reject (two files with one name in a target, two task symbols with one name).
package enum TaskScanner {
    package static func scan(_ folders: consuming [TaskFolder], ignore: [GlobPattern], registryPath: String?) -> TaskScan {
        var result = TaskScan()
        let folders = folders
        // Where each task's file is (`folders[folder].files[file]`): no copies of digests; the
        // names go into one arena.
        let fileCount = folders.reduce(0) { $0 + $1.files.count }
        var entries: [ScannedTasks.Entry] = []
        entries.reserveCapacity(fileCount)
        var names = TextArena.Builder(capacity: fileCount * 16)
        var compiled: [(folder: Int32, file: Int32)] = []
        compiled.reserveCapacity(fileCount)
        for (folderIndex, folder) in folders.enumerated() {
            // The order of the paths (sorting indices moves no digested file).
            var order: [Int] = []
            order.reserveCapacity(folder.files.count)
            for index in 0..<folder.files.count { order.append(index) }
            order.sort { folder.files[$0].pathPrecedes(folder.files[$1]) }
            for fileIndex in order {
                let file = folder.files[fileIndex]
                if file.isGenerated { continue }
                let path = file.path
                let relative = ProjectPath.relative(path, to: folder.path)
                compiled.append((Int32(folderIndex), Int32(fileIndex)))
                let rootRelativeToScanDir = ProjectPath.relative(path, to: ProjectPath.parent(folder.path))
                if GlobPattern.ignores(ignore, [rootRelativeToScanDir, path]) { continue }
                if TaskNaming.isHelper(relativePath: relative) { continue }
                let name = TaskNaming.name(forRelativePath: relative)
                if let problem = TaskNaming.problem(with: name) {
                    result.diagnostics.append(
                        .error(SourceLocation(path: path), "this file cannot be a task: \(problem); rename the file"))
                    continue
                }
                result.diagnostics += file.inspectionDiagnostics
                guard file.hasDeclaration else { continue }
                entries.append(ScannedTasks.Entry(name: names.add(name), folder: Int32(folderIndex), file: Int32(fileIndex)))
            }
        }
        result.swiftFiles = SwiftFiles(folders: folders, positions: compiled)
        let arena = names.build()

        // In name order (stable: of two files with one name, the first in path order stays first),
        // then the second and later of each name dropped with an error naming the first.
        entries.sort { arena.precedes($0.name, arena, $1.name) }
        var kept = 0
        for index in entries.indices {
            if kept > 0, arena.same(entries[kept - 1].name, arena, entries[index].name) {
                let first = entries[kept - 1]
                let firstPath = folders[Int(first.folder)].files[Int(first.file)].path
                result.diagnostics.append(
                    .error(
                        SourceLocation(path: folders[Int(entries[index].folder)].files[Int(entries[index].file)].path),
                        "the task `\(arena.string(first.name))` is also defined by \(firstPath):1:1; "
                            + "remove or rename one of the two files"))
                continue
            }
            entries[kept] = entries[index]
            kept += 1
        }
        entries.removeSubrange(kept...)
        result.tasks = ScannedTasks(folders: folders, entries: entries, names: arena)
        result.diagnostics += fileNameClashes(result.swiftFiles, registryPath: registryPath)
        result.diagnostics += symbolClashes(result.tasks)
        return result
    }

    /// Swift compiles a target's files into one module: two files with one name do not build
    /// ("filename used twice" / SwiftPM "multiple producers"); `main.swift` is the entry point.
    static func fileNameClashes<Files: RandomAccessCollection<String>>(_ files: Files, registryPath: String?) -> [Diagnostic]
    where Files.Index == Int {
        var diagnostics: [Diagnostic] = []
        let names = files.map { ProjectPath.fileName($0) }
        for (name, indices) in groupsOfEqualKeys(names) {
            let others = indices.dropFirst().map { "\(files[$0]):1:1" }.joined(separator: ", ")
            diagnostics.append(
                .error(
                    SourceLocation(path: files[indices[0]]),
                    "the file name `\(name)` is also used by \(others); Swift cannot compile two files with one name in a "
                        + "target (SwiftPM: multiple producers): rename all but one"))
        }
        for index in names.indices where names[index] == "main.swift" {
            diagnostics.append(
                .error(
                    SourceLocation(path: files[index]),
                    "`main.swift` is the file name of a target's entry point; rename this task file"))
        }
        if let registryPath {
            let registryName = ProjectPath.fileName(registryPath)
            for index in names.indices where names[index] == registryName {
                let file = files[index]
                guard file != registryPath else { continue }
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
        for (symbol, indices) in groupsOfEqualKeys(tasks.indices.map { tasks.file(at: $0).plainSymbol }) {
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
