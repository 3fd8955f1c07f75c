import Dispatch
import Foundation
import NitroSync

/// Every `.swift` file the edge found under one `tasks/` folder (helpers and ignored files
/// included: they are compiled too, so they matter for file-name clashes).
package struct TaskFolder: Sendable {
    /// Root-relative folder path (`Sources/App/tasks`).
    package var path: String
    /// Files with root-relative paths.
    package var files: [SourceFile]

    package init(path: String, files: [SourceFile]) {
        self.path = path
        self.files = files
    }
}

/// A task found by scanning: its name (from the path), its file and its declaration.
package struct ScannedTask: Sendable, Hashable {
    package var name: String
    package var file: String
    package var declaration: TaskDeclaration
}

/// The result of scanning the task folders.
package struct TaskScan: Sendable {
    /// Tasks in plain name order.
    package var tasks: [ScannedTask] = []
    /// Every compiled `.swift` file under the folders (root-relative), for clash checks.
    package var swiftFiles: [String] = []
    package var diagnostics: [Diagnostic] = []

}

/// Scanning: which files are tasks, their names, their declarations, and the clashes Swift
/// would reject (two files with one name in a target, two task symbols with one name).
package enum TaskScanner {
    package static func scan(_ folders: [TaskFolder], ignore: [GlobPattern], registryPath: String?) -> TaskScan {
        var result = TaskScan()
        var candidates: [(name: String, file: SourceFile)] = []
        var compiled: [String] = []
        for folder in folders {
            for file in folder.files.sorted(by: { utf8Less($0.path, $1.path) }) {
                let relative = ProjectPath.relative(file.path, to: folder.path)
                if GeneratedHeader.isGenerated(file.bytes) { continue }
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
                candidates.append((name, file))
            }
        }
        result.swiftFiles = compiled

        let inspections = inspectAll(candidates.map(\.file))
        var byName: [String: String] = [:]
        for (index, candidate) in candidates.enumerated() {
            let inspection = inspections[index]
            result.diagnostics += inspection.diagnostics
            guard let declaration = inspection.declaration else { continue }
            if let earlier = byName[candidate.name] {
                result.diagnostics.append(
                    .error(
                        SourceLocation(path: candidate.file.path),
                        "the task `\(candidate.name)` is also defined by \(earlier):1:1; remove or rename one of the two files"
                    ))
                continue
            }
            byName[candidate.name] = candidate.file.path
            result.tasks.append(ScannedTask(name: candidate.name, file: candidate.file.path, declaration: declaration))
        }
        result.tasks.sort { utf8Less($0.name, $1.name) }
        result.diagnostics += fileNameClashes(compiled, registryPath: registryPath)
        result.diagnostics += symbolClashes(result.tasks)
        return result
    }

    /// Inspects every task file; the work is independent per file, so large projects use every core.
    static func inspectAll(_ files: [SourceFile]) -> [TaskFileInspection] {
        guard files.count >= 64 else { return files.map(TaskFileInspector.inspect) }
        let chunks = min(ProcessInfo.processInfo.activeProcessorCount * 4, files.count / 16)
        let results = Locked([[TaskFileInspection]](repeating: [], count: chunks))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (files.count * chunk / chunks)..<(files.count * (chunk + 1) / chunks)
            let inspected = files[range].map(TaskFileInspector.inspect)
            results.withLock { $0[chunk] = inspected }
        }
        return results.withLock { $0.flatMap { $0 } }
    }

    /// Swift compiles a target's files into one module: two files with one name do not build
    /// ("filename used twice" / SwiftPM "multiple producers"); `main.swift` is the entry point.
    static func fileNameClashes(_ files: [String], registryPath: String?) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var groups: [String: [String]] = [:]
        for file in files { groups[ProjectPath.fileName(file), default: []].append(file) }
        for (name, paths) in groups.sorted(by: { utf8Less($0.key, $1.key) }) where paths.count > 1 {
            let others = paths.dropFirst().map { "\($0):1:1" }.joined(separator: ", ")
            diagnostics.append(
                .error(
                    SourceLocation(path: paths[0]),
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
    static func symbolClashes(_ tasks: [ScannedTask]) -> [Diagnostic] {
        var groups: [String: [ScannedTask]] = [:]
        for task in tasks { groups[task.declaration.plainSymbol, default: []].append(task) }
        var diagnostics: [Diagnostic] = []
        for (symbol, group) in groups.sorted(by: { utf8Less($0.key, $1.key) }) where group.count > 1 {
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
