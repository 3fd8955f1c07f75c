#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few POSIX file operations the build edge needs, without Foundation's overhead.
enum FileSystem {
    /// A file's identity, for detecting symbolic-link cycles.
    struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64
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

    /// The names in a folder (without `.` and `..`) with their kind when the folder entry tells it
    /// (`nil`: a symbolic link or unknown, to be looked up), sorted by bytes.
    static func entries(_ path: String) -> [(name: String, kind: Kind?)]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var result: [(name: String, kind: Kind?)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let kind: Kind?
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_REG): kind = .file
            case Int32(DT_LNK), Int32(DT_UNKNOWN): kind = nil
            default: kind = .other
            }
            result.append((name, kind))
        }
        return result.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    /// A whole file's bytes; `nil` when it cannot be opened.
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        let size = max(Int(info.st_size), 0)
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var total = 0
            while total < size {
                let got = systemRead(fd, buffer.baseAddress! + total, size - total)
                if got < 0 && errno == EINTR { continue }
                if got <= 0 { break }
                total += got
            }
            count = total
        }
        // The file may have grown since `fstat`.
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let got = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress!, $0.count) }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { break }
            bytes.append(contentsOf: chunk[0..<got])
        }
        return bytes
    }

    /// Writes `bytes` to `path` atomically: a temporary file in the same folder, then `rename`.
    /// Missing folders are created.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(FileSystemError) {
        let folder = parent(path)
        try makeDirectories(folder)
        let temporary = folder + "/.\(fileName(path)).nitro-\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileSystemError(path: path, operation: "create a temporary file for", code: errno) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(fd)
                unlink(temporary)
                throw FileSystemError(path: path, operation: "write", code: code)
            }
            offset += written
        }
        if fsync(fd) != 0 && errno != EINVAL {
            let code = errno
            close(fd)
            unlink(temporary)
            throw FileSystemError(path: path, operation: "flush", code: code)
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw FileSystemError(path: path, operation: "replace", code: code)
        }
    }

    /// Removes the temporary files that a `nitro build` killed before its `rename` left next to
    /// `path` (`.NAME.nitro-PID.tmp` of a process that no longer runs). Another build running
    /// now keeps its own.
    static func removeStaleTemporaries(for path: String) {
        let folder = parent(path)
        let prefix = ".\(fileName(path)).nitro-"
        for entry in entries(folder) ?? [] where entry.name.hasPrefix(prefix) && entry.name.hasSuffix(".tmp") {
            let digits = entry.name.dropFirst(prefix.count).dropLast(".tmp".count)
            guard let pid = Int32(digits), pid != getpid() else { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue }  // still running
            unlink(folder + "/" + entry.name)
        }
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
        let joined = path.hasPrefix("/") ? path : base + "/" + path
        var segments: [Substring] = []
        for segment in joined.split(separator: "/") {
            if segment == "." { continue }
            if segment == ".." {
                if !segments.isEmpty { segments.removeLast() }
                continue
            }
            segments.append(segment)
        }
        return "/" + segments.joined(separator: "/")
    }
}

private func systemRead(_ fd: Int32, _ pointer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, pointer, count)
}

/// A file operation failed: which file, what was attempted, the system's reason.
struct FileSystemError: Error, CustomStringConvertible {
    var path: String
    var operation: String
    var code: Int32

    var description: String {
        "could not \(operation) \(path): \(String(cString: strerror(code)))"
    }
}
