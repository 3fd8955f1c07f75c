/// One Swift target of `Package.swift` as far as `nitro build` needs it: its name (the module
/// the registry compiles in) and its folder.
package struct PackageTarget: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable {
        case regular = "target"
        case executable = "executableTarget"
        case test = "testTarget"
    }

    package var name: String
    package var kind: Kind
    /// Root-relative, normalised (`""` for `path: "."`).
    package var path: String
    /// `exclude:`, relative to ``path`` (normalised).
    package var exclude: [String]
    /// `sources:`, relative to ``path`` (normalised); `nil` when not given (everything is a source).
    package var sources: [String]?

    package init(name: String, kind: Kind, path: String, exclude: [String] = [], sources: [String]? = nil) {
        self.name = name
        self.kind = kind
        self.path = path
        self.exclude = exclude
        self.sources = sources
    }

    /// Whether SwiftPM compiles a file at the root-relative `file` in this target (ignoring
    /// deeper targets, which the caller resolves).
    package func compiles(_ file: String) -> Bool {
        guard ProjectPath.isInside(file, path) else { return false }
        let relative = ProjectPath.relative(file, to: path)
        if exclude.contains(where: { ProjectPath.isInside(relative, $0) }) { return false }
        if let sources, !sources.contains(where: { ProjectPath.isInside(relative, $0) }) { return false }
        return true
    }
}

/// What ``PackageManifestReader`` learnt: the targets, or why it could not read them statically.
package enum PackageManifest: Sendable, Hashable {
    case targets([PackageTarget])
    /// The manifest computes what matters (a loop, a variable, a `path:` built at run time):
    /// `nitro build` falls back to the folder holding `tasks/`. The reason names the place.
    case unreadable(String)
}

/// Reads `Package.swift` without running it: the `targets:` array literal of `Package(…)`, each
/// element a `.target` / `.executableTarget` / `.testTarget` call (other kinds are skipped) whose
/// `name:`, `path:`, `exclude:` and `sources:` are string literals or arrays of them. Anything
/// computed where it matters gives up on the whole file (``PackageManifest/unreadable(_:)``).
package enum PackageManifestReader {
    /// SwiftPM's predefined folders, in its order of preference: the first that exists holds the
    /// targets without `path:` (`Sources` when none exists).
    package static let sourceFolders = ["Sources", "Source", "src", "srcs"]
    package static let testFolders = ["Tests", "Sources", "Source", "src", "srcs"]

    /// `existingFolders`: which of ``sourceFolders`` and ``testFolders`` exist at the root.
    package static func read(_ file: SourceFile, existingFolders: Set<String>) -> PackageManifest {
        var parser = Parser(file: file, tokens: SwiftLexer.tokenize(file.bytes))
        return parser.run(existingFolders: existingFolders)
    }

    struct GiveUp: Error {
        var reason: String
    }

    struct Parser {
        let file: SourceFile
        let tokens: [SwiftToken]
        let lines: LineIndex
        var bytes: [UInt8] { file.bytes }

        init(file: SourceFile, tokens: [SwiftToken]) {
            self.file = file
            self.tokens = tokens
            self.lines = LineIndex(file.bytes)
        }

        func place(_ index: Int) -> String {
            let offset = index < tokens.count ? tokens[index].start : bytes.count
            return lines.location(of: offset, in: file.path).description
        }

        mutating func run(existingFolders: Set<String>) -> PackageManifest {
            do {
                let sourceRoot = sourceFolders.first { existingFolders.contains($0) } ?? sourceFolders[0]
                let testRoot = testFolders.first { existingFolders.contains($0) } ?? testFolders[0]
                for token in tokens where token.kind == .directive {
                    throw GiveUp(reason: "\(place(tokens.firstIndex(of: token)!)): `#if` makes the targets conditional")
                }
                var targets: [PackageTarget] = []
                var names: Set<String> = []
                for declaration in try targetDeclarations() {
                    guard var target = try parseTarget(at: declaration) else { continue }
                    if target.path == "\u{0}" {
                        target.path = ProjectPath.join(target.kind == .test ? testRoot : sourceRoot, target.name)
                    }
                    guard names.insert(target.name).inserted else {
                        throw GiveUp(reason: "\(place(declaration)): the target `\(target.name)` is declared twice")
                    }
                    targets.append(target)
                }
                return .targets(targets)
            } catch let giveUp as GiveUp {
                return .unreadable(giveUp.reason)
            } catch {
                return .unreadable("\(file.path): \(error)")
            }
        }

        /// The indices of the `.` tokens that start each element of `Package(…, targets: [ … ])`.
        func targetDeclarations() throws -> [Int] {
            // `package.targets.append(…)`, `package.targets += …`: targets added at run time.
            for index in tokens.indices.dropLast(1)
            where tokens[index].isPunctuation(UInt8(ascii: "."), in: bytes) && tokens[index + 1].is("targets", in: bytes) {
                throw GiveUp(reason: "\(place(index + 1)): the targets are changed after `Package(…)`")
            }
            guard
                let call = tokens.indices.dropLast().first(where: {
                    tokens[$0].is("Package", in: bytes) && tokens[$0 + 1].isPunctuation(UInt8(ascii: "("), in: bytes)
                        && ($0 == 0 || !tokens[$0 - 1].isPunctuation(UInt8(ascii: "."), in: bytes))
                })
            else { throw GiveUp(reason: "\(file.path): no `Package(…)` call") }
            let arguments = try self.arguments(openingAt: call + 1)
            guard let targets = arguments.first(where: { $0.label == "targets" }) else { return [] }
            guard targets.range.count >= 2, tokens[targets.range.lowerBound].isPunctuation(UInt8(ascii: "["), in: bytes),
                closing(of: targets.range.lowerBound) == targets.range.upperBound - 1
            else {
                throw GiveUp(reason: "\(place(targets.range.lowerBound)): `targets:` is not an array literal")
            }
            var result: [Int] = []
            for element in try elements(ofArrayAt: targets.range.lowerBound) {
                let first = element.lowerBound
                guard element.count >= 3, tokens[first].isPunctuation(UInt8(ascii: "."), in: bytes),
                    tokens[first + 1].kind == .identifier, tokens[first + 2].isPunctuation(UInt8(ascii: "("), in: bytes),
                    closing(of: first + 2) == element.upperBound - 1
                else {
                    throw GiveUp(reason: "\(place(first)): this element of `targets:` is computed")
                }
                result.append(first)
            }
            return result
        }

        /// `nil` for target kinds that hold no Swift tasks (`.plugin`, `.macro`, `.binaryTarget`, …).
        func parseTarget(at dot: Int) throws -> PackageTarget? {
            guard let kind = PackageTarget.Kind(rawValue: tokens[dot + 1].text(in: bytes)) else { return nil }
            var name: String?
            var path: String?
            var exclude: [String] = []
            var sources: [String]?
            for argument in try arguments(openingAt: dot + 2) {
                switch argument.label {
                case "name": name = try string(argument.range, "name")
                case "path":
                    let written = try string(argument.range, "path")
                    guard let normalized = ProjectPath.normalize(written) else {
                        throw GiveUp(reason: "\(place(argument.range.lowerBound)): `path: \"\(written)\"` leaves the package")
                    }
                    path = normalized
                case "exclude": exclude = try strings(argument.range, "exclude")
                case "sources": sources = try strings(argument.range, "sources")
                default: continue
                }
            }
            guard let name else { throw GiveUp(reason: "\(place(dot)): a target without a static `name:`") }
            return PackageTarget(name: name, kind: kind, path: path ?? "\u{0}", exclude: exclude, sources: sources)
        }

        func string(_ range: Range<Int>, _ label: String) throws -> String {
            guard range.count == 1, tokens[range.lowerBound].kind == .string, !tokens[range.lowerBound].isInterpolated,
                let value = SwiftStringLiteral.value(of: tokens[range.lowerBound], in: bytes)
            else {
                throw GiveUp(reason: "\(place(range.lowerBound)): `\(label):` is computed")
            }
            return value
        }

        func strings(_ range: Range<Int>, _ label: String) throws -> [String] {
            guard range.count >= 2, tokens[range.lowerBound].isPunctuation(UInt8(ascii: "["), in: bytes),
                closing(of: range.lowerBound) == range.upperBound - 1
            else { throw GiveUp(reason: "\(place(range.lowerBound)): `\(label):` is computed") }
            return try elements(ofArrayAt: range.lowerBound).map { element in
                let value = try string(element, label)
                guard let normalized = ProjectPath.normalize(value) else {
                    throw GiveUp(reason: "\(place(element.lowerBound)): `\(label):` leaves the target")
                }
                return normalized
            }
        }

        /// The index of the bracket closing the one at `open`, or `nil`.
        func closing(of open: Int) -> Int? {
            var depth = 0
            var index = open
            while index < tokens.count {
                let token = tokens[index]
                if token.kind == .punctuation {
                    switch bytes[token.start] {
                    case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                    case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                        depth -= 1
                        if depth == 0 { return index }
                    default: break
                    }
                }
                index += 1
            }
            return nil
        }

        /// The comma-separated parts between the bracket at `open` and its closing one.
        func parts(openingAt open: Int) throws -> [Range<Int>] {
            guard let close = closing(of: open) else { throw GiveUp(reason: "\(place(open)): unbalanced brackets") }
            var result: [Range<Int>] = []
            var start = open + 1
            var index = open + 1
            while index < close {
                let token = tokens[index]
                if token.kind == .punctuation {
                    switch bytes[token.start] {
                    case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                        index = closing(of: index) ?? close
                    case UInt8(ascii: ","):
                        result.append(start..<index)
                        start = index + 1
                    default: break
                    }
                }
                index += 1
            }
            if start < close { result.append(start..<close) }
            return result
        }

        func elements(ofArrayAt open: Int) throws -> [Range<Int>] {
            try parts(openingAt: open).filter { !$0.isEmpty }
        }

        /// `label: value` pairs of the call whose `(` is at `open` (unlabelled ones get `nil`).
        func arguments(openingAt open: Int) throws -> [(label: String?, range: Range<Int>)] {
            try parts(openingAt: open).map { part in
                if part.count >= 2, tokens[part.lowerBound].kind == .identifier,
                    tokens[part.lowerBound + 1].isPunctuation(UInt8(ascii: ":"), in: bytes)
                {
                    return (tokens[part.lowerBound].text(in: bytes), (part.lowerBound + 2)..<part.upperBound)
                }
                return (nil, part)
            }
        }
    }
}
