import Foundation
import NitroJSON
import NitroTestSupport
import Testing

/// End to end without Cloudflare: Fixtures/basic with `cloudflare.container`, built by the real
/// `nitro build` and `swift build --traits NitroCloudflare`, serving on loopback; the generated
/// Worker module runs under Node.js with a stand-in for the container platform
/// (``CloudflareWorkerHarness``) that forwards the container's requests to that app. Cron Triggers
/// use the strings of the generated wrangler.json. (One compile, 20-60 s.)
@Suite(.serialized, .enabled(if: CloudflareWorkerHarness.node != nil, "needs Node.js 20 (node) to run the Worker"))
struct CloudflareWorkerTests {
    static let secret = "worker-and-container-share-this-0123456789"
    static let scheduledTime = "1830484800000"  // 2028-01-03T04:00:00Z: an instant of every schedule of the app

    static let config = """
        import { defineNitroConfig } from "nitro/config";

        export default defineNitroConfig({
          experimental: { tasks: true },
          preset: "cloudflare_module",
          cloudflare: {
            container: { port: 8080, maxInstances: 2, sleepAfter: "2m" },
            wrangler: { name: "basic", compatibility_date: "2025-06-01" },
          },
          tasks: { "db:seed": { description: "Seed the database with demo content" } },
          scheduledTasks: {
            "* * * * *": ["cms:update"],
            "0 * * * *": "db:cleanup",
            "0 4 * * *": ["report:broken", "cms:update"],
          },
        });
        """

    static let brokenTask = """
        import NitroTasks

        struct ReportServerDown: Error, CustomStringConvertible {
            var description: String { "the report server is down" }
        }

        let broken = defineTask { (_: TaskEvent) -> TaskResult in throw ReportServerDown() }
        """

    @Test func theWorkerRunsTheCronTriggersAndForwardsRequestsToTheSwiftApp() async throws {
        let node = try #require(CloudflareWorkerHarness.node)
        let app = try FixtureApp(copying: RepositoryPaths.fixture("basic"))
        try Data(Self.config.utf8).write(to: URL(fileURLWithPath: app.root + "/nitro.config.ts"))
        try FileManager.default.createDirectory(atPath: app.root + "/Sources/App/tasks/report", withIntermediateDirectories: true)
        try Data(Self.brokenTask.utf8).write(to: URL(fileURLWithPath: app.root + "/Sources/App/tasks/report/broken.swift"))

        let build = try await app.nitro(["build"])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("wrote .output/server/index.mjs"))
        let wrangler = try JSONReader.parse(try #require(app.folder.read(".output/server/wrangler.json")))
        #expect(wrangler["main"] == "index.mjs")
        #expect(wrangler["containers"] == [["class_name": "NitroApp", "image": "../../Dockerfile", "max_instances": 2]])
        #expect(wrangler["durable_objects"] == ["bindings": [["class_name": "NitroApp", "name": "NITRO_CONTAINER"]]])
        #expect(wrangler["migrations"] == [["new_sqlite_classes": ["NitroApp"], "tag": "nitro-NitroApp"]])
        let crons = (wrangler["triggers"]?["crons"]?.arrayValue ?? []).compactMap(\.stringValue)
        #expect(crons == ["* * * * *", "0 * * * *", "0 4 * * *"])

        try await app.swiftBuild(traits: ["NitroCloudflare"])
        let server = try BackgroundProcess(
            app.root + "/.build/debug/App", ["serve"], currentDirectory: app.root,
            environment: [
                "PORT": "0", "HOST": "127.0.0.1", "NITRO_SCHEDULER": "off", "NITRO_SCHEDULED_SECRET": Self.secret,
            ])
        defer { server.stop() }
        let port = try await eventually(seconds: 60, "the container server to listen") { () -> String? in
            guard let range = server.output.range(of: #"Listening on 127\.0\.0\.1:[0-9]+"#, options: .regularExpression)
            else { return nil }
            return String(server.output[range].split(separator: ":").last!)
        }
        try CloudflareWorkerHarness.install(
            in: app.root, className: "NitroApp", binding: "NITRO_CONTAINER", secretBinding: "NITRO_SCHEDULED_SECRET")

        func worker(_ arguments: [String], secret: String? = Self.secret) async throws -> ProcessOutput {
            var environment = ["NITRO_TEST_APP_PORT": port]
            environment["WORKER_SECRET"] = secret
            return try await ProcessRunner.run(
                node, ["harness.mjs"] + arguments, currentDirectory: app.root, environment: environment, timeout: 60)
        }
        func runs(_ task: String) -> Int {
            server.output.components(separatedBy: "task \(task) succeeded (cloudflare, scheduledTime \(Self.scheduledTime))").count - 1
        }

        // Each Cron Trigger of the generated wrangler.json runs its tasks once, with its scheduledTime.
        let everyMinute = try await worker(["scheduled", crons[0], Self.scheduledTime])
        #expect(everyMinute.stdout.hasPrefix("scheduled: ok\nwaitUntil: 1\n"), "\(everyMinute.stdout)\(everyMinute.stderr)")
        #expect(
            everyMinute.stdout.contains(
                #"container: defaultPort=8080 sleepAfter=2m envVars={"PORT":"8080","NITRO_SCHEDULER":"off","NITRO_SCHEDULED_SECRET":"\#(Self.secret)"}"#
            ), "\(everyMinute.stdout)")
        #expect(runs("cms:update") == 1, "\(server.output)")
        let hourly = try await worker(["scheduled", crons[1], Self.scheduledTime])
        #expect(hourly.stdout.hasPrefix("scheduled: ok\n"), "\(hourly.stdout)\(hourly.stderr)")
        #expect(runs("db:cleanup") == 1)
        #expect(runs("cms:update") == 1)

        // A failing task is named (console.error) and the invocation throws; the others still ran.
        let failing = try await worker(["scheduled", crons[2], Self.scheduledTime])
        #expect(failing.stdout.hasPrefix("scheduled: threw nitro scheduled: task(s) failed: report:broken\n"), "\(failing.stdout)")
        #expect(
            failing.stderr.contains("nitro scheduled: task 'report:broken' failed (cron '0 4 * * *'): the report server is down"),
            "\(failing.stderr)")
        #expect(runs("cms:update") == 2)

        // fetch goes to the container.
        let fetched = try await worker(["fetch", "/"])
        #expect(fetched.stdout.hasPrefix(#"fetch: 200 {"status":"ok"}"#), "\(fetched.stdout)\(fetched.stderr)")

        // A wrong or missing secret runs nothing.
        let wrong = try await worker(["scheduled", crons[0], Self.scheduledTime], secret: String(Self.secret.reversed()))
        #expect(
            wrong.stdout.hasPrefix("scheduled: threw nitro scheduled: the app answered 401 for cron '* * * * *': Unauthorized\n"),
            "\(wrong.stdout)")
        let missing = try await worker(["scheduled", crons[0], Self.scheduledTime], secret: nil)
        #expect(
            missing.stdout.hasPrefix("scheduled: threw nitro scheduled: the Worker secret NITRO_SCHEDULED_SECRET is not set"),
            "\(missing.stdout)")
        #expect(runs("cms:update") == 2)

        server.signal(SIGTERM)
        #expect(await server.waitForExit(seconds: 30) == 0, "\(server.output)")
    }
}
