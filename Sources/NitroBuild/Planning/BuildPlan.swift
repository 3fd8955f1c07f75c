/// One file the build wants on disk: root-relative path and exact bytes (produced in pieces,
/// ``FileContent``).
package struct GeneratedFile: Sendable, Equatable {
    package var path: String
    package var content: FileContent

    package init(path: String, content: FileContent) {
        self.path = path
        self.content = content
    }

    package init(path: String, bytes: [UInt8]) {
        self.init(path: path, content: FileContent(bytes))
    }

    package init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The whole file (``FileContent/bytes``).
    package var bytes: [UInt8] { content.bytes }

    /// Same path and same bytes.
    package static func == (lhs: GeneratedFile, rhs: GeneratedFile) -> Bool {
        lhs.path == rhs.path && lhs.bytes == rhs.bytes
    }
}

/// The result of planning: the files and the findings. `nitro build` writes the files that
/// differ (only when there is no error); `--check` compares them with the disk. One plan, two modes.
package struct BuildPlan: Sendable {
    /// Files in a stable order: the registry first, then what preset outputs added.
    package var files: [GeneratedFile]
    /// Findings in print order; under `--strict` warnings are already errors.
    package var diagnostics: [Diagnostic]
    /// The merged model (present unless the config could not be located at all).
    package var model: BuildModel?
    /// How the build read the project (which `Package.swift` targets, or why it fell back):
    /// printed by `nitro build --verbose`, never a finding.
    package var notes: [String] = []
    /// With tasks in several targets, each target's name and registry path (the primary first);
    /// empty for the usual single registry, which is `files[0]`.
    package var registries: [(target: String, path: String)] = []

    package var hasErrors: Bool { diagnostics.hasErrors }
}

/// Options of one build that do not come from the project files.
package struct BuildOptions: Sendable {
    /// A preset chosen outside the config (`--preset`, `NITRO_PRESET`): the name and where it came from.
    package var presetOverride: (name: String, origin: String)?
    /// `--strict`: warnings become errors.
    package var strict: Bool

    package init(presetOverride: (name: String, origin: String)? = nil, strict: Bool = false) {
        self.presetOverride = presetOverride
        self.strict = strict
    }
}
