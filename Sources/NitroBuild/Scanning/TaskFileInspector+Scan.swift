extension TaskFileInspector {
    /// The walk over a task file's tokens: the candidate declarations at the top level, the `#if`
    /// groups they sit in, and where a nested `defineTask` hides.
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
            let token = tokens[index]
            if TaskFileInspector.isModifier(token, in: bytes) { return true }
            if token.is("unsafe", in: bytes), index > 0, tokens[index - 1].isPunctuation(UInt8(ascii: "("), in: bytes) {
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
    }
}
