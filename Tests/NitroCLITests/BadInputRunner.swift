import NitroTestSupport
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
        // A hard link where possible: a copy is open for writing for a moment, and a process that
        // another test forks meanwhile inherits that descriptor, making exec fail (ETXTBSY).
        if link(binary, copy) != 0 {
            try FileManager.default.copyItem(atPath: binary, toPath: copy)
            chmod(copy, 0o755)
        }
        makeTraversable(root)
        let command: [String]
        if let setpriv = BadInputSetup.executable("setpriv") {
            command = [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups", copy]
        } else if let runuser = BadInputSetup.executable("runuser") {
            command = [runuser, "-u", "nobody", "--", copy]
        } else {
            throw BadInputSetup.Failure(description: "running as root without setpriv or runuser: cannot drop privileges")
        }
        var output = try ProcessRunner.run(
            command[0], Array(command.dropFirst()) + arguments, currentDirectory: root, environment: environment, timeout: 120)
        for _ in 0..<20 where output.status == 126 && output.stderr.contains("Text file busy") {
            usleep(50_000)  // the copy's descriptor, inherited by a child another test forked, is closing
            output = try ProcessRunner.run(
                command[0], Array(command.dropFirst()) + arguments, currentDirectory: root, environment: environment,
                timeout: 120)
        }
        return output
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
