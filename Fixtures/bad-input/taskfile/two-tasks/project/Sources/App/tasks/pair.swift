import NitroTasks

let first = defineTask { _ in }
let second = defineTask { _ in }
