import NitroTasks

let IMPORT_ITEMS = defineTask(meta: TaskMeta(description: "Import ITEMS: i İ ı I")) { _ in }
