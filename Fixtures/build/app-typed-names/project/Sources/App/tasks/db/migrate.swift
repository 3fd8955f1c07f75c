import Foundation
import NitroTasks

/// Reads its payload with the readers, and returns plain values.
let migrate = defineTask(meta: TaskMeta(description: "Run database migrations")) { event in
    let dryRun = event.payload.bool("dryRun") ?? false
    let limit = event.payload.int("limit") ?? 100
    let user = event.payload.string("user") ?? "nobody"
    let since = event.payload.date("since")
    return TaskResult(result: ["dryRun": dryRun, "limit": limit, "user": user, "since": since])
}
