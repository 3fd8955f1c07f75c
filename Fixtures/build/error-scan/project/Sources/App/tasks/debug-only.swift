import NitroTasks

#if DEBUG
let debugOnly = defineTask { _ in }
#endif
