// libFuzzer target: the Swift task-file lexer and inspector of `nitro build`. Invariants:
// - tokens are in order, do not overlap and stay inside the file;
// - the inspection is deterministic, its findings lie inside the file, and a declaration's
//   location holds its symbol;
// - a newline in front moves the declaration one line down and changes nothing else;
// - every static string literal's value, written by the registry renderer (`SwiftLiteral`), lexes
//   back to one literal with the same value (the generated registry quotes descriptions right);
// - task names from paths: the name never contains `/`, helper detection agrees with the segments.
@testable import NitroBuild

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}

func lineStarts(_ bytes: [UInt8]) -> [Int] {
    var starts = [0]
    for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
    return starts
}

/// The byte offset of a location, or nil when it is outside the file.
func offset(of location: SourceLocation, _ starts: [Int], _ count: Int) -> Int? {
    guard location.line >= 1, location.line <= starts.count, location.column >= 1 else { return nil }
    let offset = starts[location.line - 1] + location.column - 1
    let lineEnd = location.line < starts.count ? starts[location.line] - 1 : count
    return offset <= lineEnd ? offset : nil
}

func inspect(_ bytes: [UInt8]) -> TaskFileInspection {
    let file = SourceFile(path: "Sources/App/tasks/x.swift", bytes: bytes)
    let inspection = TaskFileInspector.inspect(file)
    let starts = lineStarts(bytes)
    for diagnostic in inspection.diagnostics {
        guard let location = diagnostic.location else { continue }
        check(location.path == file.path, "\(diagnostic) names another file")
        check(offset(of: location, starts, bytes.count) != nil, "\(diagnostic) is outside the file")
    }
    if let declaration = inspection.declaration {
        guard let at = offset(of: declaration.location, starts, bytes.count) else {
            fatalError("the declaration \(declaration.symbol) is outside the file")
        }
        check(
            bytes[at...].starts(with: Array(declaration.symbol.utf8)),
            "the declaration's location does not hold `\(declaration.symbol)`")
    }
    return inspection
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let tokens = SwiftLexer.tokenize(bytes)
    var previousEnd = 0
    for token in tokens {
        check(token.start >= previousEnd && token.start <= token.end && token.end <= bytes.count, "token \(token) out of place")
        previousEnd = token.end
        if token.kind == .string, let value = SwiftStringLiteral.value(of: token, in: bytes) {
            let rendered = Array(SwiftLiteral.string(value).utf8)
            let again = SwiftLexer.tokenize(rendered)
            check(again.count == 1 && again[0].kind == .string, "SwiftLiteral.string(\(value.debugDescription)) lexes to \(again)")
            check(
                SwiftStringLiteral.value(of: again[0], in: rendered) == value,
                "SwiftLiteral.string(\(value.debugDescription)) reads back as \(String(describing: SwiftStringLiteral.value(of: again[0], in: rendered)))"
            )
        }
    }

    let inspection = inspect(bytes)
    let twice = inspect(bytes)
    check(inspection.declaration == twice.declaration && inspection.diagnostics == twice.diagnostics, "not deterministic")
    let shifted = inspect([0x0A] + bytes)
    check(shifted.declaration?.symbol == inspection.declaration?.symbol, "a leading newline changes the declaration")
    if let declaration = inspection.declaration, let moved = shifted.declaration {
        check(
            moved.location.line == declaration.location.line + 1 && moved.location.column == declaration.location.column,
            "a leading newline moves the declaration from \(declaration.location) to \(moved.location)")
        check(moved.description?.value == declaration.description?.value, "a leading newline changes the description")
    }
    check(
        shifted.diagnostics.map(\.severity) == inspection.diagnostics.map(\.severity),
        "a leading newline changes the findings: \(inspection.diagnostics) vs \(shifted.diagnostics)")

    // The input as a path under tasks/.
    let path = String(decoding: bytes.prefix(256), as: UTF8.self)
    let name = TaskNaming.name(forRelativePath: path)
    check(!name.contains("/"), "the name of \(path.debugDescription) contains '/'")
    if TaskNaming.problem(with: name) == nil {
        check(!name.isEmpty && name.unicodeScalars.allSatisfy { $0.isASCII }, "\(name.debugDescription) passed the name check")
    }
    return 0
}
