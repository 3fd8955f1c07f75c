import NitroTasks

let test = defineTask { _ in }
