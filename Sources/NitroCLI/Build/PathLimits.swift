import NitroBuild

/// The findings for task-folder entries the system cannot open by name: beyond its path limit
/// (`PATH_MAX`), or with a name that is not UTF-8. Both are errors: a task silently missing from
/// the registry is worse than a failed build (Docs/Diagnostics.md, "Paths").
enum PathLimits {
    /// The longest root-relative path or name shown in full; longer ones keep their start and end.
    static let shownLength = 100

    /// `Sources/App/tasks/dddd…dddd/leaf` for a path longer than ``shownLength`` characters.
    static func shortened(_ path: String) -> String {
        guard path.count > shownLength else { return path }
        let half = shownLength / 2 - 1
        return String(path.prefix(half)) + "…" + String(path.suffix(half))
    }

    /// `folder`'s entries (`first` and `more` others) whose absolute paths are `bytes` long or
    /// longer, beyond the limit; reported at the folder, shortened.
    static func tooDeep(_ folder: String, first: String, bytes: Int, more: Int) -> Diagnostic {
        let others = more == 0 ? "" : more == 1 ? " (and 1 more entry)" : " (and \(more) more entries)"
        return .error(
            SourceLocation(path: shortened(folder)),
            "`\(shortened(first))`\(others) in this folder, \(folder.split(separator: "/").count) folders deep, cannot be read: "
                + "its absolute path would be \(bytes) bytes, "
                + "beyond the system's limit (PATH_MAX, \(FileSystem.pathLimit) bytes), so its tasks would be missing "
                + "from the registry (and swiftc could not open them): move them closer to the project root")
    }

    /// A name that is not UTF-8, `path` showing its bad bytes as `\xHH`.
    static func notUTF8(_ path: String, isFolder: Bool) -> Diagnostic {
        .error(
            SourceLocation(path: path),
            isFolder
                ? #"this folder name is not UTF-8 (the bad bytes are shown as \xHH); task names, which include folder names, must be UTF-8: rename it"#
                : #"this file name is not UTF-8 (the bad bytes are shown as \xHH); task names must be UTF-8: rename it"#)
    }
}
