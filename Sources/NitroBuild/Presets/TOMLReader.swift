import NitroJSON

/// Reads the TOML that wrangler files use into JSON values: tables, arrays of tables, dotted and
/// quoted keys, basic and literal strings (also multi-line), integers (decimal, hex, octal,
/// binary, `_`), floats, booleans, arrays (multi-line, trailing comma) and inline tables, with
/// comments. Anything else (dates and times, `inf`/`nan`) is an error that says to convert the
/// file to `wrangler.json`, rather than a guess.
///
/// Arrays and inline tables are read by recursion and tables become nested JSON objects, so the
/// nesting is limited to ``maximumDepth`` levels (the root table is the first), as in
/// ``JSONReader``: deeper input is an error at its place instead of a stack overflow.
package struct TOMLReader {
    /// How deeply tables and arrays may nest, counting the root table: ``JSONReader/maximumDepth``.
    static let maximumDepth = JSONReader.maximumDepth

    /// A problem with its place in the file.
    package struct Failure: Error, Sendable {
        package var offset: Int
        package var message: String
    }

    /// A table while it is being filled.
    final class Table {
        enum Entry {
            case value(JSONValue)
            case table(Table)
            case tables([Table])
        }

        var entries: [String: Entry] = [:]
        /// Defined by a `[header]` (a second header for it is an error).
        var hasHeader = false
        /// An inline table or a value: closed to later additions.
        var isClosed = false

        var json: JSONValue {
            var object: [String: JSONValue] = [:]
            for (key, entry) in entries {
                switch entry {
                case .value(let value): object[key] = value
                case .table(let table): object[key] = table.json
                case .tables(let tables): object[key] = .array(tables.map(\.json))
                }
            }
            return .object(object)
        }
    }

    let bytes: [UInt8]
    var index = 0
    let root = Table()
    var current: Table
    /// The level of `current` (the root table is level 1, `[a.b]` level 3).
    var currentLevel = 1
    /// The level of the table or array being filled.
    var level = 1
    /// Where each top-level key was first written.
    var keyOffsets: [String: Int] = [:]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.current = root
    }

    /// Parses a whole document.
    package static func read(_ bytes: [UInt8]) throws(Failure) -> (value: JSONValue, keyOffsets: [String: Int]) {
        var reader = TOMLReader(bytes)
        try reader.document()
        return (reader.root.json, reader.keyOffsets)
    }

    static let convertAdvice =
        "; nitro build reads the TOML subset wrangler files use: convert this file to wrangler.json (`npx wrangler` reads either)"

    func fail(_ message: String, at offset: Int? = nil) -> Failure {
        Failure(offset: offset ?? index, message: message)
    }

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    func byte(at offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    mutating func document() throws(Failure) {
        while true {
            skipBlanks()
            guard let byte = peek else { return }
            switch byte {
            case UInt8(ascii: "#"): skipComment()
            case 0x0A: index += 1
            case 0x0D where self.byte(at: index + 1) == 0x0A: index += 2
            case UInt8(ascii: "["): try header()
            default:
                level = currentLevel
                try keyValue(into: current, topLevel: current === root)
                try endOfLine()
            }
        }
    }

    mutating func skipBlanks() {
        while let byte = peek, byte == 0x20 || byte == 0x09 { index += 1 }
    }

    mutating func skipComment() {
        while let byte = peek, byte != 0x0A { index += 1 }
    }

    /// Blanks, comments and newlines (inside arrays).
    mutating func skipBlanksAndNewlines() {
        while let byte = peek {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
            } else if byte == UInt8(ascii: "#") {
                skipComment()
            } else {
                return
            }
        }
    }

    mutating func endOfLine() throws(Failure) {
        skipBlanks()
        if peek == UInt8(ascii: "#") { skipComment() }
        if peek == 0x0D, byte(at: index + 1) == 0x0A { index += 1 }
        guard peek == nil || peek == 0x0A else { throw fail("expected the end of the line") }
    }

    mutating func header() throws(Failure) {
        let start = index
        let isArray = byte(at: index + 1) == UInt8(ascii: "[")
        index += isArray ? 2 : 1
        skipBlanks()
        let keys = try key()
        skipBlanks()
        for _ in 0..<(isArray ? 2 : 1) {
            guard peek == UInt8(ascii: "]") else { throw fail("expected `]` to close the table header") }
            index += 1
        }
        // An array of tables is two levels of the JSON value (the array and its table).
        let headerLevel = 1 + Self.levels(below: root, along: keys.dropLast()) + (isArray ? 2 : 1)
        guard headerLevel <= Self.maximumDepth else { throw tooDeep(at: start) }
        currentLevel = headerLevel
        if keyOffsets[keys[0]] == nil { keyOffsets[keys[0]] = start }
        var table = root
        for key in keys.dropLast() { table = try descend(table, key, at: start) }
        let last = keys[keys.count - 1]
        if isArray {
            let fresh = Table()
            switch table.entries[last] {
            case nil: table.entries[last] = .tables([fresh])
            case .tables(let existing)?: table.entries[last] = .tables(existing + [fresh])
            default: throw fail("`\(keys.joined(separator: "."))` is already defined as something other than an array of tables", at: start)
            }
            current = fresh
        } else {
            switch table.entries[last] {
            case nil:
                let fresh = Table()
                fresh.hasHeader = true
                table.entries[last] = .table(fresh)
                current = fresh
            case .table(let existing)? where !existing.hasHeader && !existing.isClosed:
                existing.hasHeader = true
                current = existing
            case .value?:
                throw fail("`\(keys.joined(separator: "."))` is already a value, not a table", at: start)
            default:
                throw fail("the table `\(keys.joined(separator: "."))` is defined twice", at: start)
            }
        }
        try endOfLine()
    }

    /// The table under `key` (created when missing; the last table of an array of tables).
    func descend(_ table: Table, _ key: String, at offset: Int) throws(Failure) -> Table {
        switch table.entries[key] {
        case nil:
            let fresh = Table()
            table.entries[key] = .table(fresh)
            return fresh
        case .table(let existing)? where !existing.isClosed: return existing
        case .tables(let tables)?: return tables[tables.count - 1]
        default: throw fail("`\(key)` is already a value, not a table", at: offset)
        }
    }

    /// How many levels of the JSON value the tables `keys` add below `table`: one per table, two
    /// per array of tables (the array and its last table), one per table still to be created.
    static func levels(below table: Table, along keys: ArraySlice<String>) -> Int {
        var levels = 0
        var current: Table? = table
        for key in keys {
            switch current?.entries[key] {
            case .tables(let tables)?:
                levels += 2
                current = tables.last
            case .table(let next)?:
                levels += 1
                current = next
            default:
                levels += 1
                current = nil
            }
        }
        return levels
    }

    /// `key = value` into `table`, which is at ``level``.
    mutating func keyValue(into table: Table, topLevel: Bool) throws(Failure) {
        let start = index
        let keys = try key()
        // `a.b.c = v` puts `v` into the table `a.b`, below `table`.
        let tableLevel = level
        let targetLevel = tableLevel + Self.levels(below: table, along: keys.dropLast())
        guard targetLevel <= Self.maximumDepth else { throw tooDeep(at: start) }
        skipBlanks()
        guard peek == UInt8(ascii: "=") else { throw fail("expected `=` after the key") }
        index += 1
        skipBlanks()
        level = targetLevel
        let value = try self.value()
        level = tableLevel
        if topLevel, keyOffsets[keys[0]] == nil { keyOffsets[keys[0]] = start }
        var target = table
        for key in keys.dropLast() { target = try descend(target, key, at: start) }
        let last = keys[keys.count - 1]
        guard target.entries[last] == nil else { throw fail("the key `\(keys.joined(separator: "."))` is defined twice", at: start) }
        target.entries[last] = value
    }

    /// A dotted key: `a.b."c d".'e'`.
    mutating func key() throws(Failure) -> [String] {
        var parts: [String] = []
        while true {
            skipBlanks()
            switch peek {
            case UInt8(ascii: "\"")?:
                index += 1
                parts.append(try basicString(multiline: false))
            case UInt8(ascii: "'")?:
                index += 1
                parts.append(try literalString(multiline: false))
            default:
                let start = index
                while let byte = peek, Self.isBareKey(byte) { index += 1 }
                guard index > start else { throw fail("expected a key") }
                parts.append(String(decoding: bytes[start..<index], as: UTF8.self))
            }
            skipBlanks()
            guard peek == UInt8(ascii: ".") else { return parts }
            index += 1
        }
    }

    /// Nesting deeper than ``maximumDepth``.
    func tooDeep(at offset: Int? = nil) -> Failure {
        fail("tables and arrays nest deeper than \(Self.maximumDepth) levels here", at: offset)
    }

    static func isBareKey(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }
}
