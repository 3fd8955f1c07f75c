import Foundation
import NitroJSON
import NitroTestSupport
import Testing

/// `nitro cron`, run as the real built binary: stdout, stderr and the exit code.
struct CronCommandTests {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// `nitro cron ARGUMENTS`, waited for on a thread of its own.
    func run(_ arguments: [String]) async throws -> Result {
        let output = try await NitroBinary.run(["cron"] + arguments)
        return Result(status: output.status, stdout: output.stdout, stderr: output.stderr)
    }

    @Test func printsTheNextInstants() async throws {
        let result = try await run(["0 9 * * MON-FRI", "--from", "2024-01-05T10:00:00Z", "--next", "3"])
        #expect(result.status == 0)
        #expect(result.stdout == "2024-01-08T09:00:00.000Z\n2024-01-09T09:00:00.000Z\n2024-01-10T09:00:00.000Z\n")
        #expect(result.stderr == "")
    }

    @Test func defaultsToFiveInstantsAndAcceptsUnquotedFields() async throws {
        let result = try await run(["--from", "2024-01-01T00:00:00Z", "--", "0", "*", "*", "*", "*"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 5)
        #expect(result.stdout.hasPrefix("2024-01-01T01:00:00.000Z\n"))
    }

    @Test func timeZoneAndLocalFrom() async throws {
        let result = try await run(["30 2 * * *", "--timezone", "America/New_York", "--from", "2024-03-09T12:00", "--next", "2"])
        #expect(result.status == 0)
        #expect(result.stdout == "2024-03-10T07:30:00.000Z\n2024-03-11T06:30:00.000Z\n")
    }

    @Test func presetTranslatesFirst() async throws {
        let result = try await run(["0 9 * * 1", "--preset", "cloudflare-module", "--from", "2024-01-01T00:00:00Z", "--next", "1"])
        #expect(result.status == 0)
        #expect(result.stdout == "cloudflare: 0 9 * * MON\n2024-01-01T09:00:00.000Z\n")
        let vercel = try await run(["@weekly", "--preset", "vercel", "--from", "2024-01-01T00:00:00Z", "--next", "1"])
        #expect(vercel.stdout == "vercel: 0 0 * * 0\n2024-01-07T00:00:00.000Z\n")
        let node = try await run(["0 9 * * 1", "--preset", "node_server", "--from", "2024-01-01T00:00:00Z", "--next", "1"])
        #expect(node.stdout == "node_server: 0 9 * * 1 (croner in-process, no translation)\n2024-01-01T09:00:00.000Z\n")
        let pages = try await run(["0 9 * * 1", "--preset", "cloudflare_pages", "--from", "2024-01-01T00:00:00Z", "--next", "1"])
        #expect(pages.status == 0)
        #expect(pages.stderr.contains("warning: Cloudflare Pages has no cron triggers"))
    }

    @Test func untranslatableScheduleFails() async throws {
        let result = try await run(["0 0 L * *", "--preset", "vercel", "--from", "2024-01-01T00:00:00Z", "--next", "1"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("<cron>:1:5: error: vercel: Vercel cron has no 'L'"))
        #expect(result.stdout == "2024-01-31T00:00:00.000Z\n")
    }

    @Test func invalidExpressionIsACompilerStyleError() async throws {
        let result = try await run(["0 0 32 * *"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "<cron>:1:5: error: day-of-month 32 is out of range 1-31\n0 0 32 * *\n    ^\n")
        let never = try await run(["0 0 30 2 *"])
        #expect(never.status == 1)
        #expect(never.stderr.contains("can never fire"))
    }

    @Test func warningsGoToStderr() async throws {
        let result = try await run(["0 0 ? * MON", "--from", "2024-01-01T00:00:00Z", "--next", "1"])
        #expect(result.status == 0)
        #expect(result.stdout == "2024-01-02T00:00:00.000Z\n")
        #expect(result.stderr.hasPrefix("<cron>:1:5: warning: '?' in day-of-month is not '*'"))
    }

    @Test func jsonOutput() async throws {
        let result = try await run([
            "0 9 * * 1", "--json", "--from", "2024-01-01T00:00:00Z", "--next", "2", "--preset", "cloudflare_module",
        ])
        #expect(result.status == 0)
        #expect(
            result.stdout == """
                {
                  "expression": "0 9 * * 1",
                  "next": [
                    "2024-01-01T09:00:00.000Z",
                    "2024-01-08T09:00:00.000Z"
                  ],
                  "platform": {
                    "dialect": "cloudflare",
                    "expression": "0 9 * * MON",
                    "preset": "cloudflare_module"
                  },
                  "timezone": "UTC"
                }

                """)
        let plain = try await run(["@hourly", "--json", "--from", "2024-01-01T00:00:00Z", "--next", "1", "--timezone", "Europe/Berlin"])
        #expect(plain.stdout.contains("\"timezone\": \"Europe/Berlin\""))
        #expect(!plain.stdout.contains("platform"))
    }

    @Test(arguments: [
        ["--next", "0", "* * * * *"],
        ["* * * * *", "--timezone", "Mars/Olympus"],
        ["* * * * *", "--from", "yesterday"],
        ["* * * * *", "--preset", "heroku"],
        ["* * * * *", "--bogus"],
        [],
    ])
    func usageErrorsExit64(_ arguments: [String]) async throws {
        let result = try await run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: "))
    }

    @Test func localTimeOnAUTCPlatformShowsEveryInvocation() async throws {
        let result = try await run([
            "0 9 * * MON", "--timezone", "Europe/Berlin", "--preset", "cloudflare_module", "--from", "2027-03-20T00:00:00Z", "--next", "2",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                cloudflare: 0 7,8 * * MON
                # the platform fires in UTC at every offset Europe/Berlin has; the app runs the tasks only at instants of '0 9 * * MON' in Europe/Berlin:
                skip 2027-03-22T07:00:00.000Z  (0 7,8 * * MON)
                run  2027-03-22T08:00:00.000Z  (0 7,8 * * MON)
                run  2027-03-29T07:00:00.000Z  (0 7,8 * * MON)
                # next instants:
                2027-03-22T08:00:00.000Z
                2027-03-29T07:00:00.000Z

                """)
        let json = try await run([
            "0 9 * * *", "--timezone", "Europe/Berlin", "--preset", "vercel", "--from", "2027-03-27T00:00:00Z", "--next", "1", "--json",
        ])
        let object = try JSONReader.parse(json.stdout)
        #expect(object["platform"]?["expressions"] == ["0 7 * 3-10 *", "0 8 * 1-3,10-12 *"])
        #expect(object["platform"]?["exact"] == false)
        #expect(
            object["platform"]?["invocations"]
                == [
                    ["time": "2027-03-27T07:00:00.000Z", "cron": "0 7 * 3-10 *", "runs": false],
                    ["time": "2027-03-27T08:00:00.000Z", "cron": "0 8 * 1-3,10-12 *", "runs": true],
                ])
    }
}
