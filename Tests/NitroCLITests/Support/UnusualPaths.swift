import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Files no ordinary API makes: trees deeper than the system's path limit (built and removed
/// with `openat`/`mkdirat`/`unlinkat`, so no long path is ever passed to the kernel) and file
/// names that are not UTF-8 (Swift strings cannot hold them).
enum UnusualPaths {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The name of each folder of ``deepTree(in:bytes:)``.
    static let deepName = String(repeating: "d", count: 100)

    /// Nests ``deepName`` folders under `folder` until the absolute path passes `bytes`, then
    /// writes `leaf.swift` (a task) at the bottom. Returns the depth.
    @discardableResult
    static func deepTree(in folder: String, bytes: Int) throws -> Int {
        var fd = open(folder, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { throw Failure(description: "open \(folder): errno \(errno)") }
        var length = folder.utf8.count
        var depth = 0
        while length < bytes {
            guard mkdirat(fd, deepName, 0o755) == 0 else { throw Failure(description: "mkdirat: errno \(errno)") }
            let next = openat(fd, deepName, O_RDONLY | O_DIRECTORY)
            close(fd)
            guard next >= 0 else { throw Failure(description: "openat: errno \(errno)") }
            fd = next
            length += deepName.utf8.count + 1
            depth += 1
        }
        let file = openat(fd, "leaf.swift", O_CREAT | O_WRONLY, 0o644)
        let text = Array("import NitroTasks\n\nlet leaf = defineTask { _ in }\n".utf8)
        _ = text.withUnsafeBytes { write(file, $0.baseAddress!, $0.count) }
        close(file)
        close(fd)
        return depth
    }

    /// Removes `folder` and everything in it, whatever its depth (with `unlinkat`).
    static func removeDeepTree(_ folder: String) {
        let parent = open((folder as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY)
        guard parent >= 0 else { return }
        removeContents(parent, Array((folder as NSString).lastPathComponent.utf8))
        close(parent)
    }

    private static func removeContents(_ parent: Int32, _ name: [UInt8]) {
        let fd = withCString(name) { openat(parent, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW) }
        if fd >= 0, let directory = fdopendir(fd) {
            var names: [[UInt8]] = []
            while let entry = readdir(directory) {
                let child = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
                if child != [0x2E] && child != [0x2E, 0x2E] { names.append(child) }
            }
            for child in names where withCString(child, { unlinkat(dirfd(directory), $0, 0) }) != 0 {
                removeContents(dirfd(directory), child)
            }
            closedir(directory)
        }
        _ = withCString(name) { unlinkat(parent, $0, AT_REMOVEDIR) }
    }

    /// Creates `folder/NAME` from raw bytes (a name that need not be UTF-8) holding `text`.
    static func createFile(named name: [UInt8], in folder: String, text: String) -> Bool {
        let fd = withCString(Array((folder + "/").utf8) + name) { open($0, O_CREAT | O_WRONLY | O_TRUNC, 0o644) }
        guard fd >= 0 else { return false }
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
        close(fd)
        return true
    }

    /// Creates the folder `folder/NAME` from raw bytes.
    static func createFolder(named name: [UInt8], in folder: String) -> Bool {
        withCString(Array((folder + "/").utf8) + name) { mkdir($0, 0o755) } == 0
    }

    /// Removes `folder/NAME` (raw bytes).
    static func removeFile(named name: [UInt8], in folder: String) {
        _ = withCString(Array((folder + "/").utf8) + name) { unlink($0) }
    }

    private static func withCString<T>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        (bytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }
}
