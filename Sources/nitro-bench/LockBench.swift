import Foundation
import NitroSync
import Synchronization

/// `nitro-bench lock`: `NitroSync.Locked` (a POSIX mutex, which ThreadSanitizer can follow) against
/// `Synchronization.Mutex` (the baseline), uncontended and with every thread of the pool contending.
enum LockBench {
    static func run(_ options: BenchOptions) async throws {
        let operations = options.int("--operations", default: 2_000_000)
        let threads = max(2, ProcessInfo.processInfo.activeProcessorCount)

        let mutex = Mutex(0)
        let locked = Locked(0)
        let mutexAlone = await Measure.median(repeats: 5) {
            for _ in 0..<operations { mutex.withLock { $0 &+= 1 } }
        }
        let lockedAlone = await Measure.median(repeats: 5) {
            for _ in 0..<operations { locked.withLock { $0 &+= 1 } }
        }
        let mutexShared = await Measure.median(repeats: 5) {
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                for _ in 0..<(operations / threads) { mutex.withLock { $0 &+= 1 } }
            }
        }
        let lockedShared = await Measure.median(repeats: 5) {
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                for _ in 0..<(operations / threads) { locked.withLock { $0 &+= 1 } }
            }
        }
        let total = mutex.withLock { $0 } + locked.withLock { $0 }
        guard total == 2 * 5 * (operations + (operations / threads) * threads) else {
            throw BenchError("lost increments: \(total)")
        }
        let perOperation = { (nanoseconds: Double) in nanoseconds / Double(operations) }
        Measure.report("Mutex, one thread (baseline)", "\(Measure.format(perOperation(mutexAlone))) ns/op")
        Measure.report(
            "Locked, one thread",
            "\(Measure.format(perOperation(lockedAlone))) ns/op, \(Measure.format(lockedAlone / mutexAlone, digits: 2))x")
        Measure.report("Mutex, \(threads) threads contending (baseline)", "\(Measure.format(perOperation(mutexShared))) ns/op")
        Measure.report(
            "Locked, \(threads) threads contending",
            "\(Measure.format(perOperation(lockedShared))) ns/op, \(Measure.format(lockedShared / mutexShared, digits: 2))x")
    }
}
