import NitroJSON

/// The package trait that turns on an app's development mode: `nitro dev` builds with it when the
/// app's package declares it, so that the app links `NitroTasksAppDev` (and its HTTP server) in
/// that build only, never in `swift build -c release` (Docs/Runtime.md, "The app entry point").
enum DevelopmentTrait {
    /// The trait's name, as an app's `Package.swift` declares it.
    static let name = "NitroDev"

    /// `swift build` arguments that enable the trait (with the package's default traits, which an
    /// explicit `--traits` would otherwise turn off), or none when the package (its
    /// `swift package dump-package` JSON) does not declare it.
    static func buildArguments(packageDescription json: JSONValue) -> [String] {
        let declared = (json["traits"]?.arrayValue ?? []).contains { $0["name"]?.stringValue == name }
        return declared ? ["--traits", "default," + name] : []
    }
}
