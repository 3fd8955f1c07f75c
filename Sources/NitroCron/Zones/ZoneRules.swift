import Foundation
import NitroSync

/// A time zone's UTC offsets as a sorted table of transitions, read once from Foundation's time
/// zone database and shared by every expression in that zone.
///
/// Lookups are a binary search instead of a call into Foundation (which costs ~150 ns and more).
/// Outside the table's years (1900-2199) lookups fall back to Foundation.
final class ZoneRules: Sendable {
    let timeZone: TimeZone
    /// The offset when the zone has never changed it in the table's years.
    let fixedOffset: Int64?
    /// Instants (seconds since the epoch) at which the offset changes, ascending.
    let transitions: [Int64]
    /// `offsets[i]` is in force before `transitions[i]`; the last one after the last transition.
    let offsets: [Int64]

    static let tableStart: Int64 = CivilDate.seconds(year: 1900, month: 1, day: 1)
    static let tableEnd: Int64 = CivilDate.seconds(year: 2200, month: 1, day: 1)

    private init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var transitions: [Int64] = []
        var offsets: [Int64] = [Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(Self.tableStart))))]
        var cursor = Date(timeIntervalSince1970: Double(Self.tableStart))
        let end = Date(timeIntervalSince1970: Double(Self.tableEnd))
        while let next = timeZone.nextDaylightSavingTimeTransition(after: cursor), next < end {
            let instant = Int64(next.timeIntervalSince1970.rounded(.down))
            let offset = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant))))
            if offset != offsets[offsets.count - 1] {
                transitions.append(instant)
                offsets.append(offset)
            }
            cursor = next
        }
        self.transitions = transitions
        self.offsets = offsets
        self.fixedOffset = transitions.isEmpty ? offsets[0] : nil
    }

    /// Rules for a constant offset (used to try a translation with one offset).
    private init(fixedOffset: Int64) {
        // UTC as Foundation's ready-made zone: `TimeZone(secondsFromGMT:)` first looks up the
        // implementation type by name, which a short command such as `nitro build` feels.
        self.timeZone = fixedOffset == 0 ? .gmt : TimeZone(secondsFromGMT: Int(fixedOffset)) ?? .gmt
        self.transitions = []
        self.offsets = [fixedOffset]
        self.fixedOffset = fixedOffset
    }

    /// Rules for a constant offset from UTC.
    static func fixed(_ offset: Int64) -> ZoneRules {
        ZoneRules(fixedOffset: offset)
    }

    private static let cache = Locked<[String: ZoneRules]>([:])

    /// The shared rules of a time zone.
    static func rules(for timeZone: TimeZone) -> ZoneRules {
        let key = timeZone.identifier
        if let found = cache.withLock({ $0[key] }) { return found }
        let rules = ZoneRules(timeZone: timeZone)
        return cache.withLock { cache in
            if let found = cache[key] { return found }
            cache[key] = rules
            return rules
        }
    }

    /// The offset from UTC in force at an instant.
    @inline(__always)
    func offset(at instant: Int64) -> Int64 {
        if let fixedOffset { return fixedOffset }
        guard instant >= Self.tableStart, instant < Self.tableEnd else {
            return Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant))))
        }
        // Index of the first transition after the instant.
        var low = 0
        var high = transitions.count
        while low < high {
            let mid = (low + high) >> 1
            if transitions[mid] <= instant { low = mid + 1 } else { high = mid }
        }
        return offsets[low]
    }

    /// Every offset in force at some instant in `[start, end)`, in the order they come.
    func offsets(from start: Int64, to end: Int64) -> [Int64] {
        var result = [offset(at: start)]
        if fixedOffset != nil { return result }
        var low = 0
        var high = transitions.count
        while low < high {
            let mid = (low + high) >> 1
            if transitions[mid] <= start { low = mid + 1 } else { high = mid }
        }
        while low < transitions.count, transitions[low] < end {
            result.append(offsets[low + 1])
            low += 1
        }
        return result
    }

    /// The wall-clock time (seconds, read as civil time) at an instant.
    @inline(__always)
    func wallTime(at instant: Int64) -> Int64 {
        instant + offset(at: instant)
    }

    /// The instant of a wall-clock time, as croner 10 maps it: a time that a forward change skips
    /// is read with the offset before the change (02:30 → 03:30 after a one-hour jump); a time
    /// that a backward change repeats gets its first (earlier) instant.
    func instant(atWallTime wall: Int64) -> Int64 {
        if let fixedOffset { return wall - fixedOffset }
        let margin: Int64 = 15 * 3600
        let early = offset(at: wall - margin)
        let late = offset(at: wall + margin)
        if early == late { return wall - early }
        let first = wall - early
        let second = wall - late
        let firstValid = offset(at: first) == early
        let secondValid = offset(at: second) == late
        switch (firstValid, secondValid) {
        case (true, true): return min(first, second)
        case (false, true): return second
        default: return first  // valid, or in a gap: the offset before the change
        }
    }

    /// The first wall-clock time whose instant (as ``instant(atWallTime:)`` maps it) is after
    /// `instant`: the wall-clock time one second later, except just after a forward change, where
    /// skipped times (read with the offset before the change) map to instants still ahead.
    func firstWallTime(after instant: Int64) -> Int64 {
        let now = offset(at: instant)
        if fixedOffset != nil { return instant + now + 1 }
        let margin: Int64 = 15 * 3600
        let before = offset(at: instant - margin)
        guard before < now else { return instant + now + 1 }
        var low = instant - margin  // offset `before`
        var high = instant  // offset `now`
        while high - low > 1 {
            let mid = (low + high) / 2
            if offset(at: mid) == before { low = mid } else { high = mid }
        }
        // Skipped wall times map to [change, change + gap).
        return instant < high + (now - before) ? instant + before + 1 : instant + now + 1
    }

    /// When `instant` lies in the second pass of a backward change, the wall-clock time at which
    /// the repeated hour(s) end; nil otherwise.
    func endOfRepeatedWallTime(around instant: Int64) -> Int64? {
        if fixedOffset != nil { return nil }
        let margin: Int64 = 15 * 3600
        let before = offset(at: instant - margin)
        let now = offset(at: instant)
        guard before > now else { return nil }
        // The change happened within the margin: find it by bisection.
        var low = instant - margin  // offset `before`
        var high = instant  // offset `now`
        while high - low > 1 {
            let mid = (low + high) / 2
            if offset(at: mid) == before { low = mid } else { high = mid }
        }
        return high + before
    }
}
