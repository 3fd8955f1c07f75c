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
///   each (``collisions(_:)``): which task a constant means never depends on what else exists.
package enum TaskNameConstants {
    /// Identifiers that cannot follow a dot (`X.self`, `X.init`), and `TaskName`'s members (a
    /// static constant of the same name would hide the member in the app's module: `\.rawValue`
    /// would then mean the constant): they get a trailing `_`.
    package static let reserved: Set<String> = ["self", "init", "rawValue", "description", "hashValue", "hash"]

    /// The constant for `name` by the rules above (before collisions), or `nil` when the name
    /// has no letter or digit.
    package static func identifier(for name: String) -> String? {
        let runs = runs(of: name)
        guard let first = runs.first else { return nil }
        var text = lowerFirst(first)
        for run in runs.dropFirst() {
            if let last = text.unicodeScalars.last, isDigit(last), let next = run.unicodeScalars.first, isDigit(next) {
                text += "_"
            }
            // Runs are ASCII letters and digits: upper-case the first one by its bit.
            let head = run.unicodeScalars.first!
            text.unicodeScalars.append(("a"..."z").contains(head) ? Unicode.Scalar(UInt8(head.value) & ~0x20) : head)
            text.unicodeScalars.append(contentsOf: run.unicodeScalars.dropFirst())
        }
        if let start = text.unicodeScalars.first, isDigit(start) { text = "_" + text }
        if reserved.contains(text) { text += "_" }
        return text
    }

    /// The constant of each of `names` (same order), `nil` for a name that has none of its own
    /// (a collision, or no letters or digits).
    package static func assign(_ names: some Collection<String>) -> [String?] {
        var identifiers = names.map(identifier(for:))
        for (_, indices) in groupsOfEqualKeys(identifiers) {
            for index in indices { identifiers[index] = nil }
        }
        return identifiers
    }

    /// A warning at each task whose constant another task also gives.
    package static func collisions(_ tasks: [PlannedTask]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (identifier, indices) in groupsOfEqualKeys(tasks.map { identifier(for: $0.name) }) {
            let sorted = indices.map { tasks[$0] }.sorted { utf8Less($0.name, $1.name) }
            for task in sorted {
                let others = sorted.filter { $0.name != task.name }.map { other in
                    "`\(other.name)`" + (other.origin.map { " (\($0))" } ?? "")
                }
                diagnostics.append(
                    .warning(
                        task.origin,
                        "the constant `TaskName.\(identifier)` would name this task (`\(task.name)`) and also "
                            + "\(others.joined(separator: ", ")), so it is left out for all of them: call them by name "
                            + "(`runTask(\"\(task.name)\")`) or rename one"))
            }
        }
        return diagnostics
    }

    /// The declaration's spelling: backticks for a keyword (`` `default` ``).
    package static func declared(_ identifier: String) -> String {
        SwiftIdentifier.spelled(identifier)
    }

    static func runs(of name: String) -> [Substring] {
        var runs: [Substring] = []
        var start: String.Index?
        var index = name.startIndex
        while index < name.endIndex {
            let scalar = name.unicodeScalars[index]
            let isWord = isDigit(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
            if isWord, start == nil { start = index }
            if !isWord, let begin = start {
                runs.append(name[begin..<index])
                start = nil
            }
            index = name.unicodeScalars.index(after: index)
        }
        if let begin = start { runs.append(name[begin...]) }
        return runs
    }

    /// The first run with its leading capitals lowered: `Migrate` → `migrate`, `DB` → `db`,
    /// `HTTPPing` → `httpPing` (the last capital starts the next word).
    static func lowerFirst(_ run: Substring) -> String {
        let scalars = Array(run.unicodeScalars)
        var upper = 0
        while upper < scalars.count, ("A"..."Z").contains(scalars[upper]) { upper += 1 }
        guard upper > 0 else { return String(run) }
        var lowered = upper
        if upper > 1, upper < scalars.count, ("a"..."z").contains(scalars[upper]) { lowered = upper - 1 }
        var text = ""
        for (offset, scalar) in scalars.enumerated() {
            text.unicodeScalars.append(offset < lowered ? Unicode.Scalar(UInt8(scalar.value) | 0x20) : scalar)
        }
        return text
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
}
