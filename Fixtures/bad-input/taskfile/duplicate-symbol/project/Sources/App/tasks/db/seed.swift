import NitroTasks

let migrate = defineTask { _ in }
