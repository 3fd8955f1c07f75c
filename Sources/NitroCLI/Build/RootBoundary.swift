import NitroBuild

/// The findings for paths that lead outside the project root through a symbolic link: an error at
/// the config key that named the path (`srcDir`, `scanDirs`, `output.registry`, `output.dir`, a
/// task's `handler`), or at the path itself when no key named it (a discovered `tasks/` folder,
/// `.vercel/`, the user's wrangler file). Nothing is read or written through such a path.
struct RootBoundary {
    let root: ProjectRoot
    let config: NitroConfig

    enum Access {
        case read, write
    }

    /// The error for `relative` when it leads outside the root, else `nil`.
    func check(_ relative: String, _ access: Access, isFolder: Bool = false) -> Diagnostic? {
        guard let real = root.escape(relative) else { return nil }
        let blamed = blame(relative)
        return .error(
            blamed?.location ?? SourceLocation(path: relative),
            Self.message(path: relative, real: real, access: access, key: blamed?.key, isFolder: isFolder))
    }

    /// Errors for the `tasks/` folders leading outside, and those folders (not to be scanned).
    func taskFolders(_ folders: [String]) -> (diagnostics: [Diagnostic], escaping: Set<String>) {
        var diagnostics: [Diagnostic] = []
        var escaping: Set<String> = []
        for folder in folders {
            guard let error = check(folder, .read, isFolder: true) else { continue }
            diagnostics.append(error)
            escaping.insert(folder)
        }
        return (diagnostics, escaping)
    }

    /// Errors for the other files to read (handlers, preset inputs) that exist and lead outside,
    /// and those files (not to be read).
    func inputs(_ paths: [String]) -> (diagnostics: [Diagnostic], escaping: Set<String>) {
        var diagnostics: [Diagnostic] = []
        var escaping: Set<String> = []
        for path in Set(paths).sorted(by: utf8Less) where FileSystem.exists(root.absolute(path)) {
            guard let error = check(path, .read) else { continue }
            diagnostics.append(error)
            escaping.insert(path)
        }
        return (diagnostics, escaping)
    }

    /// Errors for the generated files that would be written (or compared) outside the root.
    func outputs(_ paths: [String], skipping reported: Set<String>) -> (diagnostics: [Diagnostic], escaping: Set<String>) {
        var diagnostics: [Diagnostic] = []
        var escaping: Set<String> = []
        for path in paths {
            guard let error = check(path, .write) else { continue }
            escaping.insert(path)
            if !reported.contains(path) { diagnostics.append(error) }
        }
        return (diagnostics, escaping)
    }

    /// The config key that named `relative`, and where its value is written: a handler or
    /// `output.registry` naming the file itself, else the `output.dir`, `scanDirs` entry or
    /// `serverDir` or `srcDir` holding it.
    func blame(_ relative: String) -> (key: String, location: SourceLocation)? {
        for task in config.tasks {
            if let handler = task.handler, case .success(.file(let path)) = HandlerReference.parse(handler.value),
                path == relative
            {
                return ("tasks.\(task.name.value).handler", handler.location)
            }
        }
        if let registry = config.outputRegistry, registry.value == relative { return ("output.registry", registry.location) }
        if let dir = config.outputDir, !dir.value.isEmpty, ProjectPath.isInside(relative, dir.value) {
            return ("output.dir", dir.location)
        }
        let scanDirs = (config.scanDirs ?? []).filter { !$0.value.isEmpty && ProjectPath.isInside(relative, $0.value) }
        if let longest = scanDirs.max(by: { $0.value.utf8.count < $1.value.utf8.count }) {
            return ("scanDirs", longest.location)
        }
        if let serverDir = config.serverDir, !serverDir.value.isEmpty, ProjectPath.isInside(relative, serverDir.value) {
            return ("serverDir", serverDir.location)
        }
        if let srcDir = config.srcDir, !srcDir.value.isEmpty, ProjectPath.isInside(relative, srcDir.value) {
            return ("srcDir", srcDir.location)
        }
        return nil
    }

    /// `` `srcDir`: Sources/App/tasks leads to /elsewhere/tasks through a symbolic link, which is outside
    /// the project root; … `` (the subject is `this file` or `this folder` without a key).
    static func message(path: String, real: String, access: Access, key: String?, isFolder: Bool) -> String {
        let subject = key.map { "`\($0)`: \(path)" } ?? (isFolder ? "this folder" : "this file")
        let verb = access == .read ? "leads to" : "would be written to"
        let fix =
            key.map { "make the link point inside the project, or change `\($0)`" }
            ?? "make the link point inside the project, or replace it with a real \(isFolder ? "folder" : "file")"
        return "\(subject) \(verb) \(real) through a symbolic link, which is outside the project root; "
            + "nitro build reads and writes only inside the root: \(fix)"
    }
}
