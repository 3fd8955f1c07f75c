/// The `TaskName` constants the registry declares, one per task: `db:migrate` → `dbMigrate`, so
/// that `runTask(.dbMigrate)` compiles and a misspelt name does not.
///
/// The rules (Docs/Defining-Tasks.md, "Typed names"):
/// - the name is split into runs of letters and digits (`:`, `.`, `-` and `_` separate them);
///   the first run starts lower case (a leading acronym entirely: `HTTPPing` → `httpPing`), the
///   others start upper case, the rest is kept: `cache:purge.v2` → `cachePurgeV2`;
/// - two runs of digits that would touch keep a `_` between them: `v1.2` → `v1_2`;
/// - a result starting with a digit gets a leading `_` (`2fa:reset` → `_2faReset`); `self` and
///   `init`, which cannot follow a dot, and the names of `TaskName`'s own members (`rawValue`,
///   `description`, `hashValue`, `hash`, which a static constant would hide in the app's module)
///   get a trailing `_` (`.init_`, `.rawValue_`); other Swift keywords are declared in backticks
///   and used as they are (`.default`);
/// - a name without letters or digits (`-`) gets no constant;
/// - when several tasks give the same constant, none of them gets it, and `nitro build` warns at
///   each (``plan(_:)``): which task a constant means never depends on what else exists.
package enum TaskNameConstants {
    /// Identifiers that cannot follow a dot (`X.self`, `X.init`), and `TaskName`'s members (a
    /// static constant of the same name would hide the member in the app's module: `\.rawValue`
    /// would then mean the constant): they get a trailing `_`.
    package static let reserved: Set<String> = ["self", "init", "rawValue", "description", "hashValue", "hash"]

    /// The constant for `name` by the rules above (before collisions), or `nil` when the name
    /// has no letter or digit.
    package static func identifier(for name: String) -> String? {
        // Byte by byte: runs are ASCII letters and digits, so every byte of the result is ASCII
        // (a name of 100,000 tasks goes through here twice: no scalar views, no substrings).
        var utf8 = Array(name.utf8)
        var text: [UInt8] = []
        text.reserveCapacity(utf8.count + 2)
        var index = 0
        var isFirstRun = true
        while index < utf8.count {
            guard isWord(utf8[index]) else {
                index += 1
                continue
            }
            var end = index
            while end < utf8.count, isWord(utf8[end]) { end += 1 }
            if isFirstRun {
                lowerFirst(&utf8, index..<end)
                isFirstRun = false
            } else {
                if let last = text.last, isDigit(last), isDigit(utf8[index]) { text.append(UInt8(ascii: "_")) }
                // Upper-case the first letter by its bit.
                if isLower(utf8[index]) { utf8[index] &= ~0x20 }
            }
            text += utf8[index..<end]
            index = end
        }
        guard let start = text.first else { return nil }
        if isDigit(start) { text.insert(UInt8(ascii: "_"), at: 0) }
        var identifier = String(decoding: text, as: UTF8.self)
        if reserved.contains(identifier) { identifier += "_" }
        return identifier
    }

    /// The constant of each task (same order), `nil` for a task that has none of its own (a
    /// collision, or no letters or digits), and a warning at each task whose constant another task
    /// also gives: one pass for both, done once per build, when merging (``BuildModel/taskConstants``).
    package static func plan(_ tasks: PlannedTasks) -> (constants: [String?], warnings: [Diagnostic]) {
        var constants = tasks.indices.map { identifier(for: tasks.name(at: $0)) }
        var warnings: [Diagnostic] = []
        for (identifier, indices) in groupsOfEqualKeys(constants) {
            for index in indices { constants[index] = nil }
            let sorted = indices.map { tasks[$0] }.sorted { utf8Less($0.name, $1.name) }
            for task in sorted {
                let others = sorted.filter { $0.name != task.name }.map { other in
                    "`\(other.name)`" + (other.origin.map { " (\($0))" } ?? "")
                }
                warnings.append(
                    .warning(
                        task.origin,
                        "the constant `TaskName.\(identifier)` would name this task (`\(task.name)`) and also "
                            + "\(others.joined(separator: ", ")), so it is left out for all of them: call them by name "
                            + "(`runTask(\"\(task.name)\")`) or rename one"))
            }
        }
        return (constants, warnings)
    }

    /// The declaration's spelling: backticks for a keyword (`` `default` ``).
    package static func declared(_ identifier: String) -> String {
        SwiftIdentifier.spelled(identifier)
    }

    /// The first run with its leading capitals lowered, in place: `Migrate` → `migrate`, `DB` →
    /// `db`, `HTTPPing` → `httpPing` (the last capital starts the next word).
    static func lowerFirst(_ bytes: inout [UInt8], _ run: Range<Int>) {
        var upper = run.lowerBound
        while upper < run.upperBound, isUpper(bytes[upper]) { upper += 1 }
        var lowered = upper
        if upper - run.lowerBound > 1, upper < run.upperBound, isLower(bytes[upper]) { lowered = upper - 1 }
        for index in run.lowerBound..<lowered { bytes[index] |= 0x20 }
    }

    static func isWord(_ byte: UInt8) -> Bool { isDigit(byte) || isLower(byte) || isUpper(byte) }
    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    static func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
    static func isUpper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
}
