import NitroTasks

// A config handler outside tasks/: registered as jobs:nightly only.
let nightly = defineTask(meta: TaskMeta(description: "Nightly maintenance")) { _ in
    TaskResult(result: "nightly done")
}
