/// The project root as the file system sees it: every path `nitro build` reads or writes is
/// resolved (symbolic links followed, or for a path that does not exist yet, its nearest existing
/// ancestor) and must stay inside the root's own real path.
struct ProjectRoot {
    /// The absolute root as given (`--root`, or the current folder); paths are built from it.
    let path: String
    /// Its real path (links resolved); the same as ``path`` when it cannot be resolved.
    let real: String

    init(_ path: String) {
        self.path = path
        real = FileSystem.realPath(path) ?? path
    }

    /// `path/relative` (the root itself for `""`).
    func absolute(_ relative: String) -> String {
        relative.isEmpty ? path : path + "/" + relative
    }

    /// Where the root-relative `relative` really leads when that is outside the root; `nil` when
    /// it stays inside (or cannot be resolved at all, so that nothing can be opened through it).
    func escape(_ relative: String) -> String? {
        escape(absolute: absolute(relative))
    }

    /// ``escape(_:)`` for an absolute path.
    func escape(absolute: String) -> String? {
        guard let resolved = FileSystem.resolvedPath(absolute) else { return nil }
        return contains(resolved) ? nil : resolved
    }

    /// Whether the real path `resolved` is the root or inside it, comparing bytes (canonically
    /// equivalent names, `é` composed or not, are different files).
    func contains(_ resolved: String) -> Bool {
        real == "/" || resolved.utf8.elementsEqual(real.utf8) || resolved.utf8.starts(with: (real + "/").utf8)
    }
}
