import NitroTasks

let b = defineTask { _ in }
