import NitroTasks

let creme = defineTask { _ in }
