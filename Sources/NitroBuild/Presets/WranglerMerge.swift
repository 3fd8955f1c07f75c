import NitroJSON

/// How the generated `wrangler.json` is put together from its sources.
///
/// Precedence, highest first: the keys `nitro build` forces (`triggers.crons`), the config's
/// `cloudflare.wrangler`, the user's `wrangler.json` / `.jsonc` / `.toml`, defaults (none today).
/// Objects merge key by key at every depth; any other value (string, number, array) is taken
/// whole from the highest source that has it. `triggers.crons` is the exception: the union of
/// every source's crons and the translated schedules, first occurrence kept.
package enum WranglerMerge {
    /// Keys whose string values are paths that wrangler resolves relative to the configuration
    /// file holding them (its `configPath`, which is the generated file once redirected). The
    /// generated file lives in `<output.dir>/server/`, so paths written at the root are rebased.
    /// `[]` steps into every element of an array. From wrangler's source (cloudflare/workers-sdk,
    /// listed in Docs/Presets.md): `build.cwd` (run from wrangler's working folder) and `alias`
    /// (resolved from the user's own file's folder) are left alone.
    static let pathKeys: [[String]] = [
        ["main"], ["base_dir"], ["tsconfig"], ["pages_build_output_dir"], ["assets", "directory"], ["site", "bucket"],
        ["site", "entry-point"], ["build", "watch_dir"], ["d1_databases", "[]", "migrations_dir"],
        ["containers", "[]", "image_build_context"], ["previews", "containers", "[]", "image_build_context"],
    ]
    /// Container images: a path to a Dockerfile is rebased, a registry reference is not.
    static let imageKeys: [[String]] = [
        ["containers", "[]", "image"], ["containers", "[]", "configuration", "image"],
        ["previews", "containers", "[]", "image"], ["previews", "containers", "[]", "configuration", "image"],
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
        for path in imageKeys {
            members = update(members, path[...]) { value in
                guard case .string(let image) = value, isDockerfilePath(image) else { return value }
                return rebase(value, prefix: prefix)
            }
        }
        for key in pathMapKeys {
            if case .object(let map)? = members[key] {
                members[key] = .object(map.mapValues { rebase($0, prefix: prefix) })
            }
        }
        return members
    }

    /// Whether a container `image` names a Dockerfile rather than a registry image. Wrangler
    /// (`isDockerfile` in workers-utils' config validation) takes it as a Dockerfile when a file
    /// exists there, and otherwise requires a registry reference: a tag (`:`) in its last `/`
    /// segment and no `://`. `nitro build` does not look at the disk, so it decides by that shape:
    /// a value starting with `./` or `../`, or without a `:` in its last segment, is a path.
    package static func isDockerfilePath(_ image: String) -> Bool {
        if image.hasPrefix("./") || image.hasPrefix("../") { return true }
        if image.contains("://") { return false }
        return !ProjectPath.fileName(image).contains(":")
    }

    static func update(
        _ members: [String: JSONValue], _ path: ArraySlice<String>, _ change: (JSONValue) -> JSONValue
    ) -> [String: JSONValue] {
        guard let key = path.first, let value = members[key] else { return members }
        var members = members
        members[key] = updateValue(value, path.dropFirst(), change)
        return members
    }

    static func updateValue(_ value: JSONValue, _ path: ArraySlice<String>, _ change: (JSONValue) -> JSONValue)
        -> JSONValue
    {
        guard let step = path.first else { return change(value) }
        switch value {
        case .array(let items) where step == "[]":
            return .array(items.map { updateValue($0, path.dropFirst(), change) })
        case .object(let inner) where step != "[]":
            return .object(update(inner, path, change))
        default:
            return value
        }
    }

    static func rebase(_ value: JSONValue, prefix: String) -> JSONValue {
        switch value {
        case .string(let path) where !path.hasPrefix("/") && !path.isEmpty:
            let normalized = ProjectPath.normalize(path) ?? path
            if normalized.isEmpty { return .string(prefix.isEmpty ? "." : String(prefix.dropLast())) }
            return .string(prefix + normalized)
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
