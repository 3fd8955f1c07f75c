import Foundation
import NitroTasks

struct ReportOptions: Decodable {
    var days: Int
    var from: Date?
}

/// Decodes its payload: a payload that does not fit is a 400 naming the key.
let report = defineTask { event in
    let options = try event.payload.decode(ReportOptions.self)
    let from = options.from ?? Date(timeIntervalSince1970: 0)
    return TaskResult(result: [from, options.days])
}
