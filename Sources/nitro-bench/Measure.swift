import CNitroSystem
import Foundation

/// Timing helpers shared by the suites: monotonic clock, repeated runs, median.
enum Measure {
    /// Nanoseconds on the monotonic clock.
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Bytes of the C heap in use now (glibc's `mallinfo2`: allocated chunks, not pages kept),
    /// or 0 where it is not available.
    static func heapInUse() -> Int { Int(cnitro_heap_in_use()) }

    /// Runs `body` `repeats` times and returns the median of the nanoseconds each took.
    static func median(repeats: Int, _ body: () async throws -> Void) async rethrows -> Double {
        var samples: [UInt64] = []
        for _ in 0..<repeats {
            let start = now()
            try await body()
            samples.append(now() - start)
        }
        samples.sort()
        return Double(samples[samples.count / 2])
    }

    /// Medians of `bodies` timed in turn, `repeats` rounds of one run each, so that a change in the
    /// machine's load shifts every one of them alike (ratios between them stay fair).
    static func alternatedMedians(repeats: Int, _ bodies: [() async throws -> Void]) async throws -> [Double] {
        var samples = [[UInt64]](repeating: [], count: bodies.count)
        for _ in 0..<repeats {
            for (index, body) in bodies.enumerated() {
                let start = now()
                try await body()
                samples[index].append(now() - start)
            }
        }
        return samples.map { Double($0.sorted()[$0.count / 2]) }
    }

    /// Keeps the optimiser from deleting a measured computation.
    @inline(never) @_optimize(none)
    static func blackHole<T>(_ value: T) {}

    /// A figure with its unit, aligned.
    static func report(_ label: String, _ value: String) {
        print("  \(label.padding(toLength: 48, withPad: " ", startingAt: 0)) \(value)")
    }

    static func format(_ value: Double, digits: Int = 1) -> String {
        String(format: "%.\(digits)f", value)
    }

    /// Peak resident memory of this process so far, in bytes (Linux `VmHWM`).
    static func peakMemoryBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.filter(\.isNumber)
            return Int(digits).map { $0 * 1024 }
        }
        return nil
    }
}
