#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

import NitroBuild

/// What the build does with the files it generates: compare them with the disk and replace them
/// atomically, piece by piece as their content is produced (``FileContent``), confined to the
/// project root when asked.
extension FileSystem {
    /// Whether the file at `path` holds exactly `expected`: compared piece by piece as the
    /// content is produced, so that checking a 22 MB registry holds neither it nor the file in
    /// memory (false when it cannot be read).
    static func hasContents(_ path: String, _ expected: FileContent) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        var same = true
        var chunk = [UInt8](repeating: 0, count: 65_536)
        expected.forEachPiece { piece in
            var offset = 0
            while same, offset < piece.count {
                let wanted = min(chunk.count, piece.count - offset)
                guard let got = readFully(fd, into: &chunk, count: wanted), got == wanted else {
                    same = false
                    return
                }
                same = chunk.withUnsafeBytes { memcmp($0.baseAddress!, piece.baseAddress! + offset, wanted) == 0 }
                offset += wanted
            }
        }
        // Nothing may follow (the file may also have grown since it was opened).
        return same && readFully(fd, into: &chunk, count: 1) == 0
    }

    /// ``hasContents(_:_:)`` of bytes in memory.
    static func hasContents(_ path: String, _ expected: [UInt8]) -> Bool {
        hasContents(path, FileContent(expected))
    }

    /// Reads until `count` bytes are in `buffer` or the file ends; how many, or `nil` on an error.
    private static func readFully(_ fd: Int32, into buffer: inout [UInt8], count: Int) -> Int? {
        var total = 0
        while total < count {
            let got = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress! + total, count - total) }
            if got < 0 && errno == EINTR { continue }
            if got < 0 { return nil }
            if got == 0 { break }
            total += got
        }
        return total
    }

    /// Writes `bytes` to `path` atomically: a temporary file in the same folder, then `rename`.
    /// Missing folders are created.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(FileSystemError) {
        try writeAtomically(FileContent(bytes), to: path)
    }

    /// ``writeAtomically(_:to:)`` of content produced in pieces (written as produced).
    static func writeAtomically(_ bytes: FileContent, to path: String) throws(FileSystemError) {
        let folder = parent(path)
        try makeDirectories(folder)
        let temporary = folder + "/.\(fileName(path)).nitro-\(getpid()).tmp"
        // Never through a link planted at the temporary name: whatever has this process's name is
        // removed (a link itself, not its target), and the file is created new (O_EXCL, O_NOFOLLOW).
        if exists(temporary) { unlink(temporary) }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        try fill(fd, with: bytes, for: path) { _ = unlink(temporary) }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw FileSystemError(path: path, operation: "replace", code: code)
        }
    }

    /// ``writeAtomically(_:to:)`` confined to `root` (a real path, ``ProjectRoot/real``): the
    /// target is resolved again, must still be inside `root`, and is reached from `root` one real
    /// folder at a time with `openat(O_NOFOLLOW)`, missing folders made with `mkdirat`, the
    /// temporary file created with `O_EXCL | O_NOFOLLOW` and renamed with `renameat`, all
    /// relative to that folder. So a link swapped in after the build checked its paths makes the
    /// write fail instead of landing outside the root.
    static func writeAtomically(_ bytes: [UInt8], to path: String, confinedTo root: String) throws(FileSystemError) {
        try writeAtomically(FileContent(bytes), to: path, confinedTo: root)
    }

    /// ``writeAtomically(_:to:confinedTo:)`` of content produced in pieces (written as produced).
    static func writeAtomically(_ bytes: FileContent, to path: String, confinedTo root: String) throws(FileSystemError) {
        guard let real = resolvedPath(path) else { throw FileSystemError(path: path, operation: "resolve", code: ELOOP) }
        // Bytes, not characters: paths are byte strings, and canonically equivalent names are different files.
        guard root != "/", real.utf8.starts(with: (root + "/").utf8) else {
            if root == "/" { return try writeAtomically(bytes, to: path) }
            throw FileSystemError(
                path: path, operation: "write", code: 0,
                reason: "it now leads to \(real), outside the project root (a symbolic link changed during the build)")
        }
        let segments = real.utf8.dropFirst(root.utf8.count + 1).split(separator: UInt8(ascii: "/")).map {
            String(decoding: $0, as: UTF8.self)
        }
        guard let name = segments.last else { throw FileSystemError(path: path, operation: "write", code: EISDIR) }
        var folder = open(root, directorySearch | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { throw FileSystemError(path: path, operation: "create a temporary file for", code: errno) }
        defer { close(folder) }
        var reached = root
        for segment in segments.dropLast() {
            reached += "/" + segment
            var next = openat(folder, segment, directorySearch | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if next < 0 && errno == ENOENT {
                if mkdirat(folder, segment, 0o755) != 0 && errno != EEXIST {
                    throw FileSystemError(path: reached, operation: "create the folder", code: errno)
                }
                next = openat(folder, segment, directorySearch | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            guard next >= 0 else { throw FileSystemError(path: path, operation: "create a temporary file for", code: errno) }
            close(folder)
            folder = next
        }
        let temporary = ".\(name).nitro-\(getpid()).tmp"
        unlinkat(folder, temporary, 0)  // whatever has this process's name: a link itself, not its target
        let fd = openat(folder, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        try fill(fd, with: bytes, for: path) { _ = unlinkat(folder, temporary, 0) }
        guard renameat(folder, temporary, folder, name) == 0 else {
            let code = errno
            unlinkat(folder, temporary, 0)
            throw FileSystemError(path: path, operation: "replace", code: code)
        }
    }

    /// What ``writeAtomically(_:to:)`` and ``writeAtomically(_:to:confinedTo:)`` share: `fd`, the
    /// temporary file just created for `path` (negative when creating it failed), receives all of
    /// `bytes`, is flushed and closed. On a failure `fd` is closed, `removeTemporary` removes the
    /// temporary file, and the error for `path` is thrown.
    private static func fill(
        _ fd: Int32, with content: FileContent, for path: String, removeTemporary: () -> Void
    ) throws(FileSystemError) {
        guard fd >= 0 else { throw FileSystemError(path: path, operation: "create a temporary file for", code: errno) }
        var failure: Int32?
        content.forEachPiece { piece in
            var offset = 0
            while failure == nil, offset < piece.count {
                let written = write(fd, piece.baseAddress! + offset, piece.count - offset)
                if written < 0 {
                    if errno != EINTR { failure = errno }
                    continue
                }
                offset += written
            }
        }
        if let failure {
            close(fd)
            removeTemporary()
            throw FileSystemError(path: path, operation: "write", code: failure)
        }
        if fsync(fd) != 0 && errno != EINVAL {
            let code = errno
            close(fd)
            removeTemporary()
            throw FileSystemError(path: path, operation: "flush", code: code)
        }
        close(fd)
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
}

#if os(Linux)
    /// `O_PATH` (its value on x86_64 and arm64; Glibc does not export it to Swift): a folder
    /// opened only to look names up in it needs search permission, not read permission.
    private let directorySearch: Int32 = 0o10000000
#else
    private let directorySearch: Int32 = O_RDONLY
#endif
