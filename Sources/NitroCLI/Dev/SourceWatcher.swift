import NitroBuild

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Notices changes to a project's sources by comparing snapshots of modification times and
/// sizes (polling works everywhere, also on network and container file systems).
///
/// Watched: `Package.swift`, the config files, everything under `Sources/` and a root `tasks/`
/// folder, except hidden entries, `.build` folders and generated files (`*.generated.swift`,
/// which `nitro dev` itself rewrites).
struct SourceWatcher {
    /// Path → (modification time in nanoseconds, size).
    typealias Snapshot = [String: FileStamp]

    struct FileStamp: Equatable {
        let modified: Int64
        let size: Int64
    }

    let root: String
    var maximumFiles = 50_000

    func snapshot() -> Snapshot {
        var files: Snapshot = [:]
        for name in ["Package.swift"] + ConfigReader.fileNames {
            if let stamp = stamp(root + "/" + name) { files[name] = stamp }
        }
        for folder in ["Sources", "tasks"] { walk(folder, into: &files) }
        return files
    }

    /// The paths that were added, removed or changed between two snapshots, sorted.
    static func changes(from old: Snapshot, to new: Snapshot) -> [String] {
        var changed = Set<String>()
        for (path, stamp) in new where old[path] != stamp { changed.insert(path) }
        for path in old.keys where new[path] == nil { changed.insert(path) }
        return changed.sorted()
    }

    private func walk(_ relative: String, into files: inout Snapshot) {
        guard files.count < maximumFiles, let directory = opendir(root + "/" + relative) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") || name.hasSuffix(".generated.swift") { continue }
            let path = relative + "/" + name
            var info = stat()
            guard stat(root + "/" + path, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                walk(path, into: &files)
            } else if (info.st_mode & S_IFMT) == S_IFREG {
                files[path] = FileStamp(info)
            }
        }
    }

    private func stamp(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileStamp(info)
    }
}

extension SourceWatcher.FileStamp {
    init(_ info: stat) {
        #if canImport(Darwin)
            let time = info.st_mtimespec
        #else
            let time = info.st_mtim
        #endif
        self.init(modified: Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec), size: Int64(info.st_size))
    }
}
