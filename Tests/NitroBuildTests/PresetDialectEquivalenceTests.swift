import Foundation
import NitroCron
import NitroSync
import Testing

@testable import NitroBuild

/// For every schedule of the build fixtures (and a few more that exercise each dialect form),
/// the string written for Cloudflare and for Vercel, evaluated with the platform's own rules
/// (``PresetPlatformCron``, independent of NitroCron), fires at exactly the UTC instants the
/// original fires at under croner's rules in its zone, over a whole (leap) year.
@Suite("Presets: translated schedules fire at the same instants for a year")
struct PresetDialectEquivalenceTests {
    static let year = 2028

    /// `(expression, zone)` of every fixture config's schedules, plus extra forms.
    static let schedules: [(cron: String, zone: String)] = {
        var result: [(String, String)] = []
        let build = PresetSchemaTests.root + "/Fixtures/build"
        var projects = ((try? FileManager.default.contentsOfDirectory(atPath: build)) ?? []).sorted().map {
            build + "/" + $0 + "/project"
        }
        projects.append(PresetSchemaTests.root + "/Fixtures/basic")
        for project in projects {
            let files = ConfigReader.fileNames.compactMap { name -> SourceFile? in
                guard let data = FileManager.default.contents(atPath: project + "/" + name) else { return nil }
                return SourceFile(path: name, bytes: Array(data))
            }
            let config = ConfigReader.read(files).config
            for schedule in config.scheduledTasks {
                result.append((schedule.cron.value, config.schedulerTimeZone?.value ?? "UTC"))
            }
        }
        return result + extra
    }()

    static let extra: [(String, String)] = [
        ("0 9 * * MON-FRI", "UTC"), ("*/7 3-5 * JAN,JUL *", "UTC"), ("0 0 L * *", "UTC"), ("0 0 LW * *", "UTC"),
        ("0 0 15W * *", "UTC"), ("0 0 1W * *", "UTC"), ("0 12 * * FRI#2", "UTC"), ("0 12 * * 5L", "UTC"),
        ("0 0 1,15 * MON", "UTC"), ("0 0 ? * MON", "UTC"), ("0 0 * * 0,7", "UTC"), ("@weekly", "UTC"),
        ("@monthly", "UTC"), ("0 0 0 * * *", "UTC"), ("0 9 * * *", "Asia/Kolkata"), ("0 2 * * MON", "Asia/Tokyo"),
        ("45 23 * * SAT", "Asia/Kolkata"), ("0 9 * 1 *", "America/New_York"), ("30 8 * 6-8 1-5", "Europe/Berlin"),
        ("0 0 29 2 *", "UTC"), ("0 0 31 * *", "UTC"), ("0 6 1-7 * *", "Etc/GMT-3"),
    ]

    /// The instants of `expression` in the year, by croner's rules, in seconds since 1970.
    static func original(_ expression: CronExpression) -> [Int64] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.date(from: DateComponents(year: year, month: 1, day: 1))!
        let end = calendar.date(from: DateComponents(year: year + 1, month: 1, day: 1))!
        var result: [Int64] = []
        var cursor = start.addingTimeInterval(-1)
        while let next = expression.next(after: cursor), next < end {
            result.append(Int64(next.timeIntervalSince1970))
            cursor = next
        }
        return result
    }

    @Test("every translatable schedule, both dialects")
    func equivalence() async throws {
        // Seconds of CPU in a debug build: on a thread of its own, not a cooperative one.
        let (compared, refused, problems) = try await offThread { () throws -> (Int, Int, [String]) in try Self.compare() }
        for problem in problems { Issue.record(Comment(rawValue: problem)) }
        #expect(compared >= 50, "compared \(compared)")
        #expect(refused >= 5, "refused \(refused)")
    }

    static func compare() throws -> (compared: Int, refused: Int, problems: [String]) {
        var compared = 0
        var refused = 0
        var problems: [String] = []
        for (cron, zoneName) in Self.schedules {
            let zone = TimeZone(identifier: zoneName)!
            guard let expression = try? CronExpression(cron, timeZone: zone) else { continue }
            let expected = Self.original(expression)
            for (platform, dialect) in [(CronPlatform.cloudflare, PresetPlatformCron.Dialect.cloudflare), (.vercel, .vercel)] {
                let translated: String
                do {
                    translated = try expression.translated(for: platform)
                } catch {
                    refused += 1
                    continue
                }
                let platformCron = try PresetPlatformCron(translated, dialect: dialect)
                let actual = platformCron.instants(inYear: Self.year)
                if actual != expected {
                    let first = zip(actual, expected).first { $0 != $1 }
                    problems.append(
                        "\(cron) in \(zoneName) → \(platform) '\(translated)': first difference \(first.map { "\(Date(timeIntervalSince1970: Double($0.0))) vs \(Date(timeIntervalSince1970: Double($0.1)))" } ?? "in count")"
                    )
                }
                compared += 1
            }
        }
        return (compared, refused, problems)
    }

    @Test("the evaluator is not a copy of the engine: Cloudflare's 1 is Sunday, Vercel's 1 is Monday")
    func evaluatorReadsDialects() throws {
        let cloudflare = try PresetPlatformCron("0 0 * * 1", dialect: .cloudflare).instants(inYear: Self.year)
        let vercel = try PresetPlatformCron("0 0 * * 1", dialect: .vercel).instants(inYear: Self.year)
        // 2028-01-02 is a Sunday, 2028-01-03 a Monday.
        #expect(cloudflare.first == 1_830_384_000)
        #expect(vercel.first == 1_830_470_400)
        #expect(throws: PresetPlatformCron.Unsupported.self) { try PresetPlatformCron("0 0 * * MON", dialect: .vercel) }
        #expect(throws: PresetPlatformCron.Unsupported.self) { try PresetPlatformCron("0 0 1 * 1", dialect: .vercel) }
    }
}
