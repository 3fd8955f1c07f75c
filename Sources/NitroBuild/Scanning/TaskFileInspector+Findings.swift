/// What a scan found, judged: the one declaration of the file, or why there is none.
extension TaskFileInspector.Scan {
    func finish(path: String) -> TaskFileInspection {
        var lines = LineCursor(bytes)
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

        // Group by symbol, in order of appearance (a file has one or a few); one file, one task.
        var bySymbol: [(name: String, candidates: [TaskFileInspector.Candidate])] = []
        for candidate in candidates {
            let name = TaskFileInspector.plain(tokens[candidate.symbolIndex].text(in: bytes))
            if let group = bySymbol.firstIndex(where: { $0.name == name }) {
                bySymbol[group].candidates.append(candidate)
            } else {
                bySymbol.append((name, [candidate]))
            }
        }
        if bySymbol.count > 1 {
            let places = bySymbol.map { "`\($0.name)` at \(location($0.candidates[0].symbolIndex))" }.joined(
                separator: ", ")
            let second = bySymbol[1].candidates[0]
            diagnostics.append(
                .error(
                    location(second.symbolIndex),
                    "this file declares \(bySymbol.count) tasks (\(places)); a task file declares exactly one: "
                        + "move `\(bySymbol[1].name)` to a file of its own under tasks/"))
        }
        let symbolName = bySymbol[0].name
        let declarations = bySymbol[0].candidates
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
    func covered(_ paths: [[TaskFileInspector.Branch]], level: Int) -> Bool {
        if paths.contains(where: { $0.count == level }) { return true }
        var byGroup: [Int: [Int: [[TaskFileInspector.Branch]]]] = [:]
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
        guard let metaValue = arguments(from: callParen).first(where: { labelled($0.label, "meta") })?.value,
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
            let isName = labelled(argument.label, "name")
            let isDescription = labelled(argument.label, "description")
            guard isName || isDescription else { continue }
            let range = argument.value
            if range.count == 1, let value = SwiftStringLiteral.value(of: tokens[range.lowerBound], in: bytes) {
                let located = Located(value, at: location(range.lowerBound))
                if isName { meta.name = located } else { meta.description = located }
            } else if range.count == 1, tokens[range.lowerBound].is("nil", in: bytes) {
                continue
            } else if isDescription, !range.isEmpty {
                meta.diagnostics.append(
                    .warning(
                        location(range.lowerBound),
                        "the description is not a plain string literal, so `nitro build` cannot read it and listings will "
                            + "show none; write it as one literal without interpolation"))
            }
        }
        return meta
    }

    /// Whether the label token at `label` (if any) is `word`.
    func labelled(_ label: Int?, _ word: StaticString) -> Bool {
        guard let label else { return false }
        return tokens[label].is(word, in: bytes)
    }

    /// One argument of a call: the index of its label's token (`nil` without one) and its value's
    /// token range. (A struct, not a tuple: an array of tuples holding a `Range` has its type
    /// built at run time, with a protocol conformance lookup, the first time a process uses it.)
    struct Argument {
        let label: Int?
        let value: Range<Int>
    }

    /// The arguments of the call whose `(` is at `paren`.
    func arguments(from paren: Int) -> [Argument] {
        var result: [Argument] = []
        var depth = 0
        var start = paren + 1
        var index = paren + 1
        func close(at end: Int) {
            guard start < end else { return }
            if end - start >= 2, tokens[start].kind == .identifier,
                tokens[start + 1].isPunctuation(UInt8(ascii: ":"), in: bytes)
            {
                result.append(Argument(label: start, value: (start + 2)..<end))
            } else {
                result.append(Argument(label: nil, value: start..<end))
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
