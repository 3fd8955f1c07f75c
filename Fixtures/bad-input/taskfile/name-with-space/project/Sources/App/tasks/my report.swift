import NitroTasks

let myReport = defineTask { _ in }
