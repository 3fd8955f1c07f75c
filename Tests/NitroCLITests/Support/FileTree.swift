import Foundation

/// Whole folders as values: copy one (skipping build products), snapshot every file's bytes.
enum FileTree {
    /// Folder names never copied or compared (build products of fixture apps).
    static let skipped: Set<String> = [".build", ".swiftpm", "Package.resolved"]

    /// Copies `source` into `destination` (created), skipping ``skipped``; symbolic links are copied as links.
    static func copy(_ source: String, to destination: String) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: destination, withIntermediateDirectories: true)
        for name in try manager.contentsOfDirectory(atPath: source) where !skipped.contains(name) {
            let from = source + "/" + name
            let to = destination + "/" + name
            var isDirectory: ObjCBool = false
            let attributes = try manager.attributesOfItem(atPath: from)
            if attributes[.type] as? FileAttributeType == .typeSymbolicLink {
                try manager.createSymbolicLink(
                    atPath: to, withDestinationPath: try manager.destinationOfSymbolicLink(atPath: from))
            } else if manager.fileExists(atPath: from, isDirectory: &isDirectory), isDirectory.boolValue {
                try copy(from, to: to)
            } else {
                try manager.copyItem(atPath: from, toPath: to)
            }
        }
    }

    /// Every regular file under `root` (root-relative path → bytes), without following links.
    static func snapshot(_ root: String) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return result }
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if skipped.contains(name) {
                enumerator.skipDescendants()
                continue
            }
            let full = root + "/" + relative
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: full),
                attributes[.type] as? FileAttributeType == .typeRegular,
                let data = FileManager.default.contents(atPath: full)
            else { continue }
            result[relative] = data
        }
        return result
    }
}
