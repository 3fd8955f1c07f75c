import Foundation

/// Whole lines to standard output and standard error.
enum AppOutput {
    /// Through the C `stdout` stream that tasks' `print` uses too, so the result comes after
    /// what the task printed (the stream is flushed when the process exits).
    static func out(_ text: String) {
        print(text)
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
