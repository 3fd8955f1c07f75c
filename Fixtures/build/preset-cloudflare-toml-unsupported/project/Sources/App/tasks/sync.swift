import NitroTasks

let sync = defineTask { _ in }
