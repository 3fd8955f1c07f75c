import NitroTasks

/* A description over several lines; /* nested */ comments around it. */
let multi = defineTask(
    meta: TaskMeta(
        description: """
            First line
              indented "second" line
            """
    )
) { _ in
    TaskResult(result: "multi")
}
