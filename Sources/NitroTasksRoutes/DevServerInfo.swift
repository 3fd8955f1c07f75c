import NitroJSON

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The info file a running development server writes (`.nitro/dev.json`) so that `nitro task`
/// can find it: `{"host": "127.0.0.1", "pid": 4242, "port": 51234, "url": "http://127.0.0.1:51234"}`.
package struct DevServerInfo: Sendable, Equatable {
    /// The server's process.
    package var pid: Int
    /// The address it listens on.
    package var host: String
    /// The port it listens on.
    package var port: Int

    package init(pid: Int, host: String, port: Int) {
        self.pid = pid
        self.host = host
        self.port = port
    }

    /// The base URL (`http://127.0.0.1:51234`; IPv6 hosts in brackets; a wildcard host as loopback).
    package var url: String {
        let reachable = host == "0.0.0.0" ? "127.0.0.1" : (host == "::" ? "::1" : host)
        return reachable.contains(":") ? "http://[\(reachable)]:\(port)" : "http://\(reachable):\(port)"
    }

    /// The file's JSON.
    package var json: JSONValue {
        ["pid": .number(Double(pid)), "host": .string(host), "port": .number(Double(port)), "url": .string(url)]
    }

    /// Reads the file's JSON; `nil` when a member is missing or of the wrong type.
    package init?(json: JSONValue) {
        guard let pid = json["pid"]?.intValue, let host = json["host"]?.stringValue, let port = json["port"]?.intValue
        else { return nil }
        self.init(pid: pid, host: host, port: port)
    }

    /// Why the file could not be written: the system call and its error.
    package struct WriteError: Error, Sendable, CustomStringConvertible {
        package let call: String
        package let reason: String
        package var description: String { "\(call) failed: \(reason)" }

        init(_ call: String) {
            self.call = call
            self.reason = String(cString: strerror(errno))
        }
    }

    /// Writes the file atomically (a temporary file renamed over it), creating its folder.
    package func write(to path: String) throws(WriteError) {
        let folder = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !folder.isEmpty { makeFolders(folder) }
        let bytes = Array(JSONWriter.pretty(json).utf8)
        let temporary = "\(path).\(pid).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError("open \(temporary)") }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                let error = WriteError("write \(temporary)")
                systemClose(fd)
                unlink(temporary)
                throw error
            }
            offset += written
        }
        systemClose(fd)
        guard rename(temporary, path) == 0 else {
            let error = WriteError("rename \(temporary)")
            unlink(temporary)
            throw error
        }
    }

    /// Removes the file at `path` if it still describes this process (a newer server may own it).
    package static func remove(at path: String, pid: Int) {
        guard let bytes = readFile(path), let json = try? JSONReader.parse(bytes), let info = DevServerInfo(json: json),
            info.pid == pid
        else { return }
        unlink(path)
    }

    private static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { systemClose(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > 1 << 20 { return nil }
        }
        return bytes
    }

    private func makeFolders(_ folder: String) {
        var path = folder.hasPrefix("/") ? "" : "."
        for component in folder.split(separator: "/") {
            path += "/" + component
            mkdir(path, 0o755)
        }
    }
}

/// The C library's `write` and `close` (free functions, so that a type's own `write` does not hide them).
private func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, pointer, count)
}

private func systemClose(_ fd: Int32) {
    _ = close(fd)
}
