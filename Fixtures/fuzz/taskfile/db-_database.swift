// A helper, not a task: files starting with `_` under tasks/ are skipped by the scanner.
import Foundation

struct Database: Sendable {
    static let shared = Database()

    func cutoff(daysAgo days: Int) -> String {
        "now-\(days)d"
    }
}
