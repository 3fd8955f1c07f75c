import NitroTasks

let cmsUpdate = defineTask(
    meta: TaskMeta(name: "cms:update", description: "Update CMS content")
) { event in
    // Scheduled runs receive the scheduled instant in milliseconds since 1970.
    let scheduledTime = event.payload.double("scheduledTime")
    return TaskResult(result: ["updated": true, "scheduledTime": scheduledTime])
}
