import NitroTasks

let c = defineTask { _ in }
