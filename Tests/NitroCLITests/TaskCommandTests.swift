import NitroSync
import NitroTestSupport
import Foundation
import NitroCLI
import NitroJSON
import NitroTasks
import NitroTasksDevServer
import NitroTasksRoutes
import Testing

private struct Refusal: Error, CustomStringConvertible {
    var description: String { "refused: \"quoted\" and\nmultiline" }
}

/// `nitro task` as the real binary against a development server started in this process
/// (fast: no fixture build), plus the pieces it is made of.
@Suite struct TaskCommandTests {
    static func registry() -> TaskRegistry {
        let echo = defineTask { event in TaskResult(result: event.payload) }
        let refuse = defineTask { _ -> TaskResult in throw Refusal() }
        return TaskRegistry(
            tasks: [
                .init("echo", description: "Echo", definition: { echo }),
                .init("with space/and:colon", definition: { echo }),
                .init("refuse", definition: { refuse }),
            ],
            scheduledTasks: [.init(cron: "*/5 * * * *", tasks: ["echo", "refuse"])])
    }

    /// Runs `nitro task ARGUMENTS --root ROOT` against a server whose info file is in ROOT.
    func withServer(_ body: (TemporaryDirectory, Int) async throws -> Void) async throws {
        let root = try TemporaryDirectory("nitro-task")
        let server = DevServer(
            runner: TaskRunner(registry: Self.registry()), configuration: .init(infoFile: root.appending(".nitro/dev.json")))
        let port = try server.start()
        do { try await body(root, port) } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    func nitro(_ arguments: [String], root: TemporaryDirectory) async throws -> ProcessOutput {
        let path = root.path
        return try await offThread { () throws -> ProcessOutput in
            try NitroBinary.run(["task"] + arguments + ["--root", path], currentDirectory: path)
        }
    }

    @Test func listsAndRunsThroughTheInfoFile() async throws {
        try await withServer { root, port in
            let list = try await nitro(["list"], root: root)
            #expect(list.status == 0 && list.stderr == "")
            let echoLine = "echo" + String(repeating: " ", count: 16) + "  Echo\n"  // padded to the longest name (20)
            #expect(list.stdout == echoLine + "refuse\nwith space/and:colon\n\nScheduled tasks:\n  */5 * * * *  echo, refuse\n")
            let json = try await nitro(["list", "--json"], root: root)
            #expect(try JSONReader.parse(json.stdout) == TaskRoutes.listing(Self.registry()))
            #expect(json.stdout.hasSuffix("}\n") && json.stdout.contains("\n  \"scheduledTasks\": ["))

            let run = try await nitro(["run", "with space/and:colon", "--payload", #"{"k": [1, true]}"#], root: root)
            #expect(run.status == 0 && run.stderr == "")
            #expect(run.stdout == "{\n  \"result\": {\n    \"k\": [\n      1,\n      true\n    ]\n  }\n}\n")
            let viaURL = try await nitro(["run", "echo", "--url", "http://127.0.0.1:\(port)/"], root: root)
            #expect(viaURL.status == 0 && viaURL.stdout == "{\n  \"result\": {}\n}\n")
        }
    }

    @Test func reportsFailuresWithTheServersMessage() async throws {
        try await withServer { root, _ in
            let refused = try await nitro(["run", "refuse"], root: root)
            #expect(refused.status == 1 && refused.stdout == "")
            #expect(refused.stderr == "error: refused: \"quoted\" and\nmultiline (status 500)\n")
            let missing = try await nitro(["run", "nope"], root: root)
            #expect(missing.status == 1 && missing.stderr == "error: Task `nope` is not available! (status 404)\n")
            for bad in ["nope", "\"text\"", "[]", ""] {
                let ignored = try await nitro(["run", "echo", "--payload", bad], root: root)
                #expect(ignored.status == 0 && ignored.stdout == "{\n  \"result\": {}\n}\n")
                #expect(ignored.stderr.hasPrefix("warning: --payload is ignored: it is "))
                #expect(ignored.stderr.hasSuffix("; running `echo` without a payload\n"))
            }
        }
    }

    @Test func saysHowToStartAServerWhenNoneRuns() async throws {
        let root = try TemporaryDirectory("nitro-task")
        let none = try await nitro(["run", "echo"], root: root)
        #expect(none.status == 1 && none.stdout == "")
        #expect(
            none.stderr
                == "error: no development server is running (no .nitro/dev.json in \(root.path)); start it with `nitro dev` in another terminal, or pass --url\n"
        )
        // A stale info file (its process is gone) counts as no server.
        try root.write(".nitro/dev.json", #"{"host":"127.0.0.1","pid":2147483600,"port":9,"url":"http://127.0.0.1:9"}"#)
        let stale = try await nitro(["run", "echo"], root: root)
        #expect(stale.status == 1 && stale.stderr.contains("which is not running (a stale file)"))
        // An info file that names another machine: nothing is sent there (list and run alike).
        for host in ["10.0.0.5", "example.com", "evil.localhost", "::2", "0.0.0.1"] {
            try root.write(".nitro/dev.json", #"{"host":"\#(host)","pid":1,"port":3000,"url":"http://x"}"#)
            for arguments in [["run", "echo", "--payload", #"{"secret":1}"#], ["list"]] {
                let elsewhere = try await nitro(arguments, root: root)
                #expect(elsewhere.status == 1 && elsewhere.stdout == "", "\(host) \(arguments)")
                #expect(
                    elsewhere.stderr.contains("names the host '\(host)', which is not a loopback address"),
                    "\(host): \(elsewhere.stderr)")
            }
        }
        // Nothing listening at --url.
        let refused = try await nitro(["run", "echo", "--url", "http://127.0.0.1:9"], root: root)
        #expect(refused.status == 1 && refused.stderr.contains("nothing answers at http://127.0.0.1:9"))
    }

    @Test func rejectsBadUsage() async throws {
        let root = try TemporaryDirectory("nitro-task")
        for arguments in [[], ["frobnicate"], ["run"], ["list", "--url", "ftp://x"], ["run", "a", "--payload"]] {
            let output = try await nitro(arguments, root: root)
            #expect(output.status == 64, "\(arguments)")
            #expect(output.stderr.hasPrefix("Error: "))
        }
    }

    @Test(arguments: [
        ("http://127.0.0.1:3000", HTTPEndpoint(host: "127.0.0.1", port: 3000)),
        ("http://localhost", HTTPEndpoint(host: "localhost", port: 80)),
        ("http://[::1]:8080/base/", HTTPEndpoint(host: "::1", port: 8080, basePath: "/base")),
        ("HTTP://127.0.0.1:3000/_nitro/tasks", HTTPEndpoint(host: "127.0.0.1", port: 3000)),
    ])
    func readsServerURLs(text: String, endpoint: HTTPEndpoint) async {
        #expect(HTTPEndpoint(url: text) == endpoint)
    }

    @Test func rejectsURLsItCannotUse() async {
        for text in ["https://x", "127.0.0.1:3000", "http://", "http://x:0", "http://x:99999", "http://u@x", "http://[::1"] {
            #expect(HTTPEndpoint(url: text) == nil, "\(text)")
        }
        #expect(HTTPEndpoint(host: "::1", port: 3000).description == "http://[::1]:3000")
    }
}
