import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the tool prints: stdout for results, stderr for diagnostics and progress.
///
/// Colour is used only when asked (`--color always`) or when stderr is a terminal and `NO_COLOR`
/// is unset (`--color auto`, the default).
package final class Console: Sendable {
    package enum ColorMode: String, Sendable { case auto, always, never }

    package let useColor: Bool
    private let lock = Mutex(())

    package init(colorMode: ColorMode = .auto, environment: [String: String]) {
        switch colorMode {
        case .always: useColor = true
        case .never: useColor = false
        case .auto:
            let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            useColor = !noColor && isatty(2) == 1 && environment["TERM"] != "dumb"
        }
    }

    /// Prints a line on stdout.
    package func out(_ text: String, terminator: String = "\n") {
        write(1, text + terminator)
    }

    /// Prints a line on stderr.
    package func err(_ text: String, terminator: String = "\n") {
        write(2, text + terminator)
    }

    /// Wraps text in an ANSI style when colour is on (`1;31` bold red, `1;33` bold yellow, `1` bold).
    package func style(_ text: String, _ code: String) -> String {
        useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private func write(_ fd: Int32, _ text: String) {
        lock.withLock { _ in
            var bytes = Array(text.utf8)
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeMutableBytes { buffer in
                    systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                }
                if written <= 0 {
                    if written < 0 && errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}

private func systemWrite(_ fd: Int32, _ pointer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    write(fd, pointer, count)
}
