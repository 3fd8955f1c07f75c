import NitroTasks

let legacyMigrate = defineTask { _ in }
