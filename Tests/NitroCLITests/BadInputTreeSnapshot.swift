import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Everything observable about a folder tree, without following links: each entry's type, mode,
/// modification time (nanoseconds), size, a regular file's bytes and a link's target. Equal
/// snapshots before and after a command prove it changed nothing, not even by rewriting a file
/// with the same bytes or creating and removing a temporary file (both move a folder's mtime).
struct TreeSnapshot: Equatable {
    struct Entry: Equatable {
        var kind: UInt32
        var mode: UInt32
        var modified: Int
        var size: Int
        var contents: Data?
        var link: String?
    }

    var entries: [String: Entry] = [:]

    /// Snapshots `root`; `ignoring` lists root-relative paths left out (files a test changes on purpose).
    /// Iterative, so that a tree 1,000 folders deep does not exhaust a thread's stack.
    init(_ root: String, ignoring: Set<String> = []) {
        var pending = [(path: root, relative: "")]
        while let (path, relative) = pending.popLast() {
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let kind = UInt32(info.st_mode) & UInt32(S_IFMT)
            if !ignoring.contains(relative) {
                var entry = Entry(
                    kind: kind, mode: UInt32(info.st_mode) & 0o7777,
                    modified: Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec),
                    size: Int(info.st_size))
                if kind == UInt32(S_IFREG), info.st_mode & S_IRUSR != 0 {
                    entry.contents = FileManager.default.contents(atPath: path)
                }
                if kind == UInt32(S_IFLNK) { entry.link = try? FileManager.default.destinationOfSymbolicLink(atPath: path) }
                entries[relative] = entry
            }
            guard kind == UInt32(S_IFDIR), let directory = opendir(path) else { continue }
            while let item = readdir(directory) {
                let name = withUnsafeBytes(of: item.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name != "." && name != ".." {
                    pending.append((path + "/" + name, relative.isEmpty ? name : relative + "/" + name))
                }
            }
            closedir(directory)
        }
    }

    /// What differs, for a failure message.
    func differences(from other: TreeSnapshot) -> [String] {
        let keys = Set(entries.keys).union(other.entries.keys).sorted()
        return keys.compactMap { key in
            switch (entries[key], other.entries[key]) {
            case (nil, _?): return "created \(key)"
            case (_?, nil): return "removed \(key)"
            case (let a?, let b?) where a != b:
                return "changed \(key)" + (a.contents != b.contents ? " (bytes)" : a.modified != b.modified ? " (mtime)" : "")
            default: return nil
            }
        }
    }
}
