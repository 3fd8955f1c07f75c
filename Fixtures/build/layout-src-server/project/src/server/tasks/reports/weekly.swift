import NitroTasks
import Shared

let weekly = defineTask(meta: TaskMeta(description: "Send the weekly report")) { _ in
    TaskResult(result: .string(reportTitle))
}
