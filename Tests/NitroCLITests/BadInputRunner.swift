import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the real `nitro` for the bad-input corpus, as the current user or, for the cases about
/// permissions, as `nobody` when the tests run as root (root reads and writes whatever the mode).
enum BadInputRunner {
    /// Runs `nitro ARGUMENTS` in `root`.
    static func nitro(
        _ arguments: [String], in root: String, environment: [String: String], unprivileged: Bool
    ) throws -> ProcessOutput {
        guard unprivileged, getuid() == 0 else {
            return try NitroBinary.run(arguments, currentDirectory: root, environment: environment, timeout: 120)
        }
        guard let binary = NitroBinary.path else { throw NitroBinary.Missing() }
        // `nobody` may not be able to reach the build folder: run a world-readable copy.
        let copyFolder = try TemporaryDirectory("nitro-binary")
        chmod(copyFolder.path, 0o755)
        let copy = copyFolder.appending("nitro")
        try FileManager.default.copyItem(atPath: binary, toPath: copy)
        chmod(copy, 0o755)
        makeTraversable(root)
        if let setpriv = BadInputSetup.executable("setpriv") {
            return try ProcessRunner.run(
                setpriv, ["--reuid=nobody", "--regid=nogroup", "--clear-groups", copy] + arguments, currentDirectory: root,
                environment: environment, timeout: 120)
        }
        if let runuser = BadInputSetup.executable("runuser") {
            return try ProcessRunner.run(
                runuser, ["-u", "nobody", "--", copy] + arguments, currentDirectory: root, environment: environment,
                timeout: 120)
        }
        throw BadInputSetup.Failure(description: "running as root without setpriv or runuser: cannot drop privileges")
    }

    /// Lets other users into `path` and its parents (temporary folders may be 0700).
    private static func makeTraversable(_ path: String) {
        var folder = path
        while folder.count > 1 {
            var info = stat()
            if stat(folder, &info) == 0, info.st_mode & 0o001 == 0 { chmod(folder, info.st_mode & 0o7777 | 0o011) }
            folder = (folder as NSString).deletingLastPathComponent
        }
    }
}
