import NitroTasks

let weekly = defineTask { _ in }
