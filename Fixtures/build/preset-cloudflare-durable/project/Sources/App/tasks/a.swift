import NitroTasks

let a = defineTask { _ in }
