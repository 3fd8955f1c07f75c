import Foundation
import NitroJSON
import NitroTestSupport
import Testing

/// End to end: the strings `nitro build` writes into the platform files are exactly the ones the
/// compiled registry's entry points recognise. `Fixtures/build/preset-platform-app/project` is
/// built for Cloudflare and for Vercel, compiled, and asked, as the platform would ask it, to run
/// every trigger the generated file declares. (Two compiles, 20-40 s.)
@Suite("Presets: platform files and the compiled entry points agree", .serialized)
struct PresetPlatformAppTests {
    static let fixture = RepositoryPaths.fixture("build/preset-platform-app/project")

    func json(_ app: FixtureApp, _ path: String) throws -> JSONValue {
        try JSONReader.parse(try #require(app.folder.read(path)))
    }

    @Test("Cloudflare: every triggers.crons string runs its schedule's tasks; an unknown one is logged")
    func cloudflare() async throws {
        let app = try FixtureApp(copying: Self.fixture)
        let build = try await app.nitro(["build"])
        #expect(build.status == 0, "\(build.stderr)")
        // A second build writes nothing and --check agrees, platform files included.
        let again = try await app.nitro(["build"])
        #expect(again.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("unchanged ") }.count == 3, "\(again.stdout)")
        #expect(try await app.nitro(["build", "--check"]).status == 0)

        let wrangler = try json(app, ".output/server/wrangler.json")
        let crons = (wrangler["triggers"]?["crons"]?.arrayValue ?? []).compactMap { $0.stringValue }
        #expect(crons == ["0 7,8 * * MON", "*/5 * * * *"])
        #expect(try json(app, ".wrangler/deploy/config.json") == ["configPath": "../../.output/server/wrangler.json"])
        try await app.swiftBuild()
        // Monday 2028-01-03 08:00Z is 09:00 in the fixture's Europe/Berlin (UTC+01:00): an instant of both schedules.
        let expectedTasks = ["0 7,8 * * MON": "report,ping", "*/5 * * * *": "ping"]
        for cron in crons {
            let run = try await app.run("App", ["cloudflare", cron, "1830499200000"])
            #expect(run.stdout == "matched=true tasks=\(expectedTasks[cron]!) failures=0\n", "\(cron): \(run.stdout) \(run.stderr)")
        }
        // 07:00Z that day is 08:00 in Berlin: the trigger fires (it covers summer time) and runs nothing.
        let winterSeven = try await app.run("App", ["cloudflare", "0 7,8 * * MON", "1830495600000"])
        #expect(winterSeven.stdout == "matched=true tasks= failures=0\n", "\(winterSeven.stdout) \(winterSeven.stderr)")
        // Monday 2028-03-27 07:00Z is 09:00 in Berlin's summer time (UTC+02:00): the weekly schedule runs.
        let summer = try await app.run("App", ["cloudflare", "0 7,8 * * MON", "1837753200000"])
        #expect(summer.stdout == "matched=true tasks=report,ping failures=0\n", "\(summer.stdout) \(summer.stderr)")
        let unknown = try await app.run("App", ["cloudflare", "1 1 * * *", "0"])
        #expect(unknown.stdout.contains("log: cloudflare scheduled: no schedule for cron '1 1 * * *'"))
        #expect(unknown.stdout.hasSuffix("matched=false tasks= failures=0\n"))
    }

    @Test("Vercel: every crons[].schedule is accepted by the handler; a wrong secret of the same length is not")
    func vercel() async throws {
        let app = try FixtureApp(copying: Self.fixture)
        let build = try await app.nitro(["build", "--preset", "vercel"])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stderr.contains("warning: Vercel schedule '*/5 * * * *' fires more than once a day"))
        let config = try json(app, ".vercel/output/config.json")
        #expect(
            config == [
                "version": 3,
                "crons": [
                    ["path": "/_vercel/cron", "schedule": "0 7 * 3-10 1"], ["path": "/_vercel/cron", "schedule": "0 8 * 1-3,10-12 1"],
                    ["path": "/_vercel/cron", "schedule": "*/5 * * * *"],
                ],
            ])
        try await app.swiftBuild()
        // Each cron called 20 s after an instant of it that is 09:00 in Berlin (summer, then winter).
        let calls = ["0 7 * 3-10 1": "1837753220000", "0 8 * 1-3,10-12 1": "1830499220000", "*/5 * * * *": "1830499220000"]
        for job in config["crons"]?.arrayValue ?? [] {
            let schedule = try #require(job["schedule"]?.stringValue)
            let run = try await app.run("App", ["vercel", schedule, "correct-horse-battery", try #require(calls[schedule])])
            #expect(run.stdout == "200 {\"success\":true}\n", "\(schedule): \(run.stdout) \(run.stderr)")
        }
        // The summer cron in winter: Vercel never calls it then, and the app would run nothing.
        let offSeason = try await app.run("App", ["vercel", "0 7 * 3-10 1", "correct-horse-battery", "1830495620000"])
        #expect(offSeason.stdout == "200 {\"ran\":[],\"skipped\":[\"0 9 * * 1\"],\"success\":true}\n", "\(offSeason.stdout)")
        let wrong = try await app.run("App", ["vercel", "0 7 * 3-10 1", "correct-horse-batterx"])
        #expect(wrong.stdout.hasPrefix("401 "))
        let unknown = try await app.run("App", ["vercel", "0 0 * * *"])
        #expect(unknown.stdout.hasPrefix("404 "))
    }
}
