import NitroBuild
import NitroSync

/// The file-system edge of `nitro build`: reads the project into the values the pure core plans
/// from. Paths handed to the core are root-relative with `/` separators.
struct ProjectReader {
    /// Absolute project root.
    let root: String
    /// The root's real path: nothing outside it is read (``ProjectRoot``).
    let projectRoot: ProjectRoot
    /// Told about each task file read (the progress line of large scans).
    var progress: ScanProgress?

    init(root: String, progress: ScanProgress? = nil) {
        self.root = root
        self.projectRoot = ProjectRoot(root)
        self.progress = progress
    }

    func absolute(_ relative: String) -> String {
        relative.isEmpty ? root : root + "/" + relative
    }

    /// Every config file present at the root (but one that leads outside it, see
    /// ``unreadableConfigFiles()``).
    func configFiles() -> [SourceFile] {
        ConfigReader.fileNames.compactMap { name in
            let path = absolute(name)
            guard FileSystem.status(path)?.kind == .file, projectRoot.escape(name) == nil,
                let bytes = FileSystem.read(path)
            else { return nil }
            return SourceFile(path: name, bytes: bytes)
        }
    }

    /// Config names present at the root that cannot be read as files (a folder, a FIFO, a
    /// symbolic-link loop, no permission): errors, so that a build never goes on without the
    /// config the project has.
    func unreadableConfigFiles() -> [Diagnostic] {
        ConfigReader.fileNames.compactMap { name in
            let path = absolute(name)
            guard FileSystem.exists(path) else { return nil }
            if let real = projectRoot.escape(name) {
                return .error(
                    SourceLocation(path: name),
                    RootBoundary.message(path: name, real: real, access: .read, key: nil, isFolder: false))
            }
            switch FileSystem.status(path)?.kind {
            case .file?:
                if FileSystem.read(path) != nil { return nil }
                return .error(SourceLocation(path: name), "could not read the config file: \(FileSystem.lastErrorText())")
            case .directory?, .other?:
                return .error(SourceLocation(path: name), "the config is not a regular file; make it one or remove it")
            case nil:
                return .error(
                    SourceLocation(path: name), "could not open the config file: \(FileSystem.lastErrorText())")
            }
        }
    }

    /// Which of the discovery places (`tasks`, `Sources/*/tasks`) exist.
    func layout() -> ProjectLayout {
        var found: [String] = []
        for pattern in TaskFolderLocator.discoveryPatterns {
            let segments = pattern.split(separator: "/").map(String.init)
            var candidates = [""]
            for segment in segments {
                var next: [String] = []
                for base in candidates {
                    if segment == "*" {
                        for entry in FileSystem.entries(absolute(base)) ?? [] where !entry.name.hasPrefix(".") {
                            let child = ProjectPath.join(base, entry.name)
                            if FileSystem.isDirectory(absolute(child)) { next.append(child) }
                        }
                    } else {
                        let child = ProjectPath.join(base, segment)
                        if FileSystem.isDirectory(absolute(child)) { next.append(child) }
                    }
                }
                candidates = next
            }
            found += candidates
        }
        // Package.swift, read only as text (never run): which targets there are and their folders.
        let manifestPath = absolute("Package.swift")
        let manifest =
            FileSystem.status(manifestPath)?.kind == .file && projectRoot.escape("Package.swift") == nil
            ? FileSystem.read(manifestPath).map { SourceFile(path: "Package.swift", bytes: $0) } : nil
        let predefined = PackageManifestReader.testFolders.filter { FileSystem.isDirectory(absolute($0)) }
        return ProjectLayout(taskFolders: found, manifest: manifest, predefinedFolders: Set(predefined))
    }

    /// The `.swift` files of the given root-relative files that exist (the caller leaves out those
    /// leading outside the root, ``RootBoundary/inputs(_:)``).
    func files(_ paths: [String]) -> [SourceFile] {
        var seen: Set<String> = []
        return paths.compactMap { path in
            guard seen.insert(path).inserted, FileSystem.status(absolute(path))?.kind == .file,
                let bytes = FileSystem.read(absolute(path))
            else { return nil }
            return SourceFile(path: path, bytes: bytes)
        }
    }

    /// Reads every `.swift` file under the task folders but `skipping` (folders leading outside the
    /// root). Symbolic links are followed once: a link to a folder already scanned (a cycle, or a
    /// second link) is skipped with a warning, and so is a link leading outside the root. Names that
    /// are not UTF-8 and entries beyond the system's path limit are errors (their tasks would be
    /// missing from the registry).
    func taskFolders(_ folders: [String], skipping: Set<String> = []) -> (folders: [TaskFolder], diagnostics: [Diagnostic]) {
        var walker = Walker(reader: self)
        var result: [TaskFolder] = []
        for folder in folders {
            walker.files = []
            if !skipping.contains(folder), let status = FileSystem.status(absolute(folder)), status.kind == .directory,
                walker.visited.insert(status.id.key).inserted
            {
                walker.walk(folder)
            }
            let (files, diagnostics) = read(walker.files)
            result.append(TaskFolder(path: folder, files: files))
            walker.diagnostics += diagnostics
        }
        return (result, walker.diagnostics)
    }

    /// Reads and digests the `.swift` files at `paths` on every core (``TaskSourceFile``), so that
    /// no more than one file per thread is in memory; a file that cannot be read is a diagnostic.
    private func read(_ paths: [String]) -> (files: [TaskSourceFile], diagnostics: [Diagnostic]) {
        let failures = Locked<[(index: Int, diagnostic: Diagnostic)]>([])
        let digested = TaskSourceFile.digest(count: paths.count) { [self] index in
            let path = paths[index]
            guard let bytes = FileSystem.read(absolute(path)) else {
                // Gone between listing and opening (renamed or deleted meanwhile).
                let (missing, reason) = FileSystem.lastError()
                let diagnostic: Diagnostic =
                    missing
                    ? .warning(SourceLocation(path: path), "this file disappeared during the scan; skipped")
                    : .error(SourceLocation(path: path), "could not read this file: \(reason)")
                failures.withLock { $0.append((index, diagnostic)) }
                return nil
            }
            progress?.file()
            return SourceFile(path: path, bytes: bytes)
        }
        let diagnostics = failures.withLock { failed in
            failed.sorted { $0.index < $1.index }.map(\.diagnostic)
        }
        return (digested, diagnostics)
    }

    struct Walker {
        let reader: ProjectReader
        var visited: Set<String> = []
        /// The `.swift` files found, read after the walk (``ProjectReader/read(_:)``).
        var files: [String] = []
        var diagnostics: [Diagnostic] = []

        mutating func walk(_ folder: String) {
            guard let entries = FileSystem.entries(reader.absolute(folder)) else {
                diagnostics.append(
                    .warning(SourceLocation(path: folder), "could not list this folder; its tasks are skipped"))
                return
            }
            var tooDeep: [(name: String, bytes: Int)] = []
            for entry in entries {
                let path = ProjectPath.join(folder, entry.name)
                let absolute = reader.absolute(path)
                let readable = entry.kind == nil || entry.kind == .directory || entry.name.hasSuffix(".swift")
                if !entry.isUTF8 {
                    if readable { diagnostics.append(PathLimits.notUTF8(path, isFolder: entry.kind == .directory)) }
                    continue
                }
                if absolute.utf8.count >= FileSystem.pathLimit {
                    if readable { tooDeep.append((entry.name, absolute.utf8.count)) }
                    continue
                }
                var kind = entry.kind
                var isLink = false
                if kind == nil {
                    isLink = FileSystem.isSymbolicLink(absolute)
                    guard let status = FileSystem.status(absolute) else {
                        diagnostics.append(.warning(SourceLocation(path: path), "broken symbolic link; skipped"))
                        continue
                    }
                    kind = status.kind
                    if isLink, kind == .directory || entry.name.hasSuffix(".swift"),
                        let real = reader.projectRoot.escape(absolute: absolute)
                    {
                        diagnostics.append(
                            .warning(
                                SourceLocation(path: path),
                                "skipped: symlink to \(real), which is outside the project root"))
                        continue
                    }
                }
                switch kind {
                case .directory?:
                    guard let status = FileSystem.status(absolute) else { continue }
                    guard visited.insert(status.id.key).inserted else {
                        let what = isLink ? "a symbolic link to a folder already scanned" : "a folder already scanned"
                        diagnostics.append(
                            .warning(
                                SourceLocation(path: path),
                                "\(what) (a cycle or a second link); skipped so no task is found twice"))
                        continue
                    }
                    walk(path)
                case .file? where entry.name.hasSuffix(".swift"):
                    files.append(path)
                case .other? where entry.name.hasSuffix(".swift"):
                    diagnostics.append(
                        .warning(
                            SourceLocation(path: path),
                            "not a regular file (a FIFO, socket or device); skipped without reading it"))
                default:
                    continue
                }
            }
            if let first = tooDeep.first {
                diagnostics.append(PathLimits.tooDeep(folder, first: first.name, bytes: first.bytes, more: tooDeep.count - 1))
            }
        }
    }
}
