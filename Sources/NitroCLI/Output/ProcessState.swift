#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The environment and working folder of this process, read from the C library: `ProcessInfo`
/// and `FileManager` would first set themselves up, which costs a short command such as
/// `nitro build --check` a noticeable part of its time.
package enum ProcessState {
    /// Every `NAME=value` of `environ`; of a name given twice, the first (as `getenv` finds it).
    package static var environment: [String: String] {
        var result: [String: String] = [:]
        guard var entry = Optional(environ) else { return result }
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.utf8.firstIndex(of: UInt8(ascii: "=")) {
                let name = String(text[..<equals])
                if result[name] == nil { result[name] = String(text[text.index(after: equals)...]) }
            }
            entry += 1
        }
        return result
    }

    /// The working folder (`getcwd`), or `.` when it cannot be read (it was removed).
    package static var currentDirectory: String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
