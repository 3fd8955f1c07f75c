import NitroSync

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
///
/// Progress lines (``progress(_:)``) are transient: shown on stderr only when it is a terminal,
/// `TERM` is not `dumb` and `CI` is unset, each replacing the previous, and erased before the next
/// ordinary line, so logs and CI output never contain them.
package final class Console: Sendable {
    package enum ColorMode: String, Sendable { case auto, always, never }

    package let useColor: Bool
    /// Whether ``progress(_:)`` prints anything.
    package let showsProgress: Bool
    /// Whether a progress line is on screen (guarded by the lock).
    private let lock = Locked(false)

    private let outputDescriptor: Int32
    private let errorDescriptor: Int32

    package convenience init(colorMode: ColorMode = .auto, environment: [String: String]) {
        let features = Self.features(colorMode: colorMode, environment: environment, stderrIsTerminal: isatty(2) == 1)
        self.init(useColor: features.color, showsProgress: features.progress)
    }

    /// A console with its decisions made, writing to the given descriptors (tests use files).
    package init(useColor: Bool, showsProgress: Bool, outputDescriptor: Int32 = 1, errorDescriptor: Int32 = 2) {
        self.useColor = useColor
        self.showsProgress = showsProgress
        self.outputDescriptor = outputDescriptor
        self.errorDescriptor = errorDescriptor
    }

    /// The rules: colour for `always`; for `auto` only on a terminal whose `TERM` is not `dumb` and
    /// without a non-empty `NO_COLOR`. Progress only on such a terminal and without a non-empty `CI`.
    package static func features(colorMode: ColorMode, environment: [String: String], stderrIsTerminal: Bool)
        -> (color: Bool, progress: Bool)
    {
        let terminal = stderrIsTerminal && environment["TERM"] != "dumb"
        let color: Bool
        switch colorMode {
        case .always: color = true
        case .never: color = false
        case .auto: color = terminal && (environment["NO_COLOR"] ?? "").isEmpty
        }
        return (color, terminal && (environment["CI"] ?? "").isEmpty)
    }

    /// Prints a line on stdout.
    package func out(_ text: String, terminator: String = "\n") {
        write(outputDescriptor, text + terminator)
    }

    /// Prints a line on stderr.
    package func err(_ text: String, terminator: String = "\n") {
        write(errorDescriptor, text + terminator)
    }

    /// Shows `text` as the progress line (replacing the previous one); nothing unless
    /// ``showsProgress``.
    package func progress(_ text: String) {
        guard showsProgress else { return }
        lock.withLock { shown in
            Self.writeAll(errorDescriptor, "\r\u{1B}[2K" + text)
            shown = true
        }
    }

    /// Erases the progress line, if one is shown.
    package func endProgress() {
        guard showsProgress else { return }
        lock.withLock { shown in
            if shown { Self.writeAll(errorDescriptor, "\r\u{1B}[2K") }
            shown = false
        }
    }

    /// Wraps text in an ANSI style when colour is on (`1;31` bold red, `1;33` bold yellow, `1` bold).
    package func style(_ text: String, _ code: String) -> String {
        useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private func write(_ fd: Int32, _ text: String) {
        lock.withLock { shown in
            if shown {
                Self.writeAll(errorDescriptor, "\r\u{1B}[2K")
                shown = false
            }
            Self.writeAll(fd, text)
        }
    }

    private static func writeAll(_ fd: Int32, _ text: String) {
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

private func systemWrite(_ fd: Int32, _ pointer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    write(fd, pointer, count)
}
