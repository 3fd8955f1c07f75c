import NitroSync
import NitroTestSupport
import Foundation
import NitroCLI
import Testing

/// Terminal UX: colour only on a terminal and never with NO_COLOR, `--color` anywhere and for
/// every command, progress lines only on a terminal outside CI.
@Suite("terminal output")
struct HelpTerminalTests {
    @Test(
        "colour and progress decisions",
        arguments: [
            // mode, environment, stderr is a terminal → colour, progress
            (Console.ColorMode.auto, [String: String](), true, true, true),
            (.auto, [:], false, false, false),
            (.auto, ["NO_COLOR": "1"], true, false, true),
            (.auto, ["NO_COLOR": ""], true, true, true),
            (.auto, ["TERM": "dumb"], true, false, false),
            (.auto, ["CI": "true"], true, true, false),
            (.always, ["NO_COLOR": "1", "CI": "true"], false, true, false),
            (.never, [:], true, false, true),
        ])
    func decisions(
        mode: Console.ColorMode, environment: [String: String], terminal: Bool, color: Bool, progress: Bool
    ) async {
        let features = Console.features(colorMode: mode, environment: environment, stderrIsTerminal: terminal)
        #expect(features.color == color)
        #expect(features.progress == progress)
    }

    /// Runs `nitro ARGUMENTS` on a pseudo-terminal (util-linux `script`), returning what it printed.
    static func onTerminal(_ arguments: [String], environment: [String: String] = [:]) async throws -> String {
        guard let nitro = NitroBinary.path else { throw NitroBinary.Missing() }
        let command = ([nitro] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            .joined(separator: " ")
        var merged = ["NO_COLOR": "", "CI": "", "TERM": "xterm"]
        for (key, value) in environment { merged[key] = value }
        let variables = merged
        let output = try await offThread {
            try ProcessRunner.run(
                "/usr/bin/script", ["-qec", command, "/dev/null"], currentDirectory: RepositoryPaths.root,
                environment: variables)
        }
        return output.stdout
    }

    static let escape = "\u{1B}["

    @Test("on a terminal diagnostics are coloured; NO_COLOR or --color never turn it off")
    func terminalColour() async throws {
        let invalid = ["cron", "0 0 32 * *"]
        #expect(try await Self.onTerminal(invalid).contains(Self.escape + "1;31merror:"))
        #expect(!(try await Self.onTerminal(invalid, environment: ["NO_COLOR": "1"]).contains(Self.escape)))
        #expect(!(try await Self.onTerminal(invalid + ["--color", "never"]).contains(Self.escape)))
        #expect(!(try await Self.onTerminal(invalid, environment: ["TERM": "dumb"]).contains(Self.escape)))
    }

    @Test(
        "off a terminal no colour unless --color always, which works anywhere on the line and for every command",
        arguments: [
            ["cron", "0 0 32 * *"],
            ["build", "--root", "/nonexistent-nitro", "--check"],
            ["task", "list", "--root", "Fixtures/build/error-scan/project"],
        ])
    func pipeColour(_ arguments: [String]) async throws {
        let plain = try await offThread {
            try NitroBinary.run(arguments, currentDirectory: RepositoryPaths.root, environment: ["NO_COLOR": ""])
        }
        #expect(plain.status != 0)
        #expect(!plain.stderr.contains(Self.escape))
        let first = try await HelpTests.nitro(["--color", "always"] + arguments)
        let last = try await HelpTests.nitro(arguments + ["--color=always"])
        #expect(first.stderr == last.stderr)
        #expect(first.status == plain.status)
        if !arguments.contains("/nonexistent-nitro") {  // usage errors are plain text
            #expect(first.stderr.contains(Self.escape + "1;31merror:" + Self.escape + "0m"), "\(first.stderr)")
        }
    }

    @Test("an unknown --color value is a usage error")
    func badColour() async throws {
        let output = try await HelpTests.nitro(["--color", "sometimes", "cron", "* * * * *"])
        #expect(output.status == 64)
        #expect(output.stderr.hasPrefix("Error: The value 'sometimes' for '--color' is not one of auto, always, never\n"))
    }

    @Test("the progress line is drawn in place and erased before the next line; nothing when progress is off")
    func progressLine() async throws {
        let folder = try TemporaryDirectory()
        for shows in [true, false] {
            let path = folder.appending("stderr-\(shows)")
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            let console = Console(
                useColor: false, showsProgress: shows, outputDescriptor: handle.fileDescriptor,
                errorDescriptor: handle.fileDescriptor)
            let progress = ScanProgress(console: console, delay: .zero)
            progress.file()
            progress.file()  // within 100 ms of the first: not redrawn
            console.err("a diagnostic")
            progress.finish()
            try handle.close()
            let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
            if shows {
                #expect(text == "\r\u{1B}[2Knitro build: reading task files… 1\r\u{1B}[2Ka diagnostic\n")
            } else {
                #expect(text == "a diagnostic\n")
            }
        }
    }

    @Test("a build on a terminal in CI, or a quick one, prints no progress line")
    func noProgressInCI() async throws {
        let ci = try await Self.onTerminal(["build", "--root", "Fixtures/basic", "--check"], environment: ["CI": "true"])
        #expect(ci.contains("up to date"))
        #expect(!ci.contains("reading task files"))
        let quick = try await Self.onTerminal(["build", "--root", "Fixtures/basic", "--check"])
        #expect(!quick.contains("reading task files"))  // under a quarter second: never shown
    }
}
