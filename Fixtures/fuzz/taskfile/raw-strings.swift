import NitroTasks

#if DEBUG
private let helper = "not a task \(1 + 2) \"quoted\""
#endif

/* nested /* block */ comment with let fake = defineTask */
public let `default`: TaskDefinition = NitroTasks.defineTask(
    meta: .init(name: #"raw "name""#, description: """
        Multi-line \
        description with "quotes" and \u{1F600}
        """)
) { event in
    let regex = #/a"b/#
    return TaskResult(result: .string("\(event.name) \("nested \("deep")")"))
}
