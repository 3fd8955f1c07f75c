import Foundation

/// Where things are in this repository, found from this file's own path (works for any
/// scratch path and any working directory).
enum RepositoryPaths {
    /// The repository root (the folder holding Package.swift).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // Support, NitroCLITests, Tests, file
        return url.path
    }()

    /// `Fixtures/<name>` as an absolute path.
    static func fixture(_ name: String) -> String {
        root + "/Fixtures/" + name
    }
}
