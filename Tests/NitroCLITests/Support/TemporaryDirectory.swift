import Foundation

/// A fresh folder under the system's temporary directory, removed when the value goes away.
final class TemporaryDirectory: Sendable {
    let path: String

    init(_ prefix: String = "nitro-test") throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.resolvingSymlinksInPath().path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// `path/relative`.
    func appending(_ relative: String) -> String { path + "/" + relative }

    /// Writes a text file, creating its folders.
    func write(_ relative: String, _ text: String) throws {
        let target = appending(relative)
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: target))
    }

    /// Reads a file's text, or `nil` when it does not exist.
    func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: appending(relative)).map { String(decoding: $0, as: UTF8.self) }
    }
}
