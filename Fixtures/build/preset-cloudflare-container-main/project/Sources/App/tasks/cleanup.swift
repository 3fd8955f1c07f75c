import NitroTasks

let cleanup = defineTask { _ in }
