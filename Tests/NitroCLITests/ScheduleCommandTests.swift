import Foundation
import NitroJSON
import NitroTestSupport
import Testing

/// `nitro schedule`, run as a process on small projects.
@Suite struct ScheduleCommandTests {
    /// A project with a task per schedule, in the given time zone.
    func project(timeZone: String?, schedules: String) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory("nitro-schedule")
        for name in ["migrate", "cleanup", "update"] {
            try directory.write(
                "Sources/App/tasks/\(name).swift",
                "import NitroTasks\n\nlet \(name) = defineTask { _ in TaskResult(result: \"ok\") }\n")
        }
        let scheduler = timeZone.map { "\"scheduler\": {\"timezone\": \"\($0)\"}," } ?? ""
        try directory.write(
            "nitro.config.json",
            "{\"experimental\": {\"tasks\": true}, \(scheduler) \"scheduledTasks\": {\(schedules)}}\n")
        return directory
    }

    @Test func listsEachScheduleWithItsNextInstantsInTheConfiguredZone() async throws {
        let directory = try project(
            timeZone: "America/New_York", schedules: #""30 2 * * *": "migrate", "0 */6 * * *": ["cleanup", "update"]"#)
        let output = try await NitroBinary.run(
            ["schedule", "--root", directory.path, "--from", "2024-03-09T12:00:00Z", "--next", "2"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(
            output.stdout == """
                Schedules (time zone America/New_York):

                  30 2 * * *   migrate
                    next  2024-03-10T03:30:00-04:00  (in 19h 30m)
                          2024-03-11T02:30:00-04:00

                  0 */6 * * *  cleanup, update
                    next  2024-03-09T12:00:00-05:00  (in 5h 0m)
                          2024-03-09T18:00:00-05:00

                """)
    }

    @Test func oneShotDatesShowTheirOneInstantOrNone() async throws {
        let directory = try project(
            timeZone: "Europe/Berlin", schedules: #""2024-05-01T10:00:00": "migrate", "2024-01-01T00:00:00Z": "cleanup""#)
        let output = try await NitroBinary.run(["schedule", "--root", directory.path, "--from", "2024-03-09T12:00:00Z"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(
            output.stdout == """
                Schedules (time zone Europe/Berlin):

                  2024-05-01T10:00:00   migrate
                    next  2024-05-01T10:00:00+02:00  (in 52d 20h)

                  2024-01-01T00:00:00Z  cleanup
                    next  none: no instant after this time (its date or year has passed)

                """)
    }

    @Test func jsonGivesUTCAndLocalInstants() async throws {
        let directory = try project(timeZone: "Europe/Berlin", schedules: #""30 2 * * *": "migrate""#)
        let output = try await NitroBinary.run(
            ["schedule", "--root", directory.path, "--from", "2024-10-26T12:00:00Z", "--next", "2", "--json"])
        #expect(output.status == 0, "\(output.stderr)")
        let document = try JSONReader.parse(output.stdout)
        #expect(
            document == [
                "timezone": "Europe/Berlin", "from": "2024-10-26T12:00:00.000Z",
                "schedules": [
                    [
                        "cron": "30 2 * * *", "tasks": ["migrate"],
                        // Fall-back night: the repeated 02:30 fires once, at the summer-time instant.
                        "next": ["2024-10-27T00:30:00.000Z", "2024-10-28T01:30:00.000Z"],
                        "nextLocal": ["2024-10-27T02:30:00+02:00", "2024-10-28T02:30:00+01:00"],
                    ]
                ],
            ])
    }

    @Test func noSchedulesSaysHowToAddThem() async throws {
        let directory = try project(timeZone: nil, schedules: "")
        let output = try await NitroBinary.run(["schedule", "--root", directory.path])
        #expect(output.status == 0)
        #expect(output.stdout == "No schedules. Add them under `scheduledTasks` in nitro.config.\n")
    }

    @Test func badOptionsAreUsageErrors() async throws {
        let output = try await NitroBinary.run(["schedule", "--next", "0"])
        #expect(output.status == 64)
        #expect(output.stderr.hasPrefix("Error: The value '0' for '--next' is not a whole number from 1 to 1000\n"))
        let from = try await NitroBinary.run(["schedule", "--root", try project(timeZone: nil, schedules: "").path, "--from", "yesterday"])
        #expect(from.status == 64)
    }
}
