import NitroTasks

struct PublishError: Error, CustomStringConvertible {
    let description: String
}

/// Publishes one page; fails (500 over HTTP) when the payload has no `slug`.
let publish = defineTask(
    meta: TaskMeta(description: "Publish a page by slug")
) { event in
    guard let slug = event.payload.string("slug"), !slug.isEmpty else {
        throw PublishError(description: "missing `slug` in payload")
    }
    return TaskResult(result: ["published": slug])
}
