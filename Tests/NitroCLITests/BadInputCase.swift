import Foundation
import Testing
import NitroJSON

/// One case of the bad-input corpus (`Fixtures/bad-input/<kind>/<name>/case.json`): a project
/// (a base app, files overlaid from `project/`, a generated input) and one `nitro` invocation
/// with the exit status and the diagnostics it must print. See Fixtures/bad-input/README.md.
struct BadInputCase: Sendable, CustomTestStringConvertible {
    /// `config/not-an-object`.
    let id: String
    let folder: String
    let about: String
    /// `Fixtures/bad-input/_base/<base>` copied first.
    let base: String?
    /// Paths removed from the copy of the base.
    let remove: [String]
    /// A generated input (``BadInputSetup``).
    let setup: String?
    /// Run `nitro build` once (C locale) before the snapshot, so the case run has output to leave alone.
    let prebuild: Bool
    let arguments: [String]
    let environment: [String: String]
    let exit: Int32
    /// Substrings stderr must contain (`{root}` is the project's absolute path).
    let stderr: [String]
    let stdout: [String]
    /// `nobody`: run as an unprivileged user (root reads files whatever their mode).
    let user: String?
    /// How many runs (the disappearing-file race).
    let runs: Int

    var testDescription: String { id }

    static let corpus = RepositoryPaths.root + "/Fixtures/bad-input"

    /// Every case with a `case.json` but the HTTP ones, sorted by id.
    static let all: [BadInputCase] = caseFolders().filter { !$0.hasPrefix("http/") }.map(load)

    /// `kind/name` of every case folder, sorted.
    static func caseFolders() -> [String] {
        let manager = FileManager.default
        var result: [String] = []
        for kind in (try? manager.contentsOfDirectory(atPath: corpus)) ?? [] where !kind.hasPrefix("_") {
            for name in (try? manager.contentsOfDirectory(atPath: corpus + "/" + kind)) ?? []
            where manager.fileExists(atPath: "\(corpus)/\(kind)/\(name)/case.json") {
                result.append(kind + "/" + name)
            }
        }
        return result.sorted()
    }

    static func json(_ id: String) -> JSONValue {
        let path = "\(corpus)/\(id)/case.json"
        guard let data = FileManager.default.contents(atPath: path), let value = try? JSONReader.parse(Array(data)) else {
            fatalError("\(path) is missing or not JSON")
        }
        return value
    }

    static func load(_ id: String) -> BadInputCase {
        let value = json(id)
        func strings(_ key: String) -> [String] { value[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        var environment: [String: String] = [:]
        for (key, item) in value["environment"]?.objectValue ?? [:] { environment[key] = item.stringValue }
        return BadInputCase(
            id: id, folder: "\(corpus)/\(id)", about: value["about"]?.stringValue ?? "",
            base: value["base"]?.stringValue, remove: strings("remove"), setup: value["setup"]?.stringValue,
            prebuild: value["prebuild"]?.boolValue ?? false, arguments: strings("arguments"), environment: environment,
            exit: Int32(value["exit"]?.intValue ?? -1), stderr: strings("stderr"), stdout: strings("stdout"),
            user: value["user"]?.stringValue, runs: value["repeat"]?.intValue ?? 1)
    }

    /// Builds the case's project in `root`: base, removals, overlay, generated input.
    func prepare(in root: String) throws -> BadInputSetup.Cleanup? {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        if let base { try FileTree.copy("\(Self.corpus)/_base/\(base)", to: root) }
        for path in remove { try FileManager.default.removeItem(atPath: root + "/" + path) }
        try Self.overlay(folder + "/project", on: root)
        guard let setup else { return nil }
        return try BadInputSetup.run(setup, in: root)
    }

    /// Copies the files under `source` into `destination`, replacing files of the same path.
    static func overlay(_ source: String, on destination: String) throws {
        let manager = FileManager.default
        guard let relatives = manager.enumerator(atPath: source)?.allObjects as? [String] else { return }
        for relative in relatives.sorted() {
            let from = source + "/" + relative
            let to = destination + "/" + relative
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: from, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            try manager.createDirectory(
                atPath: (to as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if manager.fileExists(atPath: to) { try manager.removeItem(atPath: to) }
            try manager.copyItem(atPath: from, toPath: to)
        }
    }
}

/// An HTTP case of the corpus (`Fixtures/bad-input/http/<name>/`): the request bytes
/// (`request.http`, or generated) and the status and message the development server answers.
struct BadRequestCase: Sendable, CustomTestStringConvertible {
    let id: String
    let about: String
    let status: Int
    let message: String
    let request: [UInt8]

    var testDescription: String { id }

    static let all: [BadRequestCase] = BadInputCase.caseFolders().filter { $0.hasPrefix("http/") }.map { id in
        let value = BadInputCase.json(id)
        let bytes: [UInt8]
        if let setup = value["setup"]?.stringValue {
            bytes = BadInputSetup.request(setup)
        } else {
            bytes = Array(FileManager.default.contents(atPath: "\(BadInputCase.corpus)/\(id)/request.http") ?? Data())
        }
        return BadRequestCase(
            id: id, about: value["about"]?.stringValue ?? "", status: value["status"]?.intValue ?? 0,
            message: value["message"]?.stringValue ?? "", request: bytes)
    }
}
