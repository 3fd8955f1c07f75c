import NitroTasks

let update = defineTask { _ in }
