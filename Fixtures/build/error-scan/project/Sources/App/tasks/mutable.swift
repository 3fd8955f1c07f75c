import NitroTasks

var mutable = defineTask { _ in }
