/// The config as read: the typed model and the findings (syntax errors, wrong types, unknown keys).
package struct ConfigReading: Sendable {
    package var config: NitroConfig
    package var diagnostics: [Diagnostic]
}

/// Reads `nitro.config.json` or the static object of `nitro.config.ts` / `.mts` / `.js` / `.mjs`.
package enum ConfigReader {
    /// The config file names looked for at the project root, in order of preference.
    package static let fileNames = [
        "nitro.config.ts", "nitro.config.mts", "nitro.config.js", "nitro.config.mjs", "nitro.config.json",
    ]

    /// Reads the config files found at the root (zero or one is fine; two is an error).
    package static func read(_ files: [SourceFile]) -> ConfigReading {
        let ordered = files.sorted {
            (fileNames.firstIndex(of: $0.path) ?? .max, $0.path) < (fileNames.firstIndex(of: $1.path) ?? .max, $1.path)
        }
        guard let file = ordered.first else { return ConfigReading(config: NitroConfig(), diagnostics: []) }
        var diagnostics: [Diagnostic] = []
        for extra in ordered.dropFirst() {
            diagnostics.append(
                .error(
                    SourceLocation(path: extra.path),
                    "two config files: \(file.path) and \(extra.path); Nitro would read only one, so keep one and delete the other"
                ))
        }
        do {
            let value = try parse(file)
            var decoder = ConfigDecoder(path: file.path)
            let config = decoder.decode(value)
            return ConfigReading(config: config, diagnostics: diagnostics + decoder.diagnostics)
        } catch {
            diagnostics.append(.error(error.location, error.message))
            return ConfigReading(config: NitroConfig(path: file.path), diagnostics: diagnostics)
        }
    }

    /// The config object of one file, with every value's place.
    package static func parse(_ file: SourceFile) throws(ConfigReadError) -> ConfigValue {
        if let offset = UTF8Validation.firstInvalidOffset(file.bytes) {
            let finding = UTF8Validation.diagnostic(file, offset: offset)
            throw ConfigReadError(location: finding.location!, message: finding.message)
        }
        let json = file.path.hasSuffix(".json")
        let tokens: [ScriptToken]
        do {
            tokens = try ScriptLexer.tokenize(file.bytes, json: json)
        } catch {
            throw ConfigReadError(
                location: LineIndex(file.bytes).location(of: error.offset, in: file.path), message: error.message)
        }
        var parser = ConfigLiteralParser(bytes: file.bytes, tokens: tokens, path: file.path, json: json)
        return json ? try parser.parseJSONDocument() : try parser.parseScriptDocument()
    }
}
