import Foundation
import NitroSync
import NitroTestSupport
import Testing

@testable import NitroTasks
@testable import NitroTasksApp
import NitroTasksRoutes

/// `NitroTasksApp`'s commands, in process (the process-level `serve`/`dev` run in the CLI tests
/// on Fixtures/basic).
@Suite("App entry point")
struct AppEntryPointTests {
    struct Outcome {
        var status: Int32
        var out: [String]
        var err: [String]
    }

    static func run(
        _ arguments: [String], environment: [String: String] = [:], developmentServer: DevelopmentServer? = nil
    ) async -> Outcome {
        let out = Locked<[String]>([])
        let err = Locked<[String]>([])
        let command = AppCommand(
            runner: TaskRunner(registry: devServerTestRegistry()), environment: environment,
            developmentServer: developmentServer, out: { line in out.withLock { $0.append(line) } },
            err: { line in err.withLock { $0.append(line) } })
        let status = await command.run(arguments)
        return Outcome(status: status, out: out.withLock { $0 }, err: err.withLock { $0 })
    }

    @Test func runPrintsTheResultAsJSON() async {
        let migrate = await Self.run(["run", "db:migrate"])
        #expect(migrate.status == 0 && migrate.out == [#"{"result":"Success"}"#] && migrate.err == [])
        let echo = await Self.run(["run", "echo:payload", "--payload", #"{"user":"ada","n":2}"#])
        #expect(echo.status == 0 && echo.out == [#"{"result":{"n":2,"user":"ada"}}"#])
        let equals = await Self.run(["run", "--payload={\"a\":true}", "echo:payload"])
        #expect(equals.out == [#"{"result":{"a":true}}"#])
    }

    @Test func aFailingRunExitsWithStatusOneAndSaysTheStatus() async {
        let missing = await Self.run(["run", "nope"])
        #expect(missing.status == 1 && missing.out == [] && missing.err == ["error 404: Task `nope` is not available!"])
        let unimplemented = await Self.run(["run", "db:seed"])
        #expect(unimplemented.status == 1 && unimplemented.err == ["error 501: Task `db:seed` is not implemented!"])
        let teapot = await Self.run(["run", "tea:pot"])
        #expect(teapot.status == 1 && teapot.err == ["error 418: short and stout"])
    }

    @Test func aBadPayloadIsAClearUsageError() async {
        let invalid = await Self.run(["run", "echo:payload", "--payload", "{user: ada}"])
        #expect(invalid.status == 64 && invalid.out == [])
        #expect(invalid.err.first?.hasPrefix("error: --payload is not valid JSON:") == true, "\(invalid.err)")
        let array = await Self.run(["run", "echo:payload", "--payload", "[1]"])
        #expect(array.status == 64 && array.err.first?.contains("must be a JSON object") == true)
        for arguments in [["run"], ["run", "a", "b"], ["run", "a", "--payload"], ["frobnicate"], ["serve", "x"], ["list", "-v"]] {
            let bad = await Self.run(arguments)
            #expect(bad.status == 64 && bad.out == [], "\(arguments)")
            #expect(bad.err.last?.contains("usage: APP") == true, "\(arguments)")
        }
    }

    @Test func listShowsTasksAndSchedules() async throws {
        let text = await Self.run(["list"])
        #expect(text.status == 0)
        #expect(text.out.first?.contains("db:migrate    Run database migrations") == true, "\(text.out)")
        #expect(text.out.first?.contains("Scheduled tasks (UTC):\n  * * * * *  cms:publish\n  0 * * * *  db:migrate") == true)
        let json = await Self.run(["list", "--json"])
        #expect(try JSONReader.parse(json.out.joined()) == TaskRoutes.listing(devServerTestRegistry()))
        #expect(await Self.run(["help"]).out == [NitroTasksApp.usage])
    }

    @Test func serveRunsUntilItsTaskIsCancelledThenStopsGracefully() async {
        let serving = Task { await Self.run(["serve"], environment: ["NITRO_SCHEDULER": "off"]) }
        serving.cancel()
        let outcome = await serving.value
        #expect(outcome.status == 0)
        #expect(outcome.err == ["Scheduling 2 schedules (NITRO_SCHEDULER=off: not running them); SIGTERM or Ctrl-C stops", "Stopped"])
    }

    @Test func withoutADevelopmentServerDevModeIsAUsageErrorThatSaysWhatToLink() async {
        for (arguments, environment) in [(["dev"], [:]), ([], ["NITRO_DEV": "1"])] {
            let outcome = await Self.run(arguments, environment: environment)
            #expect(outcome.status == 64 && outcome.out == [], "\(arguments)")
            #expect(outcome.err == [AppCommand.noDevelopmentServer], "\(arguments)")
            #expect(outcome.err.first?.contains("NitroTasksAppDev") == true)
        }
    }

    @Test func devModeRunsTheGivenServerWithTheRunnerAndEnvironment() async {
        let seen = Locked<[String]>([])
        let server = DevelopmentServer { runner, environment in
            // A server that stops by itself (as the built-in one does when `nitro dev` goes away).
            seen.withLock { $0 = runner.registry.entries.map(\.name) + [environment["NITRO_DEV_PORT"] ?? "-"] }
        }
        let outcome = await Self.run(
            [], environment: ["NITRO_DEV": "1", "NITRO_DEV_PORT": "0", "NITRO_SCHEDULER": "off"], developmentServer: server)
        #expect(outcome.status == 0, "\(outcome.err)")
        #expect(seen.withLock { $0 } == devServerTestRegistry().entries.map(\.name) + ["0"])
    }

    @Test(.timeLimit(.minutes(1))) func devModeStopsItsServerWhenItsTaskIsCancelled() async throws {
        let started = Gate()
        let stopped = Gate()
        let server = DevelopmentServer { _, _ in
            started.open()
            // Serves until cancelled, like DevServer.serve (the sleep ends at once when cancelled).
            try? await Task.sleep(for: .seconds(600))
            stopped.open()
        }
        let serving = Task { await Self.run(["dev"], environment: ["NITRO_SCHEDULER": "off"], developmentServer: server) }
        try await waitUntil("the development server started", timeout: .seconds(30)) { started.isOpen }
        serving.cancel()
        let outcome = await serving.value
        #expect(outcome.status == 0, "\(outcome.err)")
        #expect(stopped.isOpen)
    }

    @Test func aFailingDevelopmentServerEndsDevModeWithStatusOne() async {
        struct Refused: Error, CustomStringConvertible { var description: String { "port taken" } }
        let server = DevelopmentServer { _, _ in throw Refused() }
        let outcome = await Self.run(["dev"], environment: ["NITRO_SCHEDULER": "off"], developmentServer: server)
        #expect(outcome.status == 1 && outcome.err == ["error: port taken"], "\(outcome.err)")
    }
}
