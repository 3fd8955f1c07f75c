import NitroTasks

// A task file saved with CRLF line ends.
let multi = defineTask(
    meta: TaskMeta(
        description: """
            First line
              indented \
            joined
            """
    )
) { _ in }
