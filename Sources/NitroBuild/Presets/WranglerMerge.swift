import NitroJSON

/// How the generated `wrangler.json` is put together from its sources.
///
/// Precedence, highest first: the keys `nitro build` forces (`triggers.crons`), the config's
/// `cloudflare.wrangler`, the user's `wrangler.json` / `.jsonc` / `.toml`, defaults (none today).
/// Objects merge key by key at every depth; any other value (string, number, array) is taken
/// whole from the highest source that has it. `triggers.crons` is the exception: the union of
/// every source's crons and the translated schedules, first occurrence kept.
package enum WranglerMerge {
    /// Keys whose string values are paths relative to the configuration file that holds them.
    /// The generated file lives in `<output.dir>/server/`, so paths written at the root are rebased.
    static let pathKeys: [[String]] = [
        ["main"], ["base_dir"], ["tsconfig"], ["assets", "directory"], ["site", "bucket"], ["build", "cwd"],
        ["build", "watch_dir"],
    ]
    /// Keys holding `{ name: path }` objects.
    static let pathMapKeys = ["wasm_modules", "text_blobs", "data_blobs"]

    /// Deep merge, `sources` highest precedence first.
    package static func merge(_ sources: [[String: JSONValue]]) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for source in sources.reversed() {
            for (key, value) in source {
                if case .object(let lower)? = result[key], case .object(let higher) = value {
                    result[key] = .object(merge([higher, lower]))
                } else {
                    result[key] = value
                }
            }
        }
        return result
    }

    /// Rebases the relative paths of a configuration written at the root onto `prefix`
    /// (`../../` for `.output/server`).
    package static func rebasePaths(_ members: [String: JSONValue], prefix: String) -> [String: JSONValue] {
        var members = members
        for path in pathKeys {
            members = update(members, path[...]) { rebase($0, prefix: prefix) }
        }
        for key in pathMapKeys {
            if case .object(let map)? = members[key] {
                members[key] = .object(map.mapValues { rebase($0, prefix: prefix) })
            }
        }
        return members
    }

    static func update(
        _ members: [String: JSONValue], _ path: ArraySlice<String>, _ change: (JSONValue) -> JSONValue
    ) -> [String: JSONValue] {
        guard let key = path.first, let value = members[key] else { return members }
        var members = members
        if path.count == 1 {
            members[key] = change(value)
        } else if case .object(let inner) = value {
            members[key] = .object(update(inner, path.dropFirst(), change))
        }
        return members
    }

    static func rebase(_ value: JSONValue, prefix: String) -> JSONValue {
        switch value {
        case .string(let path) where !path.hasPrefix("/") && !path.isEmpty:
            let normalized = ProjectPath.normalize(path) ?? path
            return .string(prefix + (normalized.isEmpty ? "." : normalized))
        case .array(let items):
            return .array(items.map { rebase($0, prefix: prefix) })
        default:
            return value
        }
    }

    /// `"../"` once per segment of `folder`: the way from `folder` back to the root.
    package static func upward(from folder: String) -> String {
        String(repeating: "../", count: folder.split(separator: "/").count)
    }

    /// The crons a source lists in `triggers.crons`, or why they cannot be read.
    static func crons(in members: [String: JSONValue]) -> (crons: [String], problem: String?) {
        guard let triggers = members["triggers"] else { return ([], nil) }
        guard case .object(let object) = triggers else { return ([], "`triggers` must be an object") }
        guard let crons = object["crons"] else { return ([], nil) }
        guard case .array(let items) = crons else { return ([], "`triggers.crons` must be an array of strings") }
        var result: [String] = []
        for item in items {
            guard case .string(let text) = item else { return ([], "`triggers.crons` must be an array of strings") }
            result.append(text)
        }
        return (result, nil)
    }
}
