import NitroTasks

struct Report: Encodable, Sendable {
    var removed: Int
    var note: String
}

let encodable = defineTask(meta: TaskMeta(description: "Returns a struct")) { _ in
    Report(removed: 12, note: "let x = defineTask { } in a string")
}
