// libFuzzer target: the cron parser, next-run search, platform translation and timestamps.
//
// The input is the expression text; the zone and the start instant come from a hash of the
// input, so every mutation also moves them. Invariants:
// - a rejected expression's error column lies inside the text (or one past its end);
// - an accepted one's next instant is a whole second strictly after the start, matches the
//   expression, and no second between the start and it matches (sampled); successive instants
//   strictly increase and each matches;
// - a translation for Cloudflare or Vercel reads back (croner's rules, UTC) and fires at the
//   same instants as the original in its zone, from a start in 2025-2060 (translations are for
//   the zone's current rules; before 1996 Europe changed clocks in other months);
// - a timestamp that reads, written and read again, is the same instant.
import Foundation

@testable import NitroCron

let zones: [TimeZone] = [
    "UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham",
].map { TimeZone(identifier: $0)! }

/// FNV-1a, so the derived zone and start are stable across runs.
func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return value
}

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    let seed = hash(bytes)
    let zone = zones[Int(seed % UInt64(zones.count))]
    // 1990 … 2060, at any second.
    let start = Date(timeIntervalSince1970: 631_152_000 + Double((seed >> 8) % 2_208_988_800))

    if let date = CronTimestamp.parse(text, timeZone: zone) {
        let written = CronTimestamp.format(date)
        let again = CronTimestamp.parse(written, timeZone: zone)
        check(again != nil, "'\(text)' read, but its formatted form '\(written)' does not")
        check(
            CronTimestamp.format(again!) == written, "'\(text)' → '\(written)' → '\(CronTimestamp.format(again!))'")
    }

    let expression: CronExpression
    do {
        expression = try CronExpression(text, timeZone: zone)
    } catch {
        if let column = error.column {
            check(column >= 1 && column <= text.utf8.count + 1, "column \(column) outside '\(text)': \(error)")
        }
        check(!error.message.isEmpty, "empty message for '\(text)'")
        return 0
    }
    let described = "'\(text)' in \(zone.identifier) after \(start.timeIntervalSince1970)"
    let instants = expression.next(count: 4, after: start)
    if let first = instants.first {
        check(first > start, "\(described): next \(first) is not after the start")
        check(first.timeIntervalSince1970 == first.timeIntervalSince1970.rounded(), "\(described): not a whole second")
        let gap = first.timeIntervalSince1970 - start.timeIntervalSince1970.rounded(.down)
        for probe in [1.0, gap / 2, gap - 1] where probe >= 1 && probe < gap {
            let between = Date(timeIntervalSince1970: start.timeIntervalSince1970.rounded(.down) + probe.rounded(.down))
            check(!expression.matches(between), "\(described): \(between) matches but next skipped it")
        }
    }
    for (index, instant) in instants.enumerated() {
        check(expression.matches(instant), "\(described): next instant \(instant) does not match")
        if index > 0 { check(instant > instants[index - 1], "\(described): instants do not increase: \(instants)") }
    }

    let recent = Date(timeIntervalSince1970: 1_735_689_600 + Double((seed &* 0x9E37_79B9_7F4A_7C15) % 1_104_537_600))
    for platform in CronPlatform.allCases {
        guard let translated = try? expression.translated(for: platform) else { continue }
        let utc: CronExpression
        do {
            utc = try CronExpression(translated)
        } catch {
            fatalError("\(described): the \(platform) translation '\(translated)' does not read back: \(error)")
        }
        check(
            utc.next(count: 24, after: recent) == expression.next(count: 24, after: recent),
            "\(described): the \(platform) translation '\(translated)' fires at other instants after \(recent)")
    }
    return 0
}
