import NitroTasks

let d = defineTask { _ in }
