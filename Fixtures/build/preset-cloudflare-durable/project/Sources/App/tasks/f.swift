import NitroTasks

let f = defineTask { _ in }
