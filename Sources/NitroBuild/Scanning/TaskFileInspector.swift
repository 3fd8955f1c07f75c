/// Finds the one top-level task declaration of a task file, with a small lexer instead of a
/// parser: `[modifiers] let NAME [: TaskDefinition] = defineTask(…)` (also
/// `NitroTasks.defineTask`, the trailing-closure form `defineTask { … }` and
/// `TaskDefinition(…)`), at brace depth 0, in or out of `#if` blocks.
package enum TaskFileInspector {
    /// What the registry file can reach: an internal (or wider) global `let`.
    static let blockedModifiers: Set<String> = ["private", "fileprivate"]
    static let modifiers: Set<String> = [
        "public", "internal", "package", "private", "fileprivate", "nonisolated", "open", "final",
    ]

    package static func inspect(_ file: SourceFile) -> TaskFileInspection {
        let bytes = file.bytes
        if let offset = UTF8Validation.firstInvalidOffset(bytes) {
            return TaskFileInspection(declaration: nil, diagnostics: [UTF8Validation.diagnostic(file, offset: offset)])
        }
        let (tokens, interpolationTooDeep) = SwiftLexer.lex(bytes)
        var scan = Scan(bytes: bytes, tokens: tokens)
        scan.run()
        var inspection = scan.finish(path: file.path)
        // Nesting limits: the file could not be read to its end, so it yields no task.
        var limits: [Diagnostic] = []
        if let offset = interpolationTooDeep {
            limits.append(
                .error(
                    LineIndex(bytes).location(of: offset, in: file.path),
                    "string interpolations nest deeper than \(SwiftLexer.maximumInterpolationDepth) levels here; the rest "
                        + "of the file cannot be read: split the expression"))
        }
        if let index = scan.directiveTooDeep {
            limits.append(
                .error(
                    LineIndex(bytes).location(of: tokens[index].start, in: file.path),
                    "`#if` blocks nest deeper than \(maximumConditionDepth) levels here; nitro build stops reading this "
                        + "file: move the task out of the nested blocks"))
        }
        if !limits.isEmpty {
            inspection.declaration = nil
            inspection.diagnostics = limits + inspection.diagnostics
        }
        return inspection
    }

    /// How deeply `#if` blocks may nest: the coverage check below recurses per level, and every
    /// candidate keeps its path of conditions, so the depth bounds both stack and memory.
    static let maximumConditionDepth = 128

    /// One candidate declaration found at the top level.
    struct Candidate {
        var keywordIndex: Int
        var symbolIndex: Int
        var isVar: Bool
        var blockedModifier: String?
        var callParen: Int?
        var conditions: [Branch]
    }

    /// A branch of an `#if` group: which group, which branch (0 = `#if`, 1… = `#elseif`/`#else`).
    struct Branch: Hashable {
        var group: Int
        var branch: Int
    }

    struct Group {
        var branches = 1
        var hasElse = false
        var condition: String
    }

    struct Scan {
        let bytes: [UInt8]
        let tokens: [SwiftToken]
        var candidates: [Candidate] = []
        var groups: [Group] = []
        var conditionStack: [Branch] = []
        var nestedDefineTask: Int?
        /// The `#if` token that opens a block deeper than ``maximumConditionDepth``; the scan stops there.
        var directiveTooDeep: Int?

        init(bytes: [UInt8], tokens: [SwiftToken]) {
            self.bytes = bytes
            self.tokens = tokens
        }

        mutating func run() {
            var braceDepth = 0
            var parenDepth = 0
            var modifiers: [Int] = []
            var index = 0
            while index < tokens.count {
                let token = tokens[index]
                defer { index += 1 }
                switch token.kind {
                case .directive:
                    switch token.directive {
                    case .if:
                        guard conditionStack.count < TaskFileInspector.maximumConditionDepth else {
                            directiveTooDeep = index
                            return
                        }
                        groups.append(Group(condition: token.text(in: bytes)))
                        conditionStack.append(Branch(group: groups.count - 1, branch: 0))
                    case .elseif, .else:
                        if var top = conditionStack.popLast() {
                            top.branch += 1
                            groups[top.group].branches = top.branch + 1
                            if token.directive == .else { groups[top.group].hasElse = true }
                            conditionStack.append(top)
                        }
                    case .endif:
                        _ = conditionStack.popLast()
                    case .none:
                        break
                    }
                    modifiers.removeAll()
                case .punctuation:
                    switch bytes[token.start] {
                    case UInt8(ascii: "{"): braceDepth += 1
                    case UInt8(ascii: "}"): braceDepth = max(0, braceDepth - 1)
                    case UInt8(ascii: "("), UInt8(ascii: "["): parenDepth += 1
                    case UInt8(ascii: ")"), UInt8(ascii: "]"): parenDepth = max(0, parenDepth - 1)
                    case UInt8(ascii: "@"):
                        // An attribute (`@MainActor`, `@available(…)`) before a declaration.
                        if braceDepth == 0 && parenDepth == 0 {
                            modifiers.append(index)
                            continue
                        }
                    default: break
                    }
                    switch bytes[token.start] {
                    case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"):
                        continue  // `nonisolated(unsafe)`, `@available(…)` keep the modifiers
                    default:
                        modifiers.removeAll()
                    }
                case .identifier:
                    guard braceDepth == 0 && parenDepth == 0 else {
                        if nestedDefineTask == nil, token.is("defineTask", in: bytes) { nestedDefineTask = index }
                        continue
                    }
                    if token.is("let", in: bytes) || token.is("var", in: bytes) {
                        considerDeclaration(at: index, modifiers: modifiers)
                        modifiers.removeAll()
                    } else if isModifierOrAttributeName(index) {
                        modifiers.append(index)
                    } else {
                        modifiers.removeAll()
                    }
                default:
                    modifiers.removeAll()
                }
            }
        }

        func isModifierOrAttributeName(_ index: Int) -> Bool {
            let text = tokens[index].text(in: bytes)
            if TaskFileInspector.modifiers.contains(text) { return true }
            if text == "unsafe", index > 0, tokens[index - 1].isPunctuation(UInt8(ascii: "("), in: bytes) {
                return true
            }
            return index > 0 && tokens[index - 1].isPunctuation(UInt8(ascii: "@"), in: bytes)
        }

        /// `let NAME [: Type] = <initializer>` starting at the `let`/`var` token.
        mutating func considerDeclaration(at keyword: Int, modifiers: [Int]) {
            let symbol = keyword + 1
            guard symbol < tokens.count, tokens[symbol].kind == .identifier else { return }
            var cursor = symbol + 1
            var annotatedAsTask = false
            if cursor < tokens.count, tokens[cursor].isPunctuation(UInt8(ascii: ":"), in: bytes) {
                cursor += 1
                if cursor + 2 < tokens.count, tokens[cursor].is("NitroTasks", in: bytes),
                    tokens[cursor + 1].isPunctuation(UInt8(ascii: "."), in: bytes)
                {
                    cursor += 2
                }
                if cursor < tokens.count, tokens[cursor].is("TaskDefinition", in: bytes) {
                    annotatedAsTask = true
                }
                // Skip the rest of the type up to `=`.
                var depth = 0
                while cursor < tokens.count {
                    let token = tokens[cursor]
                    if token.kind == .punctuation {
                        let byte = bytes[token.start]
                        if byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[") { depth += 1 }
                        if byte == UInt8(ascii: ")") || byte == UInt8(ascii: "]") { depth -= 1 }
                        if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: ";") {
                            return
                        }
                    }
                    if depth == 0, token.kind == .operator, token.is("=", in: bytes) { break }
                    if token.kind == .identifier, depth == 0, token.is("let", in: bytes) || token.is("var", in: bytes) {
                        return
                    }
                    cursor += 1
                }
            }
            guard cursor < tokens.count, tokens[cursor].kind == .operator, tokens[cursor].is("=", in: bytes) else {
                return
            }
            cursor += 1
            if cursor + 1 < tokens.count, tokens[cursor].is("NitroTasks", in: bytes),
                tokens[cursor + 1].isPunctuation(UInt8(ascii: "."), in: bytes)
            {
                cursor += 2
            }
            guard cursor < tokens.count else { return }
            var callParen: Int?
            var recognised = false
            let head = tokens[cursor]
            let next = cursor + 1 < tokens.count ? tokens[cursor + 1] : nil
            if head.is("defineTask", in: bytes) {
                if let next, next.isPunctuation(UInt8(ascii: "("), in: bytes) {
                    recognised = true
                    callParen = cursor + 1
                } else if let next, next.isPunctuation(UInt8(ascii: "{"), in: bytes) {
                    recognised = true
                }
            } else if head.is("TaskDefinition", in: bytes), let next, next.isPunctuation(UInt8(ascii: "("), in: bytes) {
                recognised = true
                callParen = cursor + 1
            }
            guard recognised || annotatedAsTask else { return }
            let blocked = modifiers.map { tokens[$0].text(in: bytes) }.first(where: {
                TaskFileInspector.blockedModifiers.contains($0)
            })
            candidates.append(
                Candidate(
                    keywordIndex: keyword, symbolIndex: symbol, isVar: tokens[keyword].is("var", in: bytes),
                    blockedModifier: blocked, callParen: callParen, conditions: conditionStack))
        }

        func finish(path: String) -> TaskFileInspection {
            let lines = LineIndex(bytes)
            func location(_ index: Int) -> SourceLocation { lines.location(of: tokens[index].start, in: path) }
            var diagnostics: [Diagnostic] = []

            guard let first = candidates.first else {
                var message =
                    "no task declared in this file; declare one at the top level, `let name = defineTask(…) { event in … }`, "
                    + "or rename the file to start with `_` if it is a helper"
                if let nested = nestedDefineTask {
                    message +=
                        " (the `defineTask` at \(location(nested)) is inside a declaration; move it to the top level)"
                }
                return TaskFileInspection(declaration: nil, diagnostics: [.error(SourceLocation(path: path), message)])
            }

            // Group by symbol; one file, one task.
            var order: [String] = []
            var bySymbol: [String: [Candidate]] = [:]
            for candidate in candidates {
                let name = plain(tokens[candidate.symbolIndex].text(in: bytes))
                if bySymbol[name] == nil { order.append(name) }
                bySymbol[name, default: []].append(candidate)
            }
            if order.count > 1 {
                let places = order.map { "`\($0)` at \(location(bySymbol[$0]![0].symbolIndex))" }.joined(
                    separator: ", ")
                let second = bySymbol[order[1]]![0]
                diagnostics.append(
                    .error(
                        location(second.symbolIndex),
                        "this file declares \(order.count) tasks (\(places)); a task file declares exactly one: "
                            + "move `\(order[1])` to a file of its own under tasks/"))
            }
            let symbolName = order[0]
            let declarations = bySymbol[symbolName]!
            let symbolLocation = location(first.symbolIndex)
            if first.isVar {
                diagnostics.append(
                    .error(location(first.keywordIndex), "declare the task `\(symbolName)` with `let`, not `var`"))
            }
            if let modifier = first.blockedModifier {
                diagnostics.append(
                    .error(
                        symbolLocation,
                        "the task `\(symbolName)` is `\(modifier)`, so the generated registry cannot refer to it; "
                            + "remove `\(modifier)` (internal is enough)"))
            }
            if !covered(declarations.map(\.conditions), level: 0) {
                let conditions = declarations.compactMap { $0.conditions.first.map { groups[$0.group].condition } }
                diagnostics.append(
                    .error(
                        symbolLocation,
                        "the task `\(symbolName)` is only declared under `\(conditions.first ?? "#if")`, but the generated registry "
                            + "refers to it unconditionally; declare it outside `#if`, or in every branch with an `#else`"
                    ))
            }
            var declaration = TaskDeclaration(
                symbol: tokens[first.symbolIndex].text(in: bytes), location: symbolLocation)
            if let paren = first.callParen {
                let meta = metaArguments(callParen: paren, location: location)
                declaration.metaName = meta.name
                declaration.description = meta.description
                diagnostics += meta.diagnostics
            }
            return TaskFileInspection(declaration: diagnostics.hasErrors ? nil : declaration, diagnostics: diagnostics)
        }

        /// Whether a symbol declared under these `#if` paths exists whatever the conditions.
        func covered(_ paths: [[Branch]], level: Int) -> Bool {
            if paths.contains(where: { $0.count == level }) { return true }
            var byGroup: [Int: [Int: [[Branch]]]] = [:]
            for path in paths where path.count > level {
                byGroup[path[level].group, default: [:]][path[level].branch, default: []].append(path)
            }
            for (group, branches) in byGroup where groups[group].hasElse {
                if (0..<groups[group].branches).allSatisfy({ branch in
                    branches[branch].map { covered($0, level: level + 1) } ?? false
                }) {
                    return true
                }
            }
            return false
        }

        struct Meta {
            var name: Located<String>?
            var description: Located<String>?
            var diagnostics: [Diagnostic] = []
        }

        /// Reads `meta: TaskMeta(name: "…", description: "…")` from the call's arguments.
        func metaArguments(callParen: Int, location: (Int) -> SourceLocation) -> Meta {
            var meta = Meta()
            guard let metaValue = arguments(from: callParen).first(where: { $0.label == "meta" })?.value,
                !metaValue.isEmpty
            else { return meta }
            var cursor = metaValue.lowerBound
            if tokens[cursor].is("nil", in: bytes) { return meta }
            if tokens[cursor].is("NitroTasks", in: bytes), cursor + 1 < metaValue.upperBound,
                tokens[cursor + 1].isPunctuation(UInt8(ascii: "."), in: bytes)
            {
                cursor += 2
            }
            if tokens[cursor].isPunctuation(UInt8(ascii: "."), in: bytes) { cursor += 1 }
            guard cursor + 1 < metaValue.upperBound,
                tokens[cursor].is("TaskMeta", in: bytes) || tokens[cursor].is("init", in: bytes),
                tokens[cursor + 1].isPunctuation(UInt8(ascii: "("), in: bytes)
            else {
                meta.diagnostics.append(
                    .warning(
                        location(metaValue.lowerBound),
                        "`meta` is not written as `TaskMeta(name: \"…\", description: \"…\")`, so `nitro build` cannot read "
                            + "the description; listings will show none"))
                return meta
            }
            for argument in arguments(from: cursor + 1) {
                guard argument.label == "name" || argument.label == "description" else { continue }
                let range = argument.value
                if range.count == 1, let value = SwiftStringLiteral.value(of: tokens[range.lowerBound], in: bytes) {
                    let located = Located(value, at: location(range.lowerBound))
                    if argument.label == "name" { meta.name = located } else { meta.description = located }
                } else if range.count == 1, tokens[range.lowerBound].is("nil", in: bytes) {
                    continue
                } else if argument.label == "description", !range.isEmpty {
                    meta.diagnostics.append(
                        .warning(
                            location(range.lowerBound),
                            "the description is not a plain string literal, so `nitro build` cannot read it and listings will "
                                + "show none; write it as one literal without interpolation"))
                }
            }
            return meta
        }

        /// The labelled arguments of the call whose `(` is at `paren`: label and value token range.
        func arguments(from paren: Int) -> [(label: String?, value: Range<Int>)] {
            var result: [(label: String?, value: Range<Int>)] = []
            var depth = 0
            var start = paren + 1
            var index = paren + 1
            func close(at end: Int) {
                guard start < end else { return }
                if end - start >= 2, tokens[start].kind == .identifier,
                    tokens[start + 1].isPunctuation(UInt8(ascii: ":"), in: bytes)
                {
                    result.append((tokens[start].text(in: bytes), (start + 2)..<end))
                } else {
                    result.append((nil, start..<end))
                }
            }
            while index < tokens.count {
                let token = tokens[index]
                if token.kind == .punctuation {
                    switch bytes[token.start] {
                    case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                    case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                        if depth == 0 {
                            close(at: index)
                            return result
                        }
                        depth -= 1
                    case UInt8(ascii: ",") where depth == 0:
                        close(at: index)
                        start = index + 1
                    default: break
                    }
                }
                index += 1
            }
            return result
        }
    }

    static func plain(_ symbol: String) -> String {
        symbol.hasPrefix("`") ? String(symbol.dropFirst().dropLast()) : symbol
    }
}
