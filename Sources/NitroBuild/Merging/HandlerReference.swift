/// A config task's `handler`: a `.swift` file in the registry's target, or a task that another
/// module provides, written `Module.symbol` (`Module.Namespace.symbol` works too).
package enum HandlerReference: Sendable, Hashable {
    /// Root-relative, normalised path of a `.swift` file.
    case file(String)
    /// `module` is imported by the registry; `path` is the full reference (`Jobs.migrate`).
    case symbol(module: String, path: String)

    /// Reads a handler string; the error explains the accepted forms.
    package static func parse(_ text: String) -> Result<HandlerReference, HandlerSyntaxError> {
        if text.hasSuffix(".swift") {
            guard let path = ProjectPath.normalize(text), !path.isEmpty else {
                return .failure(
                    HandlerSyntaxError(
                        "the handler file `\(text)` must be inside the project root (a path relative to it)"))
            }
            return .success(.file(path))
        }
        let segments = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let names = segments.map(SwiftIdentifier.unescaped)
        guard segments.count >= 2, names.allSatisfy({ $0 != nil }) else {
            var message =
                "\(quoted(text)) is not a handler nitro build understands: write the path of a `.swift` file relative to the project "
                + "root (`./Sources/App/jobs/migrate.swift`), or `Module.symbol` for a task another module provides"
            if [".ts", ".js", ".mjs", ".mts"].contains(where: { text.hasSuffix($0) }) {
                message += " (a TypeScript handler cannot run in a Swift app)"
            }
            return .failure(HandlerSyntaxError(message))
        }
        // As Swift reads it: a keyword needs backticks as the module, and `self`, `Type`, `init`
        // need them after a dot (other keywords may follow a dot as they are).
        var needsBackticks: [String] = []
        let spelled = names.enumerated().map { position, name -> String in
            let (plain, backticked) = name!
            let reserved =
                position == 0
                ? SwiftIdentifier.keywords.contains(plain) : SwiftIdentifier.specialAfterDot.contains(plain)
            if reserved && !backticked { needsBackticks.append(plain) }
            return backticked || reserved ? "`\(plain)`" : plain
        }
        let path = spelled.joined(separator: ".")
        if let word = needsBackticks.first {
            return .failure(
                HandlerSyntaxError(
                    "in the handler \(quoted(text)), `\(word)` is a Swift keyword there, so the generated registry could "
                        + "not refer to it: write it in backticks, \(quoted(path))"))
        }
        let module = names[0]!.name
        if toolchainModules.contains(module) {
            let kind = module == "NitroTasks" ? "the runtime" : "a toolchain module"
            return .failure(
                HandlerSyntaxError(
                    "the handler \(quoted(text)) is not a task: `\(module)` is \(kind), which declares no `TaskDefinition`; "
                        + "`Module.symbol` names a public task (`let sync = defineTask …`) of a module of your package, and a "
                        + "task of the registry's own target is given as the path of its `.swift` file"))
        }
        return .success(.symbol(module: module, path: path))
    }

    /// `text` in backticks for a message; in double ones with spaces when it holds a backtick.
    static func quoted(_ text: String) -> String {
        text.contains("`") ? "`` \(text) ``" : "`\(text)`"
    }

    /// Modules that cannot declare a task, because they do not depend on NitroTasks (the standard
    /// library, Foundation, the platform SDKs, test libraries) or are NitroTasks and its parts.
    static let toolchainModules: Set<String> = [
        "Swift", "_Concurrency", "_StringProcessing", "RegexBuilder", "Synchronization", "Observation", "Distributed",
        "Cxx", "CxxStdlib", "Foundation", "FoundationEssentials", "FoundationInternationalization",
        "FoundationNetworking", "FoundationXML", "CoreFoundation", "Dispatch", "Glibc", "Musl", "Darwin", "WinSDK",
        "Android", "Bionic", "WASILibc", "os", "XCTest", "Testing", "Combine", "SwiftUI", "UIKit", "AppKit",
        "NitroTasks", "NitroCron", "NitroJSON", "NitroSync", "CNitroSystem",
    ]
}

package struct HandlerSyntaxError: Error, Sendable {
    package var message: String
    init(_ message: String) { self.message = message }
}
