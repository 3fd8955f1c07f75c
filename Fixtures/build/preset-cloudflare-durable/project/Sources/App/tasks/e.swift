import NitroTasks

let e = defineTask { _ in }
