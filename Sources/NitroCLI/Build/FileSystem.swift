#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

import NitroBuild

/// The few POSIX file operations the build edge needs, without Foundation's overhead.
enum FileSystem {
    /// A file's identity, for detecting symbolic-link cycles.
    struct FileID {
        var device: UInt64
        var inode: UInt64

        /// `device:inode`, to keep in a `Set<String>`: a set of a type of its own would cost a
        /// short command a protocol conformance lookup (a scan of every loaded library) at first use.
        var key: String { "\(device):\(inode)" }
    }

    enum Kind {
        case file, directory, other
    }

    /// Kind and identity of `path`, following symbolic links; `nil` when it does not exist.
    static func status(_ path: String) -> (kind: Kind, id: FileID)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let type = info.st_mode & S_IFMT
        let kind: Kind = type == S_IFDIR ? .directory : type == S_IFREG ? .file : .other
        return (kind, FileID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
    }

    static func isDirectory(_ path: String) -> Bool { status(path)?.kind == .directory }

    /// Whether a directory entry named `path` exists (a broken or looping link counts).
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// The system's text for the current `errno`.
    static func lastErrorText() -> String { String(cString: strerror(errno)) }

    /// The current `errno` as text, and whether it says the file is not there (any more).
    static func lastError() -> (missing: Bool, text: String) {
        let code = errno
        return (code == ENOENT, String(cString: strerror(code)))
    }

    static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        return info.st_mode & S_IFMT == S_IFLNK
    }

    /// One name in a folder, as ``entries(_:)`` lists it.
    struct Entry {
        /// The name; when it is not UTF-8, with each bad byte escaped (``PrintableText/escape(bytes:)``),
        /// so it names no file on disk.
        var name: String
        /// The kind when the folder entry tells it (`nil`: a symbolic link or unknown, to be looked up);
        /// for a name that is not UTF-8, looked up here (following links; `nil` when that fails).
        var kind: Kind?
        /// Whether the name is UTF-8 (otherwise ``name`` cannot be used to open it).
        var isUTF8: Bool
    }

    /// The names in a folder (without `.` and `..`), sorted by bytes.
    static func entries(_ path: String) -> [Entry]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var result: [(bytes: [UInt8], entry: Entry)] = []
        while let entry = readdir(directory) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix(while: { $0 != 0 })) }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            var kind: Kind?
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_REG): kind = .file
            case Int32(DT_LNK), Int32(DT_UNKNOWN): kind = nil
            default: kind = .other
            }
            let isUTF8 = UTF8Validation.firstInvalidOffset(bytes) == nil
            let name: String
            if isUTF8 {
                name = String(decoding: bytes, as: UTF8.self)
            } else {
                name = PrintableText.escape(bytes: bytes)
                if kind == nil {
                    var info = stat()
                    let found = (bytes + [0]).withUnsafeBufferPointer { buffer in
                        buffer.withMemoryRebound(to: CChar.self) { fstatat(dirfd(directory), $0.baseAddress!, &info, 0) }
                    }
                    if found == 0 {
                        let type = info.st_mode & S_IFMT
                        kind = type == S_IFDIR ? .directory : type == S_IFREG ? .file : .other
                    }
                }
            }
            result.append((bytes, Entry(name: name, kind: kind, isUTF8: isUTF8)))
        }
        return result.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }.map(\.entry)
    }

    /// The longest path the system opens, in bytes with the final NUL (`PATH_MAX`: 4096 on Linux).
    static let pathLimit = Int(PATH_MAX)

    /// `path` with every symbolic link resolved (`realpath`); `nil` when some part does not exist
    /// or cannot be resolved.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Where the absolute `path` leads: its real path, or for a path that does not exist (yet),
    /// the real path of its nearest existing ancestor followed by the rest. A dangling link is
    /// followed to where it points, as `open(O_CREAT)` would. `nil` when it cannot be resolved
    /// (a link loop, no permission): then the system cannot open it either.
    static func resolvedPath(_ path: String) -> String? {
        var current = path
        var rest: [String] = []
        var hops = 0
        while true {
            if let real = realPath(current) {
                return rest.isEmpty ? real : absolute(rest.reversed().joined(separator: "/"), from: real)
            }
            let code = errno
            var info = stat()
            if lstat(current, &info) == 0 {
                // It exists but does not resolve: a dangling link (followed), a loop, no permission.
                guard info.st_mode & S_IFMT == S_IFLNK, code == ENOENT, hops < 40,
                    let target = linkTarget(current), let folder = realPath(parent(current))
                else { return nil }
                hops += 1
                current = target.hasPrefix("/") ? target : folder + "/" + target
                continue
            }
            if current == "/" || current.isEmpty { return nil }
            rest.append(fileName(current))
            current = parent(current)
        }
    }

    /// A symbolic link's target as written.
    static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: pathLimit + 1)
        let count = readlink(path, &buffer, pathLimit)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A whole file's bytes; `nil` when it cannot be opened.
    ///
    /// Read in 64 KiB pieces until the end (a read that returns nothing), with no `fstat` first:
    /// a task file takes one read and the one that finds the end, three system calls with the
    /// open and close, not five.
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 65_536) { chunk in
            while true {
                let got = systemRead(fd, chunk.baseAddress!, chunk.count)
                if got < 0 && errno == EINTR { continue }
                if got <= 0 { break }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[0..<got]))
            }
        }
        return bytes
    }

    static func makeDirectories(_ path: String) throws(FileSystemError) {
        if path.isEmpty || isDirectory(path) { return }
        try makeDirectories(parent(path))
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw FileSystemError(path: path, operation: "create the folder", code: errno)
        }
    }

    static func parent(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return slash == path.utf8.startIndex ? "/" : String(path[..<slash])
    }

    static func fileName(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `path` made absolute against `base` and cleaned of `.`/`..` segments.
    static func absolute(_ path: String, from base: String) -> String {
        // On bytes: splitting into substrings and joining them looks up protocol conformances
        // at first use, which a short command such as `nitro build --check` feels.
        let joined = Array((path.hasPrefix("/") ? path : base + "/" + path).utf8)
        var result: [UInt8] = []
        var segmentStarts: [Int] = []
        var index = 0
        while index < joined.count {
            while index < joined.count, joined[index] == UInt8(ascii: "/") { index += 1 }
            let start = index
            while index < joined.count, joined[index] != UInt8(ascii: "/") { index += 1 }
            let count = index - start
            if count == 0 || (count == 1 && joined[start] == UInt8(ascii: ".")) { continue }
            if count == 2, joined[start] == UInt8(ascii: "."), joined[start + 1] == UInt8(ascii: ".") {
                if let last = segmentStarts.popLast() { result.removeLast(result.count - last) }
                continue
            }
            segmentStarts.append(result.count)
            result.append(UInt8(ascii: "/"))
            result.append(contentsOf: joined[start..<index])
        }
        return result.isEmpty ? "/" : String(decoding: result, as: UTF8.self)
    }
}

func systemRead(_ fd: Int32, _ pointer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, pointer, count)
}

/// A file operation failed: which file, what was attempted, the system's reason (or ours).
struct FileSystemError: Error, CustomStringConvertible {
    var path: String
    var operation: String
    var code: Int32
    var reason: String? = nil

    var description: String {
        "could not \(operation) \(path): \(reason ?? String(cString: strerror(code)))"
    }
}
