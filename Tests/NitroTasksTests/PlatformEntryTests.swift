import Foundation
import NitroTasks
import NitroTasksDevServer
import NitroTasksRoutes
import NitroSync
import Testing

private struct Failure: Error, CustomStringConvertible {
    var description: String { "the CMS is down" }
}

final class Seen: Sendable {
    let payloads = Locked<[String: TaskPayload]>([:])
    let hadWaitUntil = Locked(false)
}

private func makeRunner(_ seen: Seen) -> TaskRunner {
    let record = defineTask { event in
        seen.payloads.withLock { $0[event.name] = event.payload }
        if event.context.waitUntil != nil { seen.hadWaitUntil.withLock { $0 = true } }
    }
    let failing = defineTask { (_: TaskEvent) -> TaskResult in throw Failure() }
    return TaskRunner(
        registry: TaskRegistry(
            tasks: [
                .init("cms:update", definition: { record }), .init("db:cleanup", definition: { record }),
                .init("cms:publish", definition: { failing }),
            ],
            scheduledTasks: [
                .init(cron: "* * * * *", tasks: ["cms:update"], platformCrons: ["cloudflare": "* * * * *", "vercel": "* * * * *"]),
                .init(
                    cron: "0 9 * * MON", tasks: ["db:cleanup", "cms:update"],
                    platformCrons: ["cloudflare": "0 9 * * 2", "vercel": "0 9 * * 1"]),
                .init(
                    cron: "0 0 * * *", tasks: ["cms:publish", "db:cleanup"],
                    platformCrons: ["cloudflare": "0 0 * * *", "vercel": "0 0 * * *"]),
            ]))
}

@Suite(.timeLimit(.minutes(3))) struct CloudflareScheduledTests {
    @Test func runsTheTasksOfTheTriggerByItsCloudflareString() async {
        let seen = Seen()
        let outcome = await CloudflareScheduled.handle(
            cron: "0 9 * * 2", scheduledTime: 1_717_405_200_000, runner: makeRunner(seen), waitUntil: { _ in },
            log: { _ in })
        #expect(outcome.matched)
        #expect(outcome.tasks == ["db:cleanup", "cms:update"])
        #expect(outcome.failures.isEmpty)
        #expect(
            seen.payloads.withLock { $0 } == [
                "db:cleanup": ["scheduledTime": 1_717_405_200_000], "cms:update": ["scheduledTime": 1_717_405_200_000],
            ])
        #expect(seen.hadWaitUntil.withLock { $0 })
    }

    @Test func logsAnUnknownCronInsteadOfIgnoringIt() async {
        let messages = Locked<[String]>([])
        let outcome = await CloudflareScheduled.handle(
            cron: "5 5 * * *", scheduledTime: 0, runner: makeRunner(Seen()),
            log: { message in messages.withLock { $0.append(message) } })
        #expect(!outcome.matched)
        #expect(messages.withLock { $0 }.first?.contains("no schedule for cron '5 5 * * *'") == true)
    }

    @Test func reportsAFailingTaskByNameAndStillRunsTheOthers() async {
        let seen = Seen()
        let messages = Locked<[String]>([])
        let outcome = await CloudflareScheduled.handle(
            cron: "0 0 * * *", scheduledTime: 0, runner: makeRunner(seen),
            log: { message in messages.withLock { $0.append(message) } })
        #expect(outcome.failures.map(\.task) == ["cms:publish"])
        #expect(seen.payloads.withLock { $0.keys.sorted() } == ["db:cleanup"])
        #expect(messages.withLock { $0 } == ["cloudflare scheduled: task 'cms:publish' (cron '0 0 * * *') failed: the CMS is down"])
    }
}

@Suite(.timeLimit(.minutes(3))) struct VercelCronHandlerTests {
    let now = try! Date("2024-06-03T09:00:07Z", strategy: .iso8601)

    func handler(secret: String? = "s3cr3t-value-16+chars", allowUnauthenticated: Bool = false, seen: Seen = Seen()) -> VercelCronHandler {
        VercelCronHandler(
            runner: makeRunner(seen), environment: secret.map { ["CRON_SECRET": $0] } ?? [:],
            allowUnauthenticated: allowUnauthenticated, warn: { _ in })
    }

    @Test func runsTheScheduleWithTheRightSecret() async {
        let seen = Seen()
        let response = await handler(seen: seen).handle(
            method: "GET", headers: ["Authorization": "Bearer s3cr3t-value-16+chars", "X-Vercel-Cron-Schedule": "0 9 * * 1"], now: now)
        #expect(response == .init(status: 200, body: ["success": true]))
        let minute = (now.timeIntervalSince1970 / 60).rounded(.down) * 60_000
        #expect(seen.payloads.withLock { $0 }["db:cleanup"] == ["scheduledTime": .number(minute)])
    }

    @Test func aLateCallRunsAtTheInstantVercelMeant() async {
        // Vercel's Hobby plan may call up to 59 minutes late: the scheduled time is the cron's last
        // instant, and the call still runs the schedule.
        let seen = Seen()
        let late = try! Date("2024-06-03T09:41:30Z", strategy: .iso8601)
        let response = await handler(seen: seen).handle(
            method: "GET", headers: ["authorization": "Bearer s3cr3t-value-16+chars", "x-vercel-cron-schedule": "0 9 * * 1"], now: late)
        #expect(response == .init(status: 200, body: ["success": true]))
        let nine = try! Date("2024-06-03T09:00:00Z", strategy: .iso8601)
        #expect(seen.payloads.withLock { $0 }["db:cleanup"] == ["scheduledTime": .number(nine.timeIntervalSince1970 * 1000)])
    }

    @Test func aCallThatIsNoInstantOfItsScheduleRunsNothing() async {
        // A call of '0 0 * * *' at 09:00 is no instant of it (more than an hour after midnight).
        let seen = Seen()
        let messages = Locked<[String]>([])
        let handler = VercelCronHandler(
            runner: makeRunner(seen), environment: ["CRON_SECRET": "s3cr3t-value-16+chars"], warn: { _ in },
            debug: { message in messages.withLock { $0.append(message) } })
        let response = await handler.handle(
            method: "GET", headers: ["authorization": "Bearer s3cr3t-value-16+chars", "x-vercel-cron-schedule": "0 0 * * *"], now: now)
        #expect(response == .init(status: 200, body: ["success": true, "ran": [], "skipped": ["0 0 * * *"]]))
        #expect(seen.payloads.withLock { $0 }.isEmpty)
        #expect(messages.withLock { $0 }.first?.contains("is not an instant of '0 0 * * *' in UTC") == true)
    }

    @Test func rejectsAMissingOrWrongSecretWith401() async {
        for authorization in [
            nil, "Bearer s3cr3t-value-16+charz", "Bearer s3cr3t", "s3cr3t-value-16+chars", "Bearer s3cr3t-value-16+chars ",
        ] {
            var headers = ["x-vercel-cron-schedule": "* * * * *"]
            headers["authorization"] = authorization
            let response = await handler().handle(method: "GET", headers: headers, now: now)
            #expect(response.status == 401, "authorization \(authorization ?? "nil")")
        }
    }

    @Test func refusesWith500WhenNoSecretIsConfigured() async {
        let response = await handler(secret: nil).handle(method: "GET", headers: ["x-vercel-cron-schedule": "* * * * *"], now: now)
        #expect(response.status == 500)
        #expect(response.body["message"]?.stringValue?.contains("CRON_SECRET is not set") == true)
        let open = await handler(secret: nil, allowUnauthenticated: true).handle(
            method: "GET", headers: ["x-vercel-cron-schedule": "* * * * *"], now: now)
        #expect(open.status == 200)
    }

    @Test func requiresTheScheduleHeader() async {
        let response = await handler().handle(method: "GET", headers: ["authorization": "Bearer s3cr3t-value-16+chars"], now: now)
        #expect(response == .init(status: 400, body: ["status": 400, "message": "Missing the x-vercel-cron-schedule header"]))
    }

    @Test func unknownScheduleIs404AndOtherMethodsAre405() async {
        let auth = "Bearer s3cr3t-value-16+chars"
        let unknown = await handler().handle(
            method: "GET", headers: ["authorization": auth, "x-vercel-cron-schedule": "1 1 1 1 1"], now: now)
        #expect(unknown.status == 404)
        let put = await handler().handle(method: "PUT", headers: ["authorization": auth, "x-vercel-cron-schedule": "* * * * *"], now: now)
        #expect(put.status == 405)
    }

    @Test func aFailingTaskGives500WithItsName() async {
        let midnight = try! Date("2024-06-04T00:00:20Z", strategy: .iso8601)
        let response = await handler().handle(
            method: "GET", headers: ["authorization": "Bearer s3cr3t-value-16+chars", "x-vercel-cron-schedule": "0 0 * * *"], now: midnight)
        #expect(response.status == 500)
        #expect(response.body["message"] == "Task(s) failed: cms:publish")
        #expect(response.body["failed"] == [["task": "cms:publish", "message": "the CMS is down"]])
    }

    @Test func refusesHeaderNamesThatDifferOnlyInCase() async {
        let seen = Seen()
        let right = "Bearer s3cr3t-value-16+chars"
        // Either value could win in a dictionary walk; the answer must not depend on it.
        let twoAuthorizations = await handler(seen: seen).handle(
            method: "GET",
            headers: ["Authorization": right, "authorization": "Bearer wrong", "x-vercel-cron-schedule": "0 9 * * 1"],
            now: now)
        #expect(twoAuthorizations.status == 400)
        #expect(twoAuthorizations.body["message"]?.stringValue?.contains("authorization appears more than once") == true)
        let twoSchedules = await handler(seen: seen).handle(
            method: "GET",
            headers: ["authorization": right, "X-Vercel-Cron-Schedule": "0 9 * * 1", "x-vercel-cron-schedule": "0 0 * * *"],
            now: now)
        #expect(twoSchedules.status == 400)
        // The list form: a repeated header the handler reads is refused; another may repeat.
        let listed = await handler(seen: seen).handle(
            method: "GET",
            headerFields: [("authorization", right), ("AUTHORIZATION", right), ("x-vercel-cron-schedule", "0 9 * * 1")],
            now: now)
        #expect(listed.status == 400)
        let otherRepeated = await handler(seen: seen).handle(
            method: "GET",
            headerFields: [("accept", "a"), ("Accept", "b"), ("authorization", right), ("x-vercel-cron-schedule", "0 9 * * 1")],
            now: now)
        #expect(otherRepeated.status == 200)
        #expect(seen.payloads.withLock { $0["db:cleanup"] } != nil)
    }

    @Test func warnsAtStartUpAboutABlankOrShortSecret() async {
        func warnings(_ secret: String?, allowUnauthenticated: Bool = false) -> [String] {
            let collected = Locked<[String]>([])
            _ = VercelCronHandler(
                runner: makeRunner(Seen()), environment: secret.map { ["CRON_SECRET": $0] } ?? [:],
                allowUnauthenticated: allowUnauthenticated, warn: { message in collected.withLock { $0.append(message) } })
            return collected.withLock { $0 }
        }
        #expect(warnings("0123456789abcdef") == [])
        #expect(warnings(nil) == [])  // unset: every request answers 500 saying so
        #expect(
            warnings("short") == [
                "CRON_SECRET is only 5 characters long; use a random string of at least 16 (for example `openssl rand -hex 32`)"
            ])
        #expect(
            warnings("   ").first?.hasPrefix("CRON_SECRET is blank, so it counts as unset and the cron route refuses every call (500)")
                == true)
        #expect(warnings("", allowUnauthenticated: true).first?.hasPrefix("CRON_SECRET is blank, so it counts as unset;") == true)
        // A blank secret is no secret: `Authorization: Bearer   ` must not pass.
        let blank = await handler(secret: "   ").handle(
            method: "GET", headers: ["authorization": "Bearer    ", "x-vercel-cron-schedule": "0 9 * * 1"], now: now)
        #expect(blank.status == 500)
    }
}
