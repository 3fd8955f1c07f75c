import Foundation

@testable import NitroCron

/// `2024-01-01T00:00:00Z` (optionally with fractional seconds) as a Date.
func date(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = text.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
    guard let date = formatter.date(from: text) else { fatalError("bad test date \(text)") }
    return date
}

/// A Date as `2024-01-01T00:00:00.000Z`.
func iso(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: date)
}

/// The zone with that IANA name.
func zone(_ identifier: String) -> TimeZone {
    guard let zone = TimeZone(identifier: identifier) else { fatalError("unknown zone \(identifier)") }
    return zone
}

/// The next `count` instants of an expression as ISO strings.
func nextRuns(_ text: String, _ count: Int, from: String, in zoneName: String = "UTC") throws -> [String] {
    let expression = try CronExpression(text, timeZone: zone(zoneName))
    return expression.next(count: count, after: date(from)).map(iso)
}

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
