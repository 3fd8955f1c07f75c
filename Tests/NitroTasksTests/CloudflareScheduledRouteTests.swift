import Foundation
import NitroSync
import NitroTasks
import Testing

@testable import NitroTasksDevServer

private struct Outage: Error, CustomStringConvertible {
    var description: String { "the CMS is down" }
}

/// The app side of the generated Cloudflare Worker: `POST /_nitro/cloudflare/scheduled`.
@Suite(.timeLimit(.minutes(3))) struct CloudflareScheduledRouteTests {
    static let secret = "shared-secret-of-the-worker-0123"

    final class Runs: Sendable {
        let payloads = Locked<[String: [TaskPayload]]>([:])
    }

    /// Schedules matched by their own expression (no platform strings needed).
    func route(secret: String? = Self.secret, runs: Runs = Runs()) -> CloudflareScheduledRoute {
        let record = defineTask { event in runs.payloads.withLock { $0[event.name, default: []].append(event.payload) } }
        let failing = defineTask { (_: TaskEvent) -> TaskResult in throw Outage() }
        let runner = TaskRunner(
            registry: TaskRegistry(
                tasks: [.init("cms:update", definition: { record }), .init("cms:publish", definition: { failing })],
                scheduledTasks: [
                    .init(cron: "* * * * *", tasks: ["cms:update"]), .init(cron: "0 0 * * *", tasks: ["cms:publish", "cms:update"]),
                ]))
        return CloudflareScheduledRoute(
            runner: runner, environment: secret.map { [CloudflareScheduledRoute.secretVariable: $0] } ?? [:], log: { _ in })
    }

    func body(_ cron: String, _ time: Double = 1_830_470_400_000) -> [UInt8] {
        Array(JSONWriter.compact(["cron": .string(cron), "scheduledTime": .number(time)]).utf8)
    }

    let authorized = [(name: "Authorization", value: "Bearer " + secret)]

    @Test func runsTheTriggersTasksOnceWithItsScheduledTime() async {
        let runs = Runs()
        let response = await route(runs: runs).handle(method: "POST", headerFields: authorized, body: body("* * * * *"))
        #expect(response == .init(status: 200, body: ["success": true, "tasks": ["cms:update"]]))
        #expect(runs.payloads.withLock { $0 } == ["cms:update": [["scheduledTime": 1_830_470_400_000]]])
    }

    @Test func refusesAMissingOrWrongSecret() async {
        let runs = Runs()
        for value in [nil, "Bearer " + Self.secret.dropLast() + "4", "Bearer ", Self.secret, "Bearer " + Self.secret + " "] {
            let fields = value.map { [(name: "authorization", value: String($0))] } ?? []
            let response = await route(runs: runs).handle(method: "POST", headerFields: fields, body: body("* * * * *"))
            #expect(response.status == 401, "\(value ?? "nil")")
        }
        #expect(runs.payloads.withLock { $0 }.isEmpty)
    }

    @Test func withoutASecretEveryCallIsRefusedWith500() async {
        for secret in [nil, "", "  "] {
            let response = await route(secret: secret).handle(method: "POST", headerFields: [], body: body("* * * * *"))
            #expect(response.status == 500)
            #expect(response.body["message"]?.stringValue?.contains("NITRO_SCHEDULED_SECRET is not set") == true)
        }
    }

    @Test func failedTasksAreNamedWith500() async {
        let runs = Runs()
        let response = await route(runs: runs).handle(method: "POST", headerFields: authorized, body: body("0 0 * * *"))
        #expect(response.status == 500)
        #expect(response.body["message"] == "Task(s) failed: cms:publish")
        #expect(response.body["failed"] == [["task": "cms:publish", "message": "the CMS is down"]])
        #expect(runs.payloads.withLock { $0.keys.sorted() } == ["cms:update"])
    }

    @Test func badRequestsAreRefused() async {
        let route = route()
        #expect(await route.handle(method: "GET", headerFields: authorized, body: body("* * * * *")).status == 405)
        #expect(await route.handle(method: "POST", headerFields: authorized, body: Array("{}".utf8)).status == 400)
        #expect(await route.handle(method: "POST", headerFields: authorized, body: Array("{\"cron\":1}".utf8)).status == 400)
        #expect(await route.handle(method: "POST", headerFields: authorized, body: body("5 5 5 5 5")).status == 404)
        let twice = authorized + [(name: "AUTHORIZATION", value: "Bearer x")]
        #expect(await route.handle(method: "POST", headerFields: twice, body: body("* * * * *")).status == 400)
    }

    @Test func theContainerServerServesTheRouteAndARootAndNothingElse() async throws {
        let runs = Runs()
        let route = route(runs: runs)
        let post = HTTPRequest(
            method: "POST", target: CloudflareScheduledRoute.path,
            headers: HTTPHeaders([("authorization", "Bearer " + Self.secret)]), body: body("* * * * *"))
        #expect(await DevServer.containerResponse(post, route: route).status == 200)
        let root = HTTPRequest(method: "GET", target: "/")
        #expect(await DevServer.containerResponse(root, route: route).status == 200)
        let tasks = HTTPRequest(method: "GET", target: "/_nitro/tasks")
        #expect(await DevServer.containerResponse(tasks, route: route).status == 404)
        #expect(runs.payloads.withLock { $0.count } == 1)
    }
}

@Suite struct CloudflareContainerLogTests {
    @Test func finishedRunsAreOneLineWithTheScheduledTime() {
        let time = Date(timeIntervalSince1970: 1_830_486_600)
        let succeeded = TaskRunEvent(
            task: "cms:update", trigger: .cloudflare, scheduledTime: time, runID: 1,
            kind: .succeeded(TaskResult(), duration: .milliseconds(2)))
        #expect(DevServer.runLine(succeeded) == "task cms:update succeeded (cloudflare, scheduledTime 1830486600000)")
        let started = TaskRunEvent(task: "cms:update", trigger: .cloudflare, scheduledTime: time, runID: 1, kind: .started)
        #expect(DevServer.runLine(started) == nil)
    }
}
